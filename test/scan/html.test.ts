// `mailwhy scan --format html`: the summary --format json prints, as one self-contained file. The
// built CLI (npm test builds first) on the shared corpus mbox: the counts of the JSON summary are the
// ones on screen (read off the DOM in Chromium), in both languages; the policy allows only the file's
// own stylesheet; an mbox of hostile header values renders inert (no element, no script, no request).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerName } from '../../src/diagnose/providers/index.js';
import { scanCatalogs } from '../../src/explain/scan.js';
import { escapeHtml } from '../../src/render/html.js';
import type { ScanSummary } from '../../src/scan/index.js';
import { groupName } from '../../src/scan/render.js';
import { renderSummaryHtml, SUMMARY_CSP, SUMMARY_CSS, SUMMARY_CSS_HASH } from '../../src/scan/render-html.js';
import { runCli } from '../cli/run.js';
import { corpusPath } from '../corpus.js';
import { launch, openPage } from '../web/browser.js';
import { repoRoot, tempDir } from './helpers.js';

const MBOX = corpusPath('mbox/assembled-real-auth.mbox');
const dir = tempDir();

/** The summary of one scan as JSON and as HTML (two runs: the JSON one also renders it in-process). */
function scanBoth(lang: 'en' | 'ja', file: string): { json: ScanSummary; html: string } {
  const j = runCli(['scan', '--jobs', '2', '--lang', lang, '--format', 'json', file]);
  const h = runCli(['scan', '--jobs', '2', '--lang', lang, '--format', 'html', file]);
  expect(j.stderr).toBe('');
  expect(h.stderr).toBe('');
  expect(h.status).toBe(j.status);
  return { json: JSON.parse(j.stdout) as ScanSummary, html: h.stdout };
}

/** The run time (and the rate from it) is the only line two scans of the same file differ in. */
function withoutTime(html: string, lang: 'en' | 'ja'): string {
  const label = escapeHtml(scanCatalogs[lang].labels.duration);
  return html.replace(new RegExp(`<dt>${label}</dt><dd>[^<]*</dd>`), '<dt>time</dt><dd></dd>');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Row {
  key: string;
  cells: string[];
  lists: string[][];
}

/** The rows of one table as a reader sees them: the row header, each cell's text, each cell's list items. */
async function rows(page: Page, table: string): Promise<Row[]> {
  return page.$$eval(`table.${table} tbody tr`, (trs) =>
    trs.map((tr) => ({
      key: tr.querySelector('th')?.textContent ?? '',
      cells: Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''),
      lists: Array.from(tr.querySelectorAll('td')).map((td) =>
        Array.from(td.querySelectorAll('li')).map((li) => li.textContent ?? ''),
      ),
    })),
  );
}

const listed = (c: Record<string, number>): string[] => Object.entries(c).map(([k, v]) => `${k} ${v}`);

