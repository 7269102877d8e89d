// tests/browser/report.js — opens a monthly sales report in headless
// Chromium (Debian's /usr/bin/chromium through playwright-core, JavaScript
// off, no network), checks what a reader sees on screen and in print (A4),
// and saves screenshots of every section.
//
//   node tests/browser/report.js REPORT_HTML SHOT_DIR
//
// Prints one line per check ("ok ..." or "FAIL ...") and exits 1 on any
// failure.
'use strict';
const path = require('path');
const fs = require('fs');
const { launch } = require('./chromium');

const [html, shots] = process.argv.slice(2);
let failed = 0;
function check(ok, what) {
	console.log((ok ? 'ok ' : 'FAIL ') + what);
	if (!ok) failed++;
}

(async () => {
	const b = await launch({ javaScriptEnabled: false, height: 1600 });
	const page = b.page;
	const requests = [];
	page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
	page.on('requestfailed', (r) => check(false, 'load ' + r.url()));
	await page.goto('file://' + path.resolve(html));
	const base = path.basename(html, '.html');
	fs.mkdirSync(shots, { recursive: true });

	check(await page.evaluate(() => document.documentElement.lang) === 'zh-CN', 'lang="zh-CN"');
	const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
	check(/CJK|WenQuanYi/.test(font), 'stylesheet applied (font ' + font + ')');
	const ids = ['summary', 'ranking', 'targets', 'pay', 'champions', 'deductions',
	    'trend', 'problems', 'signoff', 'details'];
	for (const id of ids) {
		const box = await page.evaluate((i) => {
			const e = document.getElementById(i);
			if (!e) return null;
			const r = e.getBoundingClientRect();
			return { w: r.width, h: r.height };
		}, id);
		check(box !== null && box.w > 300 && box.h > 20, `section #${id} shown`);
	}
	// Charts: every SVG visible, sized and inside the page.
	const charts = await page.evaluate(() => [...document.querySelectorAll('.chart svg')].map((s) => {
		const r = s.getBoundingClientRect();
		return { w: r.width, h: r.height, right: r.right, bars: s.querySelectorAll('rect').length,
		    lines: s.querySelectorAll('polyline').length };
	}));
	check(charts.length >= 2, `${charts.length} charts`);
	check(charts.every((c) => c.w >= 200 && c.h >= 100 && c.right <= 1280),
	    'charts sized within the page: ' + charts.map((c) => `${Math.round(c.w)}x${Math.round(c.h)}`).join(' '));
	check(charts.some((c) => c.lines > 0), 'trend drawn as lines');
	// No table wider than its section, on screen.
	const wide = () => page.evaluate(() => [...document.querySelectorAll('table')]
	    .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1)
	    .map((t) => `${t.className}:${t.scrollWidth}>${t.parentElement.clientWidth}`));
	let w = await wide();
	check(w.length === 0, 'screen: every table fits its section ' + w.join(' '));
	const sign = await page.evaluate(() => [...document.querySelectorAll('.sign-label')].map((e) => e.textContent));
	check(sign.join() === '制表,审核,批准', 'sign-off 制表 / 审核 / 批准');
	check(requests.length === 0, 'no network requests ' + requests.join(' '));

	for (const id of ids) {
		const e = await page.$('#' + id);
		if (e) await e.screenshot({ path: path.join(shots, `${base}-${id}.png`) });
	}
	await page.screenshot({ path: path.join(shots, `${base}-top.png`) });

	// Print: A4 portrait; the pay table must fit the page width.
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: 794 - 2 * 45, height: 1123 });
	w = await wide();
	check(w.length === 0, 'print (A4): every table fits the page ' + w.join(' '));
	await page.pdf({ path: path.join(shots, `${base}-print.pdf`), format: 'A4', printBackground: true });
	check(fs.statSync(path.join(shots, `${base}-print.pdf`)).size > 10000, 'printed to PDF');

	await b.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.message); process.exit(1); });
