// tests/browser/axe.js — runs axe-core (npm, tests/node) on HTML pages in
// headless Chromium (Debian's /usr/bin/chromium through playwright-core,
// no network) with the WCAG 2.0/2.1 A and AA rules, and fails on any
// violation at all (the promise of docs/accessibility.md is none serious
// or critical; moderate and minor ones — one <main>, every part of the
// page in a landmark, unique landmark names — are kept out too).  The
// pages themselves run no script: axe is injected by the test.
//
//   node tests/browser/axe.js FILE.html...
//
// Prints one line per page ("ok ..." or "FAIL ..." with each violation,
// its impact and the first offending elements) and exits 1 on any
// failure.
'use strict';
const path = require('path');
const fs = require('fs');
const mods = path.resolve(__dirname, '../node/node_modules');
const { launch } = require('./chromium');
const axeSource = fs.readFileSync(path.join(mods, 'axe-core/axe.min.js'), 'utf8');

const files = process.argv.slice(2);
let failed = 0;

(async () => {
	const b = await launch({ javaScriptEnabled: true, height: 1600 });
	const page = b.page;
	for (const f of files) {
		await page.goto('file://' + path.resolve(f));
		await page.evaluate(axeSource);
		const r = await page.evaluate(() => window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
			resultTypes: ['violations'],
		}));
		const bad = r.violations;
		if (bad.length === 0)
			console.log(`ok ${f}: no violation (axe ${r.testEngine.version})`);
		else {
			failed++;
			for (const v of bad)
				console.log(`FAIL ${f}: ${v.id} (${v.impact}, ${v.nodes.length}): ` +
				    v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' +
				    (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)).join(' | '));
		}
	}
	await b.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.message); process.exit(1); });
