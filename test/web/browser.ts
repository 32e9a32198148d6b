// Headless Chromium (Debian's package) driven by playwright-core, and the paths the browser tests share.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const root: string = fileURLToPath(new URL('../../', import.meta.url));
export const pagePath = `${root}dist/mailwhy.html`;
export const pageUrl: string = pathToFileURL(pagePath).href;
export const shots = `${root}test-results/`;

export const CHROMIUM = process.env.MAILWHY_CHROMIUM ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(pagePath))
    throw new Error('dist/mailwhy.html is missing: run "npm run build" (npm test does)');
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** What a page did that it should not: requests other than its own document, dialogs, errors, CSP reports. */
export interface Watch {
  requests: string[];
  dialogs: string[];
  errors: string[];
}

/** Opens a new page in its own context and records every request, dialog, page error and console error. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; watch: Watch; close: () => Promise<void> }> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1000, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const watch: Watch = { requests: [], dialogs: [], errors: [] };
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.errors.push(m.text());
  });
  return { page, watch, close: () => context.close() };
}

/** Resolves after the page's next render (window.__mailwhyRenders grows past `before`). */
export async function nextRender(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => (window.__mailwhyRenders ?? 0) > n, before, { timeout: 15_000 });
}

export async function renders(page: Page): Promise<number> {
  return page.evaluate(() => window.__mailwhyRenders ?? 0);
}
