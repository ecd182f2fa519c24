/**
 * Headless Chromium for tests, driven by playwright-core. The system browser (Debian's
 * `chromium` package at /usr/bin/chromium; CI installs it with apt) is used, never a
 * downloaded one. Launch failures throw: a browser test must fail, not skip, without a browser.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the browser is. Override with ACRKIT_CHROMIUM. */
export const CHROMIUM_PATH = process.env.ACRKIT_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-free headless run (containers, CI). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
];

/** Launches headless Chromium, with a clear error naming the path and the fix when it cannot. */
export async function launchBrowser(): Promise<Browser> {
  try {
    // playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 20_000 });
  } catch (e) {
    throw new Error(
      `Cannot launch Chromium at ${CHROMIUM_PATH} (install Debian's 'chromium' package or set ACRKIT_CHROMIUM): ${(e as Error).message}`,
    );
  }
}

/** What a page did while it was open: console errors, uncaught errors and every request URL. */
export interface PageActivity {
  /** Console messages of type error, and uncaught page errors. */
  readonly errors: string[];
  /** URLs of every request the page made (the document itself included). */
  readonly requests: string[];
}

/** Records console errors, page errors and requests of `page` from now on. */
export function recordActivity(page: Page): PageActivity {
  const activity: PageActivity = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') activity.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => activity.errors.push(`page: ${e.message}`));
  page.on('request', (r) => activity.requests.push(r.url()));
  return activity;
}
