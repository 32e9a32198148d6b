// Microsoft Message Header Analyzer vectors (Received.test.ts, Received.time.test.ts), read unchanged
// from ../shared/corpus. MHA numbers hops from the oldest (hop 1); our positions count from the top.
// MHA's dateNum is our ChainHop.dateMs, its delaySort (ms, -1 = none) our delaySeconds × 1000, its
// computeDeltas our transitSeconds. Display columns: MHA's `by`/`from` hold the clause with its
// comment, so their first word is compared with our by/from; `with` without comments with ours.
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/received/index.js';
import { readJsonl } from '../corpus.js';
import { fieldsOf } from './helpers.js';

interface Row {
  by?: string;
  from?: string;
  with?: string;
  id?: string;
  for?: string;
  via?: string;
  dateNum?: number;
  delaySort: number;
  hop?: number;
}
interface Vector {
  kind: 'chain' | 'single' | 'date';
  test?: string;
  describe: string;
  headers_in_message_order?: string[];
  expect_rows_by_hop?: Row[];
  expect_computeDeltas?: string;
  received?: string | null;
  expect?: Row;
}

/** Single-header vectors where a display column differs by design, with the reason. */
const DISPLAY_EXCEPTIONS: Record<string, { fields: (keyof Row)[]; reason: string }> = {
  dupe1: {
    fields: ['with'],
    reason:
      '`by me by you with this with that with whatever` repeats clauses; MHA joins them for display ' +
      '("this; that; whatever"), we keep the first of each (RFC 5321 §4.4 allows one). The by column ' +
      '("me; you") agrees on its first word.',
  },
  qmail: {
    fields: ['by'],
    reason:
      '`(qmail 10876 invoked from network)` is a comment, not a by clause: MHA shows the comment in its by ' +
      'column, we read no by host (and, as SpamAssassin, no relay hop).',
  },
};

const firstWord = (s: string | undefined): string | undefined => s?.split(/[ ;]/)[0];
const stripComments = (s: string | undefined): string | undefined => s?.replace(/\s*\(.*$/, '');

const vectors = readJsonl<Vector>('received/mha-received.jsonl');

function seconds(text: string): number {
  const m = /(?:(\d+) minutes? )?(\d+) seconds?/.exec(text);
  return Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0);
}

describe('MHA Received chains', () => {
  const chains = vectors.filter((v) => v.kind === 'chain');
  it('has the two chains', () => expect(chains.length).toBe(2));
  for (const v of chains) {
    it(v.describe, () => {
      const headers = v.headers_in_message_order ?? [];
      const chain = analyzeChain(fieldsOf(headers));
      expect(chain.hops.length).toBe(headers.length);
      for (const row of v.expect_rows_by_hop ?? []) {
        const h = chain.hops[headers.length - (row.hop ?? 0)];
        const stamp = h?.hop ?? h?.nonRelay;
        expect(h?.dateMs).toBe(row.dateNum);
        if (row.delaySort === -1) expect(h?.delaySeconds).toBeNull();
        else expect(Math.round((h?.delaySeconds ?? Number.NaN) * 1000)).toBe(row.delaySort);
        expect(stamp?.by).toBe(firstWord(row.by));
        expect(stamp?.from).toBe(firstWord(row.from));
        expect(stamp?.with).toBe(stripComments(row.with));
        expect(stamp?.id).toBe(row.id);
        expect(stamp?.for).toBe(row.for);
        expect(stamp?.via).toBe(row.via);
      }
      expect(Math.floor(chain.transitSeconds ?? Number.NaN)).toBe(seconds(v.expect_computeDeltas ?? ''));
      // Only the sub-second jitter of SendGrid's fractional stamps is negative here: not skew.
      expect(chain.skewPositions).toEqual([]);
    });
  }
});

describe('MHA single Received headers', () => {
  const singles = vectors.filter((v) => v.kind === 'single');
  it('has the thirteen singles', () => expect(singles.length).toBe(13));
  for (const v of singles) {
    it(v.test ?? '', () => {
      const row = v.expect as Row;
      const chain = analyzeChain(v.received ? fieldsOf([v.received]) : []);
      const h = chain.hops[0];
      if (!v.received || !/\S/.test(v.received.replace(/^Received:/, ''))) {
        // empty / null / `Received: `: nothing to read, and nothing thrown.
        expect(h?.dateMs ?? undefined).toBe(row.dateNum);
        return;
      }
      const stamp = h?.hop ?? h?.nonRelay;
      expect(h?.dateMs ?? undefined).toBe(row.dateNum);
      const skip = DISPLAY_EXCEPTIONS[v.test ?? '']?.fields ?? [];
      const got = {
        by: stamp?.by,
        from: stamp?.from,
        with: stamp?.with,
        id: stamp?.id,
        for: stamp?.for,
        via: stamp?.via,
      };
      const want = {
        by: firstWord(row.by),
        from: firstWord(row.from),
        with: stripComments(row.with),
        id: row.id,
        for: row.for,
        via: row.via,
      };
      for (const k of Object.keys(got) as (keyof typeof got)[]) {
        if (skip.includes(k)) expect(got[k]).not.toBe(want[k]);
        else expect(got[k]).toBe(want[k]);
      }
    });
  }
});

describe('MHA Received dates', () => {
  const dates = vectors.filter((v) => v.kind === 'date');
  it('has the fourteen dates', () => expect(dates.length).toBe(14));
  for (const v of dates) {
    it(`${v.test}: ${v.received}`, () => {
      const chain = analyzeChain(fieldsOf([v.received ?? '']));
      expect(chain.hops[0]?.dateMs).toBe(v.expect?.dateNum);
    });
  }
});
