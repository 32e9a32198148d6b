// The page's report for every message of ../shared/corpus/eml equals the CLI's JSON report
// (`node bin/mailwhy.js --format json FILE…`): one analysis, two edges (Node + mailparser, browser +
// postal-mime). The page is fed through its real file input, one folder at a time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { corpusPath } from '../corpus.js';
import { launch, nextRender, openPage, pageUrl, renders, root } from './browser.js';

/**
 * Differences allowed, each with its reason and as narrow as it can be: a field path, and when it is
 * not the whole field, the exact shape of the two values.
 */
const IGNORED: { path: RegExp; reason: string; applies: (cli: unknown, page: unknown) => boolean }[] = [
  {
    path: /^input\.name$/,
    reason: 'the CLI names a file by the path it was given, the page by the file name',
    applies: (cli, page) => typeof cli === 'string' && typeof page === 'string' && basename(cli) === page,
  },
  {
    path: /^message\.(?:from|to)$/,
    reason:
      'a display name equal to its address ("a@b" <a@b>, here an encoded word that decodes to the address): mailparser keeps it, postal-mime drops it',
    applies: (cli, page) => {
      const m = typeof cli === 'string' ? /^"([^"]+)" <([^>]+)>$/.exec(cli) : null;
      return m !== null && m[1] === m[2] && page === m[2];
    },
  },
];

/** Every .eml under the corpus folder, grouped by the folder that holds it. */
function corpusFolders(): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.eml')) folders.set(dir, [...(folders.get(dir) ?? []), full]);
    }
  };
  walk(corpusPath('eml'));
  return folders;
}

function cliReports(files: string[]): { reports: Map<string, Report>; failed: string[] } {
  const r = spawnSync(process.execPath, ['bin/mailwhy.js', '--format', 'json', '--lang', 'en', ...files], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.status !== 0 && r.status !== 1 && r.status !== 2)
    throw new Error(`the CLI failed (${r.status}): ${r.stderr}`);
  const parsed = r.stdout.trim() === '' ? [] : (JSON.parse(r.stdout) as Report | Report[]);
  const reports = new Map<string, Report>();
  for (const report of Array.isArray(parsed) ? parsed : [parsed])
    reports.set(basename(report.input.name ?? ''), report);
  // "mailwhy: PATH: reason" for each input it refused.
  const failed = [...r.stderr.matchAll(/^mailwhy: (.+?): /gm)].map((m) => basename(m[1] ?? ''));
  return { reports, failed };
}

/** Paths (a.b[2].c) where two JSON values differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a === b) return [];
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return [path];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) {
    const sub = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
    out.push(...differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], sub));
  }
  return out;
}

function valueAt(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split(/[.[\]]+/).filter(Boolean))
    v = (v as Record<string, unknown> | undefined)?.[key];
  return v;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the page and the CLI agree on every corpus message', () => {
  const folders = corpusFolders();

  it('finds the corpus', () => {
    expect([...folders.values()].flat().length).toBeGreaterThanOrEqual(50);
  });

  for (const [dir, files] of folders) {
    it(`${dir.slice(corpusPath('eml').length) || '.'} (${files.length} messages)`, async () => {
      const cli = cliReports(files);
      const { page, watch, close } = await openPage(browser);
      await page.goto(pageUrl);
      const before = await renders(page);
      await page.setInputFiles('#file', files);
      await nextRender(page, before);
      const shown = JSON.parse(
        await page.evaluate(() =>
          JSON.stringify({ last: window.__mailwhyLastReport ?? null, errors: window.__mailwhyErrors ?? [] }),
        ),
      ) as { last: Report | Report[] | null; errors: { name: string }[] };
      await close();
      expect(watch.requests).toEqual([pageUrl]);
      expect(watch.errors).toEqual([]);

      const pageReports = new Map<string, Report>();
      for (const report of shown.last === null ? [] : Array.isArray(shown.last) ? shown.last : [shown.last]) {
        pageReports.set(report.input.name ?? '', report);
      }
      expect(shown.errors.map((e) => e.name).sort()).toEqual([...cli.failed].sort());
      expect([...pageReports.keys()].sort()).toEqual([...cli.reports.keys()].sort());

      const unexpected: string[] = [];
      for (const [name, fromCli] of cli.reports) {
        const fromPage = pageReports.get(name);
        for (const path of differences(fromCli, fromPage)) {
          const a = valueAt(fromCli, path);
          const b = valueAt(fromPage, path);
          if (!IGNORED.some((i) => i.path.test(path) && i.applies(a, b))) {
            unexpected.push(`${name}: ${path}: CLI ${JSON.stringify(a)} page ${JSON.stringify(b)}`);
          }
        }
      }
      expect(unexpected).toEqual([]);
    });
  }
});
