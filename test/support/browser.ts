/**
 * Headless Chromium for tests, driven by playwright-core. Which browser, in order:
 * `ACRKIT_CHROMIUM` when set, a system Chromium at /usr/bin/chromium when present, else the
 * build `@sparticuz/chromium` (a devDependency) ships inside its npm package, unpacked to the
 * temp folder on first use. Nothing is downloaded. Launch failures throw: a browser test must
 * fail, not skip, without a browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The system browser used when present (Debian's `chromium` package). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

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

/** The Chromium executable to drive: the override, the system browser, or the packaged build. */
export async function chromiumPath(): Promise<string> {
  if (process.env.ACRKIT_CHROMIUM) return process.env.ACRKIT_CHROMIUM;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** Launches headless Chromium, with a clear error naming the path and the fix when it cannot. */
export async function launchBrowser(): Promise<Browser> {
  let path = '(not found)';
  try {
    path = await chromiumPath();
    // playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
    return await chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  } catch (e) {
    throw new Error(
      `Cannot launch Chromium at ${path} (run npm ci so @sparticuz/chromium is installed, or set ACRKIT_CHROMIUM to a browser): ${(e as Error).message}`,
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
