// The built page (dist/mailwhy.html) in a real browser, loaded from disk: file input, drop, keyboard,
// language and audience switches, paste, copy; nothing may leave the page.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { runCli } from '../cli/run.js';
import type { Watch } from './browser.js';
import { launch, nextRender, openPage, pagePath, pageUrl, renders, root, shots } from './browser.js';

const sakura = `${root}samples/sakura-softfail.eml`;
const FIX = 'v=spf1 a:www123.sakura.ne.jp mx ~all';
const ZONE = `example.com. 3600 IN TXT "${FIX}"`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The text a reader sees: innerText is the rendered text (textContent would include hidden text). */
function seen(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what these tests check
  return locator.innerText();
}

/** Only the page itself was fetched; no dialog, no error, no CSP violation. */
function expectQuiet(watch: Watch): void {
  expect(watch.requests).toEqual([pageUrl]);
  expect(watch.dialogs).toEqual([]);
  expect(watch.errors).toEqual([]);
}

async function lastReport(page: Page): Promise<Report> {
  const json = await page.evaluate(() => JSON.stringify(window.__mailwhyLastReport));
  return JSON.parse(json) as Report;
}

async function expectSakuraOnScreen(page: Page): Promise<void> {
  const report = page.locator('#reports article.report');
  await expect(report.count()).resolves.toBe(1);
  const heading = await seen(report.locator('h2'));
  expect(heading).toContain('NOT authenticated');
  expect(heading).toContain('Gmail shows a "?"');
  const sending = await seen(report.locator('.sending-host'));
  expect(sending).toContain('www123.sakura.ne.jp');
  expect(sending).toContain('203.0.113.25');
  // The route marks the hop into Gmail as the sending host, with its TLS.
  const marked = report.locator('.timeline li.role-sending-host');
  await expect(marked.count()).resolves.toBe(1);
  const hop = await seen(marked);
  expect(hop).toContain('www123.sakura.ne.jp [203.0.113.25] → mx.google.com');
  expect(hop).toContain('TLS1_3');
  await expect(seen(report.locator('.fix code.zone').first())).resolves.toBe(ZONE);
  // The live region (role=status) announces the verdict.
  await expect(seen(page.getByRole('status'))).resolves.toContain('NOT authenticated');
}

