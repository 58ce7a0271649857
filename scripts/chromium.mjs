// chromium.mjs — Debian's Chromium as the project drives it (playwright-core; `npx playwright
// install` cannot download browsers here): headless, no sandbox, nothing fetched in the background,
// a profile of its own. Used by tests/browser/harness.mjs, scripts/typeset.mjs and bench/first-load.mjs.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A persistent context in `userDataDir` (a fresh folder: a first visit); `options` add to or override the defaults. */
export function launchChromium(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...options });
}
