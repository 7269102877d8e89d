// tests/browser/fit.js — does every page fit its width?  Opens handbook
// pages in headless Chromium (tests/browser/chromium.js, JavaScript off)
// at each width given and checks, outside the org charts (which scroll):
//   - nothing runs past the page: the document is no wider than the
//     window, and no element's box ends right of it (a long URL, account
//     number or Latin word in a paragraph or a table cell must wrap);
//   - the index's department table: each department's name, and its
//     parent's, on one line (营销中心, not 营销中 | 心).
//
//   node tests/browser/fit.js HANDBOOK_DIR WIDTH[,WIDTH…] PAGE…
//
// Prints one line per check ("ok ..." or "FAIL ...") and exits 1 on any
// failure.
'use strict';
const path = require('path');
const { launch } = require('./chromium');

const [hb, widths, ...pages] = process.argv.slice(2);
let failed = 0;
function check(ok, what) {
	console.log((ok ? 'ok ' : 'FAIL ') + what);
	if (!ok) failed++;
}

(async () => {
	const b = await launch({ javaScriptEnabled: false, height: 900 });
	for (const w of widths.split(',').map(Number)) {
		await b.page.setViewportSize({ width: w, height: 900 });
		for (const f of pages) {
			await b.page.goto('file://' + path.resolve(hb, f));
			const r = await b.page.evaluate(() => {
				const vw = document.documentElement.clientWidth;
				const over = [];
				for (const e of document.body.querySelectorAll('*')) {
					if (e.closest('.orgchart, .chart, svg')) continue;
					const x = e.getBoundingClientRect();
					if (x.width > 0 && x.right > vw + 0.5)
						over.push(`${e.tagName.toLowerCase()} "${e.textContent.replace(/\s+/g, " ").trim().slice(0, 30)}" to ${Math.round(x.right)}`);
				}
				const split = [];
				for (const a of document.querySelectorAll('table.dept-table td:nth-child(-n+2) a'))
					if (a.getClientRects().length > 1) split.push(a.textContent);
				return { sw: document.documentElement.scrollWidth, vw, over, split };
			});
			check(r.sw <= r.vw && r.over.length === 0,
			    `${f} at ${w} px: fits (document ${r.sw} px${r.over.length ? '; ' + r.over.slice(0, 3).join('; ') : ''})`);
			if (f === 'index.html')
				check(r.split.length === 0, `${f} at ${w} px: department names on one line${r.split.length ? ' (split: ' + r.split.join(', ') + ')' : ''}`);
		}
	}
	await b.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.message); process.exit(1); });
