// tests/browser/chromium.js — the one way the browser tests start Chromium:
// Debian's /usr/bin/chromium through playwright-core (tests/node), headless,
// offline, a throw-away profile.  No browser is downloaded.
//
//   const { launch } = require('./chromium');
//   const b = await launch({ javaScriptEnabled: false, height: 1600 });
//   ... b.page ...;  await b.close();
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require(path.resolve(__dirname, '../node/node_modules/playwright-core'));

async function launch({ javaScriptEnabled = true, height = 1600 } = {}) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		javaScriptEnabled,
		offline: true,
		viewport: { width: 1280, height },
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
		    '--no-first-run', '--disable-background-networking',
		    '--disable-component-update', '--disable-sync'],
	});
	const page = ctx.pages()[0] || await ctx.newPage();
	return {
		ctx, page,
		close: async () => {
			await ctx.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { launch };
