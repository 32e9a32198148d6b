// Resource limits of the single-message analysis: what bounds analyzeMessage, tested at the worst
// cases issue 9 names (100,000 fields, 10,000 Received fields, 10,000 results, 100,000 continuation
// lines, a 10 MB header). Time is checked by counting work (test/fuzz/work.ts), not with a clock;
// `node scripts/fuzz.mjs --limits` prints the measured milliseconds and memory of the same cases.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { DEFAULT_MAX_HEADER_BYTES } from '../../src/headers/split.js';
import { MAX_READ_BYTES, readMessage } from '../../src/input/node.js';
import { countWork } from '../fuzz/work.js';
import { GENERATORS } from './generate.js';

const here = fileURLToPath(new URL('./', import.meta.url));
const pass = readFileSync(join(here, 'pass.eml'), 'utf8');
const enc = new TextEncoder();

/** Characters looked at per input character on pass.eml itself (a 1 KB message) is ~20. */
const MAX_WORK_PER_CHAR = 40;

describe('resource limits of one message', () => {
  it('the header is read up to DEFAULT_MAX_HEADER_BYTES (2 MiB), and the report says so', () => {
    expect(DEFAULT_MAX_HEADER_BYTES).toBe(2 * 1024 * 1024);
    const big = GENERATORS['header-10mb.eml']?.(pass) ?? '';
    for (const input of [big, enc.encode(big)]) {
      const r = analyzeMessage(input);
      expect(r.input.headerBytes).toBe(DEFAULT_MAX_HEADER_BYTES);
      const f = r.findings.find((x) => x.code === 'header-truncated');
      expect(f?.severity).toBe('warning');
      expect(f?.args).toEqual({ limitBytes: DEFAULT_MAX_HEADER_BYTES });
    }
  });

  it('maxHeaderBytes lowers the cap; a header below it is not marked', () => {
    const r = analyzeMessage(pass, { maxHeaderBytes: 600 });
    expect(r.input.headerBytes).toBe(600);
    expect(r.findings.map((f) => f.code)).toContain('header-truncated');
    expect(analyzeMessage(pass).findings.map((f) => f.code)).not.toContain('header-truncated');
  });

  it('the CLI reads at most MAX_READ_BYTES (8 MiB) of a file', async () => {
    expect(MAX_READ_BYTES).toBe(8 * 1024 * 1024);
    const dir = mkdtempSync(join(tmpdir(), 'mailwhy-limits-'));
    try {
      const path = join(dir, 'big.eml');
      writeFileSync(path, GENERATORS['header-10mb.eml']?.(pass) ?? '');
      const msg = await readMessage(path);
      expect(msg.bytes.length).toBe(MAX_READ_BYTES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('at most 50 DKIM verdicts (plus a pass for each new domain): the report stays linear in size', () => {
    const text = GENERATORS['authres-results-10k.eml']?.(pass) ?? '';
    const r = analyzeMessage(text);
    // 50 of the 10,000 fails, then example.com's pass, which comes after them.
    expect(r.verdicts.dkim.length).toBe(51);
    expect(r.gmail.signedBy).toEqual(['example.com']);
    expect(JSON.stringify(r).length).toBeLessThan(60 * text.length);
  });

  for (const name of ['fields-100k.eml', 'received-10k.eml', 'authres-results-10k.eml', 'folded-100k.eml']) {
    it(`${name}: at most ${MAX_WORK_PER_CHAR} characters looked at per input character`, () => {
      const text = GENERATORS[name]?.(pass) ?? '';
      const { result, work } = countWork(() => analyzeMessage(text));
      expect(result.schema).toBe('mailwhy.report/1');
      expect(work / text.length).toBeLessThan(MAX_WORK_PER_CHAR);
    });
  }

  it('a 10 MB header (bytes, as the CLI hands it) costs work in proportion to the 2 MiB read', () => {
    const bytes = enc.encode(GENERATORS['header-10mb.eml']?.(pass) ?? '');
    const { work } = countWork(() => analyzeMessage(bytes));
    // The probe decodes the 2 MiB cap plus 1 MiB once, the header block once more.
    expect(work / DEFAULT_MAX_HEADER_BYTES).toBeLessThan(MAX_WORK_PER_CHAR);
  });
});