describe('the page from disk (file://)', () => {
  it('is one self-contained file under 400 KB gzip with a strict policy', () => {
    const html = readFileSync(pagePath, 'utf8');
    const gzip = gzipSync(html, { level: 9 }).length;
    expect(gzip).toBeLessThan(400 * 1000);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src 'sha256-[A-Za-z0-9+/]+=*'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'$/,
    );
    expect(csp).not.toContain('unsafe');
    // No external resource is named: no src= or href= in the markup, no url( in the style.
    const markup = html.replace(/<script>[\s\S]*<\/script>/, '');
    expect(markup).not.toMatch(/\s(?:src|href)=/i);
    expect(markup).not.toContain('url(');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('enforces its policy in the browser: no request, no eval, no HTML sink, no injected script', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    const tried = await page.evaluate(async () => {
      const out: Record<string, string> = {};
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        out.innerHTML = 'allowed';
      } catch (e) {
        out.innerHTML = (e as Error).name;
      }
      out.fetch = await fetch('https://example.com/x').then(
        () => 'fetched',
        (e: Error) => e.name,
      );
      out.img = await new Promise<string>((resolve) => {
        const img = document.createElement('img');
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('blocked');
        img.src = 'https://example.com/x.png';
        document.body.append(img);
      });
      try {
        // biome-ignore lint/security/noGlobalEval: proving that the policy forbids it
        eval('1');
        out.eval = 'allowed';
      } catch (e) {
        out.eval = (e as Error).name;
      }
      return out;
    });
    expect(tried).toEqual({ innerHTML: 'TypeError', fetch: 'TypeError', img: 'blocked', eval: 'EvalError' });
    // The image request was stopped by the policy before it left (Chromium reports the attempt).
    expect(watch.requests).toEqual([pageUrl, 'https://example.com/x.png']);
    expect(watch.errors.join('\n')).toMatch(/connect-src 'none'[\s\S]*img-src data:/);
    await close();
  });

  it('explains the Sakura sample chosen through the file input', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    await page.screenshot({ path: `${shots}page-empty.png`, fullPage: true });
    const before = await renders(page);
    await page.setInputFiles('#file', sakura);
    await nextRender(page, before);
    await expectSakuraOnScreen(page);
    const report = await lastReport(page);
    expect(report.input.name).toBe('sakura-softfail.eml');
    expect(report.fixes[0]?.value).toBe(FIX);
    // The decoded subject comes from postal-mime, as the CLI's comes from mailparser.
    expect(report.message.subject).toBe('お見積りのご案内');
    await page.screenshot({ path: `${shots}page-sakura-file.png`, fullPage: true });
    if (process.env.UPDATE_SCREENSHOT) {
      // The README's picture (docs/screenshot.png): the page from its top down to the fix.
      const bottom = await page.evaluate(() => {
        const box = document.querySelector('#reports .fixes')?.getBoundingClientRect();
        return box ? Math.ceil(box.bottom + window.scrollY + 16) : 0;
      });
      expect(bottom).toBeGreaterThan(0);
      await page.screenshot({
        path: `${root}docs/screenshot.png`,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1000, height: bottom },
      });
    }
    expectQuiet(watch);
    await close();
  });

  it('explains a real drop event, and shows what a user needs in Japanese', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    const before = await renders(page);
    const bytes = [...readFileSync(sakura)];
    const handled = await page.evaluate((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'sakura-softfail.eml', { type: 'message/rfc822' }));
      const zone = document.getElementById('drop');
      if (!zone) return false;
      zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt });
      zone.dispatchEvent(drop);
      // The page took the drop (the browser would otherwise open the file).
      return drop.defaultPrevented;
    }, bytes);
    expect(handled).toBe(true);
    await nextRender(page, before);
    await expectSakuraOnScreen(page);
    await page.screenshot({ path: `${shots}page-sakura-drop.png`, fullPage: true });

    // 日本語: the report is analysed again in Japanese, the page's own words switch too.
    let n = await renders(page);
    await page.getByRole('button', { name: '日本語' }).click();
    await nextRender(page, n);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja');
    await expect(page.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    const ja = await seen(page.locator('#reports'));
    expect(ja).toContain('認証されていません');
    expect(ja).toContain('サーバーホスト www123.sakura.ne.jp');
    expect(ja).toContain(ZONE);
    await expect(seen(page.locator('#status'))).resolves.toContain('認証されていません');
    expect((await lastReport(page)).lang).toBe('ja');
    await page.screenshot({ path: `${shots}page-sakura-ja.png`, fullPage: true });

    // For users: the verdict and the report's plain lines (as --audience user prints), nothing technical.
    n = await renders(page);
    await page.getByRole('button', { name: '利用者向け' }).click();
    await nextRender(page, n);
    const report = page.locator('#reports article.report');
    const forUser = (await lastReport(page)).forUser;
    expect(forUser.length).toBeGreaterThan(0);
    await expect(report.locator('.for-user p').allInnerTexts()).resolves.toEqual(forUser);
    expect(forUser.join('\n')).toContain('送信者の横の「?」は');
    await expect(report.locator('.finding, .fixes, .timeline, .verdicts').count()).resolves.toBe(0);
    const userText = await seen(report);
    expect(userText).toContain('Gmail で送信者アイコンの代わりに「?」が表示されます');
    expect(userText).not.toContain('v=spf1');
    await page.screenshot({ path: `${shots}page-sakura-ja-user.png`, fullPage: true });

    // And back to English, for admins.
    n = await renders(page);
    await page.getByRole('button', { name: 'English' }).click();
    await nextRender(page, n);
    n = await renders(page);
    await page.getByRole('button', { name: 'for admins' }).click();
    await nextRender(page, n);
    await expectSakuraOnScreen(page);
    expectQuiet(watch);
    await close();
  });

  it('opens the file picker from the keyboard (the drop zone is a button)', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    // Listening first: Playwright turns on file-chooser interception asynchronously.
    const chooserOpened = page.waitForEvent('filechooser', { timeout: 10_000 });
    // Tab order: language switch (2), audience switch (2), then the drop zone.
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'drop'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('drop');
    await expect(page.getByRole('button', { name: /Drop \.eml files here/ }).count()).resolves.toBe(1);
    const before = await renders(page);
    await page.keyboard.press('Enter');
    const chooser = await chooserOpened;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(sakura);
    await nextRender(page, before);
    await expectSakuraOnScreen(page);
    await page.screenshot({ path: `${shots}page-keyboard.png`, fullPage: true });
    expectQuiet(watch);
    await close();
  });

  it('explains pasted "Show original" text, in the box and anywhere on the page', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    const text = readFileSync(`${root}samples/gmail-show-original.txt`, 'utf8');
    let before = await renders(page);
    await page.getByLabel(/paste the text of Gmail/).fill(text);
    await page.getByRole('button', { name: 'Explain' }).click();
    await nextRender(page, before);
    const report = await lastReport(page);
    expect(report.input.kind).toBe('gmail-original');
    expect(report.input.gmailSummary?.spf?.result).toBe('softfail');
    expect(report.sendingHost?.rdns).toBe('www123.sakura.ne.jp');
    await expect(seen(page.locator('#reports .fix code.zone').first())).resolves.toBe(ZONE);
    await expect(seen(page.locator('#reports .gmail-summary summary'))).resolves.toBe(
      'Gmail "Show original" summary',
    );
    await page.screenshot({ path: `${shots}page-gmail-paste.png`, fullPage: true });

    // Clear, then a paste event outside the box (Ctrl+V after copying the page) explains at once.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.locator('#reports article').count()).resolves.toBe(0);
    before = await renders(page);
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    }, text);
    await nextRender(page, before);
    expect((await lastReport(page)).input.kind).toBe('gmail-original');
    expectQuiet(watch);
    await close();
  });

  it('explains a saved "Show original" page (.html)', async () => {
    // The page as a browser saves it: the summary table, then the raw message in a <pre>.
    const text = readFileSync(`${root}samples/gmail-show-original.txt`, 'utf8');
    const rawAt = text.indexOf('Delivered-To:');
    const esc = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const rows = text
      .slice(0, rawAt)
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map(
        (l) =>
          `<tr><td>${esc(l.split('\t')[0] ?? '')}</td><td>${esc(l.split('\t').slice(1).join(' '))}</td></tr>`,
      )
      .join('\n');
    const html = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Original Message</title>\n<style>\n\ntd { padding: 2px }</style></head>\n<body><h1>Original Message</h1>\n\n<table>\n${rows}\n</table>\n<pre id="raw_message_text">${esc(text.slice(rawAt))}</pre></body></html>\n`;
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    const before = await renders(page);
    await page.setInputFiles('#file', {
      name: 'Original Message.html',
      mimeType: 'text/html',
      buffer: Buffer.from(html),
    });
    await nextRender(page, before);
    const report = await lastReport(page);
    expect(report.input.kind).toBe('gmail-original');
    expect(report.input.gmailSummary?.spf?.result).toBe('softfail');
    await expectSakuraOnScreen(page);
    await page.screenshot({ path: `${shots}page-show-original-html.png`, fullPage: true });
    expectQuiet(watch);
    await close();
  });

  it('copies the DNS record and its value with the copy buttons', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(pageUrl);
    const before = await renders(page);
    await page.setInputFiles('#file', sakura);
    await nextRender(page, before);
    // The SPF fix comes first; its zone line and its value each have a copy button.
    const buttons = page.locator('#reports .fix').first().locator('button.copy');
    await expect(buttons.count()).resolves.toBe(2);
    await buttons.nth(0).click();
    // The live region says what was copied (the button's own "Copied" lasts two seconds only).
    await expect.poll(() => seen(page.locator('#status'))).toBe(`Copied: ${ZONE}`);
    await page.screenshot({ path: `${shots}page-copied.png`, fullPage: true });
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(ZONE);
    await buttons.nth(1).click();
    await expect.poll(() => seen(page.locator('#status'))).toBe(`Copied: ${FIX}`);
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(FIX);
    expectQuiet(watch);
    await close();
  });

  it('reads several files at once and names the ones that are not mail', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    const before = await renders(page);
    await page.setInputFiles('#file', [
      { name: 'sakura-softfail.eml', mimeType: 'message/rfc822', buffer: readFileSync(sakura) },
      {
        name: 'sakura-fixed-pass.eml',
        mimeType: 'message/rfc822',
        buffer: readFileSync(`${root}samples/sakura-fixed-pass.eml`),
      },
      { name: 'empty.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(0) },
      {
        name: 'photo.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]),
      },
    ]);
    await nextRender(page, before);
    await expect(page.locator('#reports article.report').count()).resolves.toBe(2);
    await page.screenshot({ path: `${shots}page-several.png`, fullPage: true });
    const errors = await seen(page.locator('#reports .read-errors'));
    expect(errors).toContain('empty.eml: the file is empty');
    expect(errors).toContain('photo.jpg: binary data, not a mail message');
    await expect(seen(page.locator('#status'))).resolves.toBe(
      '2 messages explained: 1 authenticated, 1 not. 2 files could not be read.',
    );
    const shown = await page.evaluate(() => JSON.stringify(window.__mailwhyLastReport));
    expect((JSON.parse(shown) as Report[]).map((r) => r.authenticated)).toEqual([false, true]);
    expectQuiet(watch);
    await close();
  });

  it('explains each message of a dropped mailbox, as the CLI does, refuses one over 8 MiB, and says when the first message filled the read', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(pageUrl);
    let before = await renders(page);
    await page.setInputFiles('#file', {
      name: 'mailbox.mbox',
      mimeType: 'application/mbox',
      buffer: readFileSync(`${root}samples/mailbox.mbox`),
    });
    await nextRender(page, before);
    await expect(page.locator('#reports article.report').count()).resolves.toBe(3);
    const shown = JSON.parse(
      await page.evaluate(() => JSON.stringify(window.__mailwhyLastReport)),
    ) as Report[];
    expect(shown.map((r) => r.input.name)).toEqual(['mailbox.mbox #1', 'mailbox.mbox #2', 'mailbox.mbox #3']);
    // The same reports as `mailwhy --format json samples/mailbox.mbox`, but for the name.
    const cli = JSON.parse(runCli(['--format', 'json', 'samples/mailbox.mbox']).stdout) as Report[];
    expect(shown.map((r) => r.fixes)).toEqual(cli.map((r) => r.fixes));
    expect(shown.map((r) => r.message.subject)).toEqual(cli.map((r) => r.message.subject));

    const big = Buffer.concat([
      readFileSync(`${root}samples/mailbox.mbox`),
      Buffer.from(
        `From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\n${'x'.repeat(9_000_000)}\n`,
      ),
    ]);
    before = await renders(page);
    await page.setInputFiles('#file', { name: 'big.mbox', mimeType: 'application/mbox', buffer: big });
    await nextRender(page, before);
    await expect(page.locator('#reports article.report').count()).resolves.toBe(0);
    await expect(seen(page.locator('#reports .read-errors'))).resolves.toContain(
      'big.mbox: a mailbox larger than 8 MiB: the page explains messages; "mailwhy scan" on the command line reads whole mailboxes',
    );
    // A mailbox whose first message fills the 8 MiB read: that message is explained, and the page
    // says that the rest was not read (as the CLI's note on stderr).
    const first = Buffer.from(
      `From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: big\n\n${'x'.repeat(9_000_000)}\n` +
        'From b@example.com Mon Jan  1 00:00:00 2024\nFrom: b@example.com\n\nsecond\n',
    );
    before = await renders(page);
    await page.setInputFiles('#file', { name: 'first.mbox', mimeType: 'application/mbox', buffer: first });
    await nextRender(page, before);
    await expect(page.locator('#reports article.report').count()).resolves.toBe(1);
    await expect(seen(page.locator('#reports .read-notices'))).resolves.toBe(
      'first.mbox: only the first 8 MiB were read and explained: if this is a mailbox, "mailwhy scan" on the command line reads all of its messages',
    );
    await expect(page.locator('#reports .read-errors').count()).resolves.toBe(0);
    // A compressed message is named as an archive, with what to do.
    before = await renders(page);
    await page.setInputFiles('#file', {
      name: 'mail.eml.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(readFileSync(sakura)),
    });
    await nextRender(page, before);
    await expect(seen(page.locator('#reports .read-errors'))).resolves.toContain(
      'mail.eml.gz: an archive or compressed file, not a message: unpack it first; "mailwhy scan" on the command line reads .zip, .tgz and .gz archives of mail',
    );
    expectQuiet(watch);
    await close();
  });

  it('is readable on a phone and in dark mode', async () => {
    const { page, watch, close } = await openPage(browser, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      colorScheme: 'dark',
    });
    await page.goto(pageUrl);
    const before = await renders(page);
    await page.setInputFiles('#file', sakura);
    await nextRender(page, before);
    await expectSakuraOnScreen(page);
    // Nothing wider than the screen: no horizontal scrolling.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // Dark colours applied (the page's background is not white).
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(13, 17, 23)');
    await page.screenshot({ path: `${shots}page-phone-dark.png`, fullPage: true });
    expectQuiet(watch);
    await close();
  });
});