describe('mailwhy scan --format html (the built CLI)', () => {
  it("allows exactly its own stylesheet: the policy's hash is the hash of SUMMARY_CSS", () => {
    const actual = `sha256-${createHash('sha256').update(SUMMARY_CSS, 'utf8').digest('base64')}`;
    // When SUMMARY_CSS changes, put this value in SUMMARY_CSS_HASH.
    expect(SUMMARY_CSS_HASH, `SUMMARY_CSS_HASH should be '${actual}'`).toBe(actual);
    expect(SUMMARY_CSP).toBe(
      `default-src 'none'; script-src 'none'; style-src '${actual}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`,
    );
  });

  for (const lang of ['en', 'ja'] as const) {
    it(`${lang}: shows the counts of the JSON summary of the same scan`, async () => {
      const { json, html } = scanBoth(lang, MBOX);
      const L = scanCatalogs[lang].labels;
      // The CLI writes renderSummaryHtml of the very summary --format json prints.
      expect(withoutTime(html, lang)).toBe(withoutTime(renderSummaryHtml(json, { lang, top: 20 }), lang));
      expect(json.read).toBe(json.reported + json.errored);
      expect(json.read).toBeGreaterThan(5);

      expect(html.startsWith('<!doctype html>\n')).toBe(true);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${SUMMARY_CSP}">`);
      expect(html.match(/<meta http-equiv=/gi)).toHaveLength(1);
      expect(html).toContain(`<style>${SUMMARY_CSS}</style>`);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');

      const file = join(dir, `corpus-${lang}.html`);
      writeFileSync(file, html);
      const { page, watch, close } = await openPage(browser, { viewport: { width: 375, height: 800 } });
      try {
        await page.goto(pathToFileURL(file).href);
        const headline = scanCatalogs[lang].headline(json);
        expect(await page.textContent('.headline')).toBe(headline);

        const totals = await rows(page, 'totals');
        expect(totals.map((r) => r.key)).toEqual(['SPF', 'DKIM', 'DMARC', L.gmailQ, L.authenticated]);
        expect(totals[0]?.lists[0]).toEqual(listed(json.totals.spf));
        expect(totals[1]?.lists[0]).toEqual(listed(json.totals.dkim));
        expect(totals[2]?.lists[0]).toEqual(listed(json.totals.dmarc));
        expect(totals[3]?.cells[0]).toBe(String(json.totals.gmailUnauthenticated));
        expect(totals[4]?.cells[0]).toBe(String(json.totals.authenticated));

        for (const [table, groups] of [
          ['by-from-domain', json.byFromDomain],
          ['by-sending-host', json.bySendingHost],
        ] as const) {
          const shown = await rows(page, table);
          expect(shown).toHaveLength(groups.length);
          groups.forEach((g, i) => {
            const row = shown[i];
            expect(row?.key).toBe(groupName(g.key, lang));
            expect(row?.cells.slice(0, 3)).toEqual([
              g.provider ? providerName(g.provider, lang) : '',
              String(g.messages),
              String(g.withProblems),
            ]);
            expect(row?.lists.slice(3, 6)).toEqual([listed(g.spf), listed(g.dkim), listed(g.dmarc)]);
            expect(row?.cells[6]).toBe(String(g.gmailUnauthenticated));
            expect(row?.cells.slice(8)).toEqual([g.first?.slice(0, 10), g.last?.slice(0, 10)]);
          });
        }
        // The corpus has providers: their names, not their ids, are shown.
        expect(json.bySendingHost.some((g) => g.provider !== null)).toBe(true);

        // The top causes with their fixes, the zone lines as written.
        const causes = await page.$$eval('.causes > li', (lis) =>
          lis.map((li) => ({
            code: li.querySelector('.cause code')?.textContent ?? '',
            action: li.querySelector('.action')?.textContent ?? null,
            noFix: li.querySelector('p.muted')?.textContent ?? null,
            zones: Array.from(li.querySelectorAll('code.zone')).map((c) => c.textContent ?? ''),
          })),
        );
        expect(causes.map((c) => c.code)).toEqual(json.causes.map((c) => `[${c.code}]`));
        for (const [i, c] of json.causes.entries()) {
          expect(causes[i]?.zones).toEqual(c.fixes.slice(0, 10).map((f) => f.zoneLine));
          // What to do, from the catalog; "no DNS record" only where there is neither a step nor a record.
          const action = scanCatalogs[lang].actions[c.code];
          expect(causes[i]?.action).toBe(action === null ? null : `${L.action}: ${action}`);
          expect(causes[i]?.noFix).toBe(action === null && c.fixes.length === 0 ? L.noFix : null);
        }
        expect(causes.filter((c) => c.action !== null).length).toBeGreaterThan(2);
        expect(json.causes.some((c) => c.fixes.length > 0)).toBe(true);
        for (const c of json.causes) {
          const text = scanCatalogs[lang].causes[c.code];
          if (text) expect(html).toContain(escapeHtml(text));
        }

        // Every table is labelled and has column headers; nothing is wider than a phone.
        const tables = await page.$$eval('table', (ts) =>
          ts.map((t) => ({
            caption: t.caption?.textContent ?? '',
            cols: t.querySelectorAll('thead th[scope="col"]').length,
          })),
        );
        expect(tables.length).toBeGreaterThanOrEqual(3);
        for (const t of tables) {
          expect(t.caption).not.toBe('');
          expect(t.cols).toBeGreaterThan(1);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        expect(watch).toEqual({ requests: [pathToFileURL(file).href], dialogs: [], errors: [] });
      } finally {
        await close();
      }
    });
  }

  it('dark mode: the colours follow the system', async () => {
    const file = join(dir, 'dark.html');
    writeFileSync(file, scanBoth('en', MBOX).html);
    const colours: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openPage(browser, { colorScheme });
      await page.goto(pathToFileURL(file).href);
      colours.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await close();
    }
    expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(13, 17, 23)']);
  });

  it('shows one SPF record per domain, with the servers it names, on a phone too', async () => {
    const sample = join(repoRoot, 'samples', 'mailbox.mbox');
    for (const lang of ['en', 'ja'] as const) {
      const { json, html } = scanBoth(lang, sample);
      const L = scanCatalogs[lang].labels;
      expect(json.spfRecords).toHaveLength(1);
      const file = join(dir, `spf-${lang}.html`);
      writeFileSync(file, html);
      const { page, watch, close } = await openPage(browser, { viewport: { width: 375, height: 800 } });
      try {
        await page.goto(pathToFileURL(file).href);
        const section = await page.$eval('.spf-records', (s) => ({
          title: s.querySelector('h2')?.textContent ?? '',
          zones: Array.from(s.querySelectorAll('code.zone')).map((c) => c.textContent ?? ''),
          senders: Array.from(s.querySelectorAll('.senders')).map((p) => p.textContent ?? ''),
        }));
        expect(section.title).toBe(L.spfRecords);
        expect(section.zones).toEqual(json.spfRecords.map((r) => r.zoneLine));
        expect(section.senders).toEqual([
          `${L.spfSenders}: a:www123.sakura.ne.jp mx 2 · include:spf.protection.outlook.com 1`,
        ]);
        // Nothing wider than the phone's screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        expect(watch.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it('errors keep their positions; an interrupted scan says where it stopped', () => {
    const { json } = scanBoth('en', MBOX);
    const summary: ScanSummary = {
      ...json,
      errored: 1,
      read: json.read + 1,
      errors: [
        {
          source: { path: 'box.mbox', index: 7, offset: 4096 },
          error: 'no header fields: not a mail message',
        },
      ],
      errorsListed: 1,
      interrupted: { at: { path: 'box.mbox', index: 9, offset: 8192 } },
      skipped: [{ path: 'Takeout/photo.jpg', reason: 'not mail' }],
      unreadable: [{ path: 'takeout-002.zip', reason: 'not a readable zip archive: truncated' }],
    };
    const html = renderSummaryHtml(summary, { lang: 'en' });
    expect(html).toContain('<th scope="row"><code><bdi>box.mbox@4096</bdi></code></th>');
    expect(html).toContain('<td><bdi>no header fields: not a mail message</bdi></td>');
    expect(html).toContain(scanCatalogs.en.labels.interrupted);
    expect(html).toContain(`${scanCatalogs.en.labels.stoppedAt}: <code><bdi>box.mbox@8192</bdi></code>`);
    // Files passed over and named inputs that could not be read: each its own table, path and reason.
    for (const [label, path, reason] of [
      ['1 file skipped (not mail, or not to be read)', 'Takeout/photo.jpg', 'not mail'],
      ['1 input could not be read (not scanned)', 'takeout-002.zip', 'not a readable zip archive: truncated'],
    ]) {
      expect(html).toContain(label);
      expect(html).toContain(
        `<th scope="row"><code><bdi>${path}</bdi></code></th><td><bdi>${reason}</bdi></td>`,
      );
    }
    const ja = renderSummaryHtml(summary, { lang: 'ja' });
    expect(ja).toContain(scanCatalogs.ja.labels.interrupted);
    expect(ja).toContain(escapeHtml(scanCatalogs.ja.labels.errors));
  });
});

// Hostile header values: each of From, Received (the sending host's name) and Authentication-Results
// tries markup, an event handler or a javascript: URL. The ones that survive into the summary as a
// group key must be shown as text.
const HOSTILE = [
  [
    'From 1@xxx Mon Jan 01 00:00:00 +0000 2024',
    'Received: from mail.evil.example (<script>window.__pwned=1</script>.evil.example [192.0.2.66])',
    '        by mx.google.com with ESMTPS id abc123 (<a href="javascript:alert(3)">x</a>)',
    '        for <victim@example.net>; Mon, 01 Jan 2024 00:00:04 -0800 (PST)',
    'Authentication-Results: mx.google.com;',
    '       spf=softfail smtp.mailfrom="<img src=x onerror=alert(2)>"@evil.example',
    'From: "<script>alert(1)</script>" <x@evil.example"onmouseover=alert(1)//>',
    'Subject: <script>alert(4)</script><img src=x onerror=alert(5)> javascript:alert(6)',
    '',
    'Body.',
    '',
  ],
  [
    'From 2@xxx Mon Jan 01 00:00:00 +0000 2024',
    'Received: from <img src=x onerror=alert(7)> (javascript:alert(8) [192.0.2.67])',
    '        by mx.google.com with ESMTP id abc124; Mon, 01 Jan 2024 00:00:04 -0800 (PST)',
    'Authentication-Results: mx.google.com;',
    '       spf=fail smtp.mailfrom=x@<script>alert(9)</script>.example;',
    '       dkim=fail header.d=<img/src/onerror=alert(10)>.example',
    'From: <x@javascript:alert(3)//evil.example>',
    'Subject: javascript:alert(12)',
    '',
    'Body.',
    '',
  ],
]
  .map((m) => m.join('\n'))
  .join('\n');

describe('scan --format html with hostile header values', () => {
  it('renders them inert: escaped text, no element, no handler, nothing run or loaded', async () => {
    const file = join(dir, 'hostile.mbox');
    writeFileSync(file, HOSTILE);
    const { json, html } = scanBoth('en', file);
    const keys = [...json.byFromDomain, ...json.bySendingHost].map((g) => g.key);
    // The test can fail: hostile values did reach the summary.
    const hostile = keys.filter((k) => /[<>"]|javascript:/.test(k));
    expect(hostile.length).toBeGreaterThanOrEqual(3);
    for (const k of hostile) expect(html).toContain(`<th scope="row"><bdi>${escapeHtml(k)}</bdi></th>`);
    expect(html).not.toMatch(/<(?:script|img|iframe|svg|a|object|embed|link|base|form|input)[\s>/]/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/="\s*javascript:/i);
    expect(html).toContain('evil.example&quot;onmouseover=alert(1)//');

    const out = join(dir, 'hostile.html');
    writeFileSync(out, html);
    const { page, watch, close } = await openPage(browser);
    try {
      await page.goto(pathToFileURL(out).href);
      const found = await page.evaluate(() => ({
        dangerous: document.querySelectorAll(
          'script, img, iframe, svg, a, object, embed, link, base, form, input, video, audio, source',
        ).length,
        handlers: Array.from(document.querySelectorAll('*')).flatMap((e) =>
          Array.from(e.attributes)
            .map((a) => a.name)
            .filter((n) => n.startsWith('on')),
        ),
        pwned: (window as { __pwned?: unknown }).__pwned ?? null,
      }));
      expect(found).toEqual({ dangerous: 0, handlers: [], pwned: null });
      // Hover every row header: an injected onmouseover would run now.
      for (const th of await page.$$('tbody th')) await th.hover();
      expect(watch).toEqual({ requests: [pathToFileURL(out).href], dialogs: [], errors: [] });
      const shownKeys = await page.$$eval('tbody th', (ths) => ths.map((t) => t.textContent ?? ''));
      for (const k of hostile) expect(shownKeys).toContain(k);
    } finally {
      await close();
    }
  });
});
