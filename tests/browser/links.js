// tests/browser/links.js — opens every page of a handbook in headless
// Chromium (tests/browser/chromium.js: JavaScript ON this time, no network) and checks that no link can run a script:
// Chromium's own reading of every <a href> (after it strips tabs, newlines
// and controls) is file:, http:, https: or mailto:; then, on the pages
// named, it clicks every link one by one and fails on any dialog (the
// hostile content's payloads call alert()).
//
//   node tests/browser/links.js HANDBOOK_DIR [PAGE_TO_CLICK...]
//
// Prints one line per check ("ok ..." or "FAIL ...") and exits 1 on any
// failure.
'use strict';
const path = require('path');
const fs = require('fs');
const { launch } = require('./chromium');

const [hb, ...clickPages] = process.argv.slice(2);
let failed = 0;
function check(ok, what) {
	console.log((ok ? 'ok ' : 'FAIL ') + what);
	if (!ok) failed++;
}
function pages(dir) {
	let out = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out = out.concat(pages(p));
		else if (e.name.endsWith('.html')) out.push(p);
	}
	return out.sort();
}
const SAFE = new Set(['file:', 'http:', 'https:', 'mailto:']);
// a click's navigation may still be arriving when the next goto starts
async function open(page, url) {
	for (let t = 0; t < 10; t++) {
		try { await page.goto(url); return; }
		catch (e) { await page.waitForTimeout(50); }
	}
	await page.goto(url);
}

(async () => {
	const b = await launch({ javaScriptEnabled: true });
	const ctx = b.ctx, page = b.page;
	let dialogs = [];
	const onDialog = (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); };
	page.on('dialog', onDialog);
	ctx.on('page', (p) => p.on('dialog', onDialog));
	let nlinks = 0;
	for (const f of pages(hb)) {
		await page.goto('file://' + path.resolve(f));
		// SVG links have no .protocol: the same WHATWG parser via URL
		const links = await page.evaluate(() =>
		    Array.from(document.querySelectorAll('a[href], area[href]'),
		    (a) => {
			const h = a.getAttribute('href');
			try { return [new URL(h, document.baseURI).protocol, h]; }
			catch (e) { return ['invalid', h]; }
		    }));
		nlinks += links.length;
		const bad = links.filter((l) => !SAFE.has(l[0]));
		check(bad.length === 0, path.relative(hb, f) + ': ' + links.length +
		    ' links' + (bad.length ? ', unsafe: ' + JSON.stringify(bad) : ''));
	}
	for (const rel of clickPages) {
		const url = 'file://' + path.resolve(hb, rel);
		await open(page, url);
		const n = await page.evaluate(() => document.links.length);
		dialogs = [];
		for (let i = 0; i < n; i++) {
			await open(page, url);
			await page.evaluate((k) => {
				const a = document.links[k];
				if (a) { a.target = '_self'; a.click(); }
			}, i).catch(() => {});
			await page.waitForTimeout(30);
		}
		check(dialogs.length === 0, rel + ': clicked ' + n + ' links, ' +
		    dialogs.length + ' scripts ran' +
		    (dialogs.length ? ' ' + JSON.stringify(dialogs) : ''));
	}
	check(nlinks > 0, 'links seen: ' + nlinks);
	await b.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e); process.exit(1); });
