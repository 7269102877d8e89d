// tests/browser/shots.js — opens handbook pages in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core, JavaScript off, no
// network), checks what a reader sees and saves screenshots.
//
//   node tests/browser/shots.js HANDBOOK_DIR SHOT_DIR ROLE_ID DEPT_ID [PRINT_DIR]
//
// PRINT_DIR (default SHOT_DIR) receives print-index.pdf and print-role.pdf,
// Chromium's A4 prints (kept out of out/: they are not rolebook's PDFs).
//
// Prints one line per check ("ok ..." or "FAIL ...") and exits 1 on any
// failure.
'use strict';
const path = require('path');
const fs = require('fs');
const { launch } = require('./chromium');

const [hb, shots, roleId, deptId, printArg] = process.argv.slice(2);
const printDir = printArg || shots;
let failed = 0;
function check(ok, what) {
	console.log((ok ? 'ok ' : 'FAIL ') + what);
	if (!ok) failed++;
}

(async () => {
	const b = await launch({ javaScriptEnabled: false, height: 2000 });
	const page = b.page;
	const url = (f) => 'file://' + path.resolve(hb, f);
	const requests = [];
	page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
	page.on('requestfailed', (r) => check(false, 'load ' + r.url()));

	// The index: stylesheet applied, org chart SVG visible and sized.
	await page.goto(url('index.html'));
	check(await page.evaluate(() => document.documentElement.lang) === 'zh-CN', 'index: lang="zh-CN"');
	check(await page.evaluate(() => document.scripts.length) === 0, 'index: no script');
	const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
	check(/CJK|WenQuanYi/.test(font), 'index: stylesheet applied (font ' + font + ')');
	const svg = await page.evaluate(() => {
		const s = document.querySelector('.orgchart svg');
		if (!s) return null;
		const r = s.getBoundingClientRect(), cs = getComputedStyle(s);
		return { w: r.width, h: r.height, aw: s.getAttribute('width'),
		    ah: s.getAttribute('height'), vis: cs.visibility, disp: cs.display,
		    boxes: s.querySelectorAll('rect.org-box').length,
		    links: s.querySelectorAll('a').length };
	});
	check(svg !== null, 'index: org chart SVG present');
	if (svg) {
		check(svg.aw > 0 && svg.ah > 0, `index: org chart width/height attributes ${svg.aw}x${svg.ah}`);
		check(svg.w >= 200 && svg.h >= 100 && svg.w <= 1280, `index: org chart rendered ${Math.round(svg.w)}x${Math.round(svg.h)} px within the page`);
		check(svg.vis === 'visible' && svg.disp !== 'none', 'index: org chart visible');
		check(svg.boxes > 0 && svg.links === svg.boxes, `index: ${svg.boxes} org boxes, each a link`);
	}
	await page.screenshot({ path: path.join(shots, 'shot-index.png'), fullPage: false });
	await page.screenshot({ path: path.join(shots, 'shot-index-full.png'), fullPage: true });

	// A role page: title, links to its superior resolve.
	await page.goto(url('roles/' + roleId + '.html'));
	check((await page.title()).length > 0, 'role: has a title');
	const sup = await page.evaluate(() => {
		const a = document.querySelector('.role-line a');
		return a ? a.getAttribute('href') : null;
	});
	check(sup === null || fs.existsSync(path.resolve(hb, 'roles', sup)), 'role: superior link resolves (' + sup + ')');
	await page.screenshot({ path: path.join(shots, 'shot-role.png'), fullPage: true });

	// A department page.
	await page.goto(url('departments/' + deptId + '.html'));
	check(await page.evaluate(() => !!document.querySelector('h1')), 'department: has a heading');
	await page.screenshot({ path: path.join(shots, 'shot-department.png'), fullPage: true });
	// Its org chart's boxes are links: the role's name is underlined (the
	// cue that it is one), the head-count line under it (编制 N 人) is
	// not.  As a reader sees it: each text's area, shot as styled and
	// again with every decoration in the chart taken away, must differ
	// for the name and be the same for the head count.  (The computed
	// style cannot tell: an underline propagated from the <a> is not the
	// text's own text-decoration.)
	const texts = await page.evaluate(() => [...document.querySelectorAll('.orgchart svg a text')].map((t) => {
		const r = t.getBoundingClientRect();
		return { cls: t.getAttribute('class'), text: t.textContent,
		    clip: { x: r.x - 1, y: r.y, width: r.width + 2, height: r.height + 3 } };
	}));
	const styled = [];
	for (const t of texts) styled.push(await page.screenshot({ clip: t.clip }));
	await page.evaluate(() => {	// not addStyleTag: it waits for a load event JavaScript-off pages never fire
		const s = document.createElement('style');
		s.textContent = '.orgchart a, .orgchart a * { text-decoration: none !important; }';
		document.head.appendChild(s);
	});
	const names = texts.filter((t) => t.cls === 'org-label').length;
	let under = 0, subs = 0;
	for (let k = 0; k < texts.length; k++) {
		const same = styled[k].equals(await page.screenshot({ clip: texts[k].clip }));
		if (texts[k].cls === 'org-label') under += same ? 0 : 1;
		else if (!same) check(false, `department: org chart sub-line "${texts[k].text}" is decorated`);
		else subs++;
	}
	check(names > 0 && under === names, `department: org chart names underlined: ${under} of ${names}`);
	check(subs === texts.length - names && subs > 0, `department: org chart sub-lines not decorated: ${subs}`);

	// Print layout: A4 PDF of the role page renders (print stylesheet).
	await page.goto(url('calendar.html'));
	await page.screenshot({ path: path.join(shots, 'shot-calendar.png'), fullPage: true });
	await page.goto(url('roles/' + roleId + '.html'));
	await page.emulateMedia({ media: 'print' });
	const nav = await page.evaluate(() => getComputedStyle(document.querySelector('.masthead-nav')).display);
	check(nav === 'none', 'print: navigation hidden');
	await page.screenshot({ path: path.join(shots, 'shot-role-print.png'), fullPage: true });

	// Printed on A4: the index's cover, contents and chart each start a
	// page (checked by the caller with pdftotext).
	await page.emulateMedia({ media: 'print' });
	await page.goto(url('index.html'));
	await page.pdf({ path: path.join(printDir, 'print-index.pdf'), format: 'A4', printBackground: true });
	await page.goto(url('roles/' + roleId + '.html'));
	await page.pdf({ path: path.join(printDir, 'print-role.pdf'), format: 'A4', printBackground: true });

	check(requests.length === 0, 'no network requests (' + requests.join(' ') + ')');
	await b.close();
	process.exit(failed ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.message); process.exit(1); });
