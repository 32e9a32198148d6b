// The adversarial sample (test/web/xss.eml: <script>, <img onerror>, javascript: URLs, CSS and meta
// refresh injections, U+202E, a 100 KB string in Subject, From, To, Received and Authentication-Results)
// must render as inert text, in the HTML report (renderHtml) and in the page.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { readMessage } from '../../src/input/node.js';
import { renderHtml } from '../../src/render/html.js';
import type { Watch } from './browser.js';
import { launch, nextRender, openPage, pageUrl, renders, root, shots } from './browser.js';

const sample = `${root}test/web/xss.eml`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The report exactly as `mailwhy explain --format html` builds it: the CLI's reader, then renderHtml. */
async function xssReportHtml(): Promise<string> {
  const msg = await readMessage(sample);
  const options: Parameters<typeof analyzeMessage>[1] = { lang: 'en', name: 'xss.eml' };
  if (msg.display) options.display = msg.display;
  return renderHtml(analyzeMessage(msg.bytes, options));
}

/** Nothing the sample carries became an element, an attribute or a running script. */
async function expectInert(page: Page, scope: string, watch: Watch, url: string): Promise<void> {
  const found = await page.evaluate((sel) => {
    const box = document.querySelector(sel);
    if (!box) return null;
    const dangerous = box.querySelectorAll(
      'script, img, iframe, svg, a, object, embed, link, base, form, input, style, meta, video, audio, source',
    ).length;
    const attrs = new Set<string>();
    for (const el of Array.from(box.querySelectorAll('*')))
      for (const a of Array.from(el.attributes)) attrs.add(a.name);
    return {
      dangerous,
      attrs: [...attrs].sort(),
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      // What a reader sees (rendered text), not the raw text nodes.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
      text: (box as HTMLElement).innerText,
    };
  }, scope);
  expect(found).not.toBeNull();
  if (!found) return;
  expect(found.dangerous).toBe(0);
  // Only the layout's own attributes (src/render/html.ts HtmlAttr): no on*, href, src, style.
  for (const a of found.attrs)
    expect([
      'class',
      'lang',
      'role',
      'title',
      'open',
      'aria-label',
      'aria-hidden',
      'data-copy',
      'type',
    ]).toContain(a);
  expect(found.pwned).toBeNull();
  expect(watch.dialogs).toEqual([]);
  expect(watch.requests).toEqual([url]);
  expect(watch.errors).toEqual([]);
  // The markup is there, as text a reader can see.
  expect(found.text).toContain('<script>window.__pwned="script";alert(1)</script>');
  expect(found.text).toContain('<img src=x onerror="window.__pwned=\'img\';alert(2)">');
  expect(found.text).toContain('<a href="javascript:alert(3)">javascript:alert(3)</a>');
  // The right-to-left override is shown as an escape, not obeyed.
  expect(found.text).toContain('\\u202eTXT.exe');
  expect(found.text).not.toContain('\u202e');
  // The 100 KB string is cut, not poured onto the page.
  expect(found.text.length).toBeLessThan(60_000);
}

describe('the adversarial sample', () => {
  it('renders as inert text in the HTML report: no script ran, no request was made', async () => {
    const html = await xssReportHtml();
    const file = `${shots}xss-report.html`;
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const { page, watch, close } = await openPage(browser);
    // A script that did run would set this flag or open a dialog.
    await page.goto(url);
    await page.waitForLoadState('load');
    await expectInert(page, 'main', watch, url);
    // The report has no script at all, and its one stylesheet applied (its hash is in the policy).
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector('.badge') as Element).borderRadius),
    ).not.toBe('0px');
    await page.screenshot({ path: `${shots}report-xss.png`, fullPage: true });
    await close();
  });

  it('renders as inert text in the page', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    const before = await renders(page);
    await page.setInputFiles('#file', sample);
    await nextRender(page, before);
    await expectInert(page, '#reports', watch, pageUrl);
    // The page's own script is still the only one.
    expect(await page.evaluate(() => document.scripts.length)).toBe(1);
    await expect(page.locator('#status').textContent()).resolves.toContain('NOT authenticated');
    await page.screenshot({ path: `${shots}page-xss.png`, fullPage: true });
    // The users' view of the same message is just as inert.
    const n = await renders(page);
    await page.getByRole('button', { name: 'for users' }).click();
    await nextRender(page, n);
    expect(
      await page.evaluate(
        () => document.querySelectorAll('#reports img, #reports script, #reports a').length,
      ),
    ).toBe(0);
    expect(watch.dialogs).toEqual([]);
    await close();
  });

  it('carries its payloads where the report shows them (the sample tests what it claims)', () => {
    const text = readFileSync(sample, 'utf8');
    const headers = text.slice(0, text.indexOf('\n\n'));
    for (const name of ['Subject', 'From', 'Received', 'Authentication-Results']) {
      const fields = headers.split(/\n(?=\S)/).filter((f) => f.startsWith(`${name}:`));
      expect(
        fields.some((f) => /<script>|<img |javascript:|\u202e|=\?UTF-8\?B\?/.test(f)),
        name,
      ).toBe(true);
    }
    expect(headers.length).toBeGreaterThan(100 * 1024);
  });
});
