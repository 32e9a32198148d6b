// docs/report-schema.md: every field mailwhy writes is on the page. The keys are read off real
// output (a report, a scan summary, a CSV header, JSON lines), so a field added to the code and not
// to the page fails here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import type { ByteSink } from '../../src/scan/index.js';
import { scan } from '../../src/scan/index.js';
import { fromLine, mbox, message, tempDir } from '../scan/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const page = readFileSync(join(root, 'docs/report-schema.md'), 'utf8');

/** The text of the page from `# title` (or `## title`) to the next heading of the same level. */
function part(title: string): string {
  const level = title.startsWith('## ') ? '## ' : '# ';
  const start = `\n${page}`.indexOf(`\n${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const rest = page.slice(start + title.length);
  const next = rest.search(new RegExp(`\\n${level}[^#]`));
  return next < 0 ? rest : rest.slice(0, next);
}

/** Every `code` span of a text, and each dotted or bracketed part of it (`a.b[]` gives a, b). */
function named(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/`([^`]+)`/g))
    for (const word of (m[1] ?? '').split(/[^\w-]+/)) if (word !== '') out.add(word);
  return out;
}

function keys(o: object): string[] {
  return Object.keys(o);
}

class Lines implements ByteSink {
  text = '';
  write(bytes: Uint8Array): void {
    this.text += Buffer.from(bytes).toString('utf8');
  }
}

describe('docs/report-schema.md', () => {
  it('the report: every top-level field and every verdict part', () => {
    const eml = readFileSync(join(root, 'test/golden/forged-authentication-results/message.eml'));
    const report = analyzeMessage(eml);
    const documented = named(part('# The JSON report'));
    for (const k of keys(report)) expect(documented, `report.${k}`).toContain(k);
    for (const k of keys(report.verdicts)) expect(documented, `verdicts.${k}`).toContain(k);
    for (const k of keys(report.input)) expect(documented, `input.${k}`).toContain(k);
  });

  it('the scan summary, its groups, causes, totals and sources; the JSON lines; the CSV columns', async () => {
    const dir = tempDir();
    const box = join(dir, 'box.mbox');
    // One message that fails SPF (a cause with its fix), one from another server of the same domain
    // (two fixes for one domain: a merged SPF record), then one with no header block (an error).
    const relay = `${fromLine(2)}\n${message(2, 'softfail').replaceAll('mail.example.com', 'relay.example.net')}\n`;
    const noHeader = 'From 3@xxx Mon Jan 01 00:00:00 +0000 2024\n\nJust a body.\n';
    writeFileSync(
      box,
      Buffer.concat([mbox(1, '\n', () => 'softfail').bytes, Buffer.from(relay), Buffer.from(noHeader)]),
    );
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from([0, 255, 16, 128]));
    const jsonl = new Lines();
    const csv = new Lines();
    const { summary } = await scan([box, junk], { jobs: 0, jsonl, csv });
    expect(summary.unreadable).toHaveLength(1);
    expect(summary.errors.length).toBeGreaterThan(0);

    const documented = named(part('## The summary (`mailwhy.scan-summary/1`)'));
    for (const k of keys(summary)) expect(documented, `summary.${k}`).toContain(k);
    for (const k of keys(summary.totals)) expect(documented, `totals.${k}`).toContain(k);
    const group = summary.byFromDomain[0];
    const cause = summary.causes[0];
    const error = summary.errors[0];
    expect(group && cause && error).toBeTruthy();
    for (const k of keys(group ?? {})) expect(documented, `group.${k}`).toContain(k);
    for (const k of keys(cause ?? {})) expect(documented, `cause.${k}`).toContain(k);
    for (const k of keys(cause?.fixes[0] ?? {})) expect(documented, `cause.fixes.${k}`).toContain(k);
    for (const k of keys(error ?? {})) expect(documented, `errors.${k}`).toContain(k);
    const merged = summary.spfRecords[0];
    expect(merged).toBeTruthy();
    for (const k of keys(merged ?? {})) expect(documented, `spfRecords.${k}`).toContain(k);
    for (const k of keys(merged?.senders[0] ?? {}))
      expect(documented, `spfRecords.senders.${k}`).toContain(k);
    for (const k of keys(summary.unreadable[0] ?? {})) expect(documented, `unreadable.${k}`).toContain(k);
    for (const k of ['path', 'entry', 'offset', 'index']) expect(documented, `source.${k}`).toContain(k);

    const lines = named(part('## JSON lines (`--jsonl FILE`)'));
    const records = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as object);
    expect(records.map((r) => keys(r).join(','))).toEqual([
      'source,truncated,report',
      'source,truncated,report',
      'source,error',
    ]);
    for (const r of records) for (const k of keys(r)) expect(lines, `line.${k}`).toContain(k);

    const columns = named(part('## CSV (`--csv FILE`)'));
    const header = csv.text.split('\r\n')[0]?.split(',') ?? [];
    expect(header.length).toBeGreaterThan(10);
    for (const c of header) expect(columns, `csv ${c}`).toContain(c);
  });
});
