// tests/browser/keys.js — keyboard use of HTML pages in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core, see chromium.js):
// WCAG 2.1 SC 2.1.1 (everything works from the keyboard), 2.4.3 (focus
// order) and 2.4.7 (focus visible).
//
//   node tests/browser/keys.js FILE.html...
//
// On each page the test presses Tab, as a keyboard user does, until focus
// leaves the page (or one press more than the page has things to focus),
// and asserts (focus going round to the first again counts as leaving):
//   - the elements focused are exactly the page's links (every <a href>,
//     the org chart's SVG box links too) and controls (button, input,
//     select, textarea, summary, [tabindex] >= 0), each once, in document
//     order;
//   - each focused element shows a focus indicator: its computed outline
//     (style not none, width above 0) or box-shadow;
//   - the indicator is really painted: for the first link of the page's
//     text and the first link inside an SVG, the pixels around it differ
//     between focused and not focused (a computed outline that draws
//     nothing would pass the rule above).
// Then Shift+Tab from the last one goes back to the one before it.
//
// Prints one line per page ("ok ..." with the count, or "FAIL ..." with
// what went wrong) and exits 1 on any failure.  The pages themselves run
// no script: the test reads focus from outside.
'use strict';
const path = require('path');
const { launch } = require('./chromium');

const files = process.argv.slice(2);
let failed = 0;

// The page's focusable elements in document order, each described.
function expected() {
	const sel = 'a[href], area[href], button, input:not([type=hidden]), ' +
	    'select, textarea, summary, [tabindex]';
	const out = [];
	for (const e of document.querySelectorAll(sel)) {
		// a link taken out of the Tab order (tabindex -1) is still
		// expected: it must be reachable
		const t = e.getAttribute('tabindex');
		const link = e.matches('a[href], area[href]');
		if (!link && ((t !== null && Number(t) < 0) || e.disabled))
			continue;
		out.push(e);
	}
	window.__rbKeys = out;
	return out.map((e, i) => i + ':' + e.tagName.toLowerCase() + ' ' +
	    (e.getAttribute('href') || e.getAttribute('name') || '') + ' "' +
	    (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30) + '"');
}

// Where focus is: its index in window.__rbKeys (-1: body or nothing,
// -2: an element the page did not list), and its focus indicator.
function focused() {
	const a = document.activeElement;
	if (!a || a === document.body || a === document.documentElement)
		return { i: -1 };
	const i = window.__rbKeys.indexOf(a);
	const cs = getComputedStyle(a);
	const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
	const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
	return {
		i: i >= 0 ? i : -2,
		what: a.tagName.toLowerCase() + ' ' + (a.getAttribute('href') || ''),
		svg: a.namespaceURI === 'http://www.w3.org/2000/svg',
		visible: outline || shadow,
		style: `outline ${cs.outlineStyle} ${cs.outlineWidth}, box-shadow ${cs.boxShadow}`,
	};
}

// A screenshot of the area around element k of window.__rbKeys.
async function around(page, k) {
	const r = await page.evaluate((k) => {
		const e = window.__rbKeys[k];
		e.scrollIntoView({ block: 'center' });
		const b = e.getBoundingClientRect();
		return { x: b.left - 4, y: b.top - 4, width: b.width + 8, height: b.height + 8 };
	}, k);
	r.x = Math.max(0, r.x);
	r.y = Math.max(0, r.y);
	return page.screenshot({ clip: r });
}

(async () => {
	const b = await launch({ javaScriptEnabled: true, height: 900 });
	const page = b.page;
	for (const f of files) {
		const why = [];
		await page.goto('file://' + path.resolve(f));
		const want = await page.evaluate(expected);
		// The reference pictures, nothing focused yet.
		const probe = await page.evaluate(() => {
			const k = window.__rbKeys;
			return [k.findIndex((e) => e.namespaceURI !== 'http://www.w3.org/2000/svg'),
			    k.findIndex((e) => e.namespaceURI === 'http://www.w3.org/2000/svg')]
			    .filter((i) => i >= 0);
		});
		const before = {};
		for (const k of probe)
			before[k] = await around(page, k);
		await page.evaluate(() => window.scrollTo(0, 0));
		const got = [];
		for (let n = 0; n <= want.length; n++) {
			await page.keyboard.press('Tab');
			const s = await page.evaluate(focused);
			// focus leaves the page, or (headless) wraps to its first
			if (s.i === -1 || (s.i === 0 && got.length > 0 && got.length === want.length))
				break;
			if (s.i === -2) {
				why.push(`Tab ${n + 1} focused an element not listed: ${s.what}`);
				break;
			}
			got.push(s.i);
			if (!s.visible)
				why.push(`no focus indicator on ${want[s.i]} (${s.style})`);
			if (s.i in before) {
				const shot = await around(page, s.i);
				if (shot.equals(before[s.i]))
					why.push(`focus on ${want[s.i]} paints nothing`);
			}
		}
		for (let k = 0; k < want.length; k++) {
			const c = got.filter((g) => g === k).length;
			if (c !== 1)
				why.push(`${want[k]}: reached ${c === 0 ? 'never' : c + ' times'}`);
		}
		for (let k = 0; k < Math.max(got.length, want.length); k++)
			if (got[k] !== k) {
				why.push(`Tab ${k + 1}: expected ${want[k] || 'focus to leave the page'}, got ` +
				    (got[k] === undefined ? 'focus leaving the page' : want[got[k]]));
				break;
			}
		if (want.length >= 2 && got.length === want.length) {
			// back again from the last
			await page.evaluate(() => window.__rbKeys[window.__rbKeys.length - 1].focus());
			await page.keyboard.press('Shift+Tab');
			const s = await page.evaluate(focused);
			if (s.i !== want.length - 2)
				why.push(`Shift+Tab from the last went to ${s.i >= 0 ? want[s.i] : s.i}`);
		}
		if (why.length === 0)
			console.log(`ok ${f}: ${want.length} links and controls, each reached once by Tab in document order with a visible focus indicator`);
		else {
			failed++;
			for (const w of why.slice(0, 8))
				console.log(`FAIL ${f}: ${w}`);
		}
	}
	await b.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.message); process.exit(1); });
