// Property: the workers count their batches and the main thread adds the tallies up. However the
// messages are cut into consecutive batches, the summary is exactly the one that counting them one
// by one gives: the counts, the groups and their order, each group's provider (ties go to the one
// seen first), each cause's title (the first message's) and fixes, the errors listed and their
// order, the position a Ctrl-C would report, and --fail-on's count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FindingCode } from '../../src/diagnose/findings.js';
import type { FailOn, Tally } from '../../src/scan/aggregate.js';
import { mergeTally, newTally, ScanAggregator, tallyRecord } from '../../src/scan/aggregate.js';
import type { MessageRecord } from '../../src/scan/record.js';

const CODES: FindingCode[] = ['spf-not-designated', 'dkim-none', 'dmarc-fail', 'dkim-fail'];

const record = (index: number): fc.Arbitrary<MessageRecord> =>
  fc
    .record({
      error: fc.option(fc.constantFrom('no header block', 'analysis failed: boom'), { freq: 8 }),
      matched: fc.boolean(),
      truncated: fc.boolean(),
      fromDomain: fc.option(fc.constantFrom('a.example', 'b.example', 'c.example')),
      host: fc.option(fc.constantFrom('mx1.example.net', 'mx2.example.net')),
      provider: fc.option(fc.constantFrom('sakura', 'xserver', 'google')),
      spf: fc.option(fc.constantFrom('pass', 'softfail', 'fail')),
      dkim: fc.option(fc.constantFrom('pass', 'fail')),
      dmarc: fc.option(fc.constantFrom('pass', 'fail')),
      gmailUnauthenticated: fc.boolean(),
      authenticated: fc.boolean(),
      // Codes may repeat within a message (two failing signatures): counted once per message.
      problems: fc.array(fc.constantFrom(...CODES), { maxLength: 4 }),
      titleSeed: fc.nat(3),
      time: fc.option(fc.integer({ min: 1_600_000_000_000, max: 1_700_000_000_000 })),
      fixLines: fc.array(fc.constantFrom('v=spf1 a:www1.example ~all', 'v=DMARC1; p=none'), { maxLength: 2 }),
    })
    .map(
      (r): MessageRecord => ({
        src: { path: 'box.mbox', index, offset: index * 100 },
        error: r.error,
        truncated: r.truncated,
        matched: r.matched,
        messageId: null,
        date: null,
        time: r.time,
        fromDomain: r.fromDomain,
        envelopeDomain: null,
        host: r.host,
        ip: null,
        provider: r.provider,
        spf: r.spf,
        dkim: r.dkim,
        dmarc: r.dmarc,
        arc: null,
        gmailUnauthenticated: r.gmailUnauthenticated,
        authenticated: r.authenticated,
        problems: r.problems,
        titles: r.problems.map((code) => `${code} title ${r.titleSeed}`),
        fixes: r.fixLines.map((zoneLine, k) => ({
          answers: CODES[k] ?? 'dkim-none',
          zoneLine,
          domain: `d${r.titleSeed}.example`,
        })),
      }),
    );

const mailbox = fc
  .integer({ min: 0, max: 260 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => record(i + 1))))
  .map((records) => records as MessageRecord[]);

function summaryOf(tally: Tally): unknown {
  const agg = new ScanAggregator('example');
  agg.merge(tally);
  return { summary: agg.summary({ bytes: 0, seconds: 0, interrupted: true }), failures: agg.failures };
}

describe('tallies of consecutive batches', () => {
  it('add up to the summary of counting the messages one by one, however the batches are cut', () => {
    fc.assert(
      fc.property(
        mailbox,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom<FailOn>('softfail', 'fail', 'none'),
        (records, cuts, failOn) => {
          const one = newTally();
          for (const r of records) tallyRecord(one, r, failOn);

          const points = [...new Set(cuts.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
          const merged = newTally();
          let from = 0;
          for (const to of [...points, records.length]) {
            const batch = newTally();
            for (const r of records.slice(from, to)) tallyRecord(batch, r, failOn);
            // Through structured clone, as a worker's tally arrives.
            mergeTally(merged, structuredClone(batch));
            from = to;
          }
          // The tallies themselves (titles, counts, errors), then the summaries made from them
          // (orders that depend on first-seen order: a group's provider on a tie).
          expect(merged).toEqual(one);
          expect(summaryOf(merged)).toEqual(summaryOf(one));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the title of the first message with a cause and lists at most 100 errors, in order', () => {
    const err = (i: number): MessageRecord => {
      const r = fc.sample(record(i), { numRuns: 1, seed: i })[0] as MessageRecord;
      return { ...r, error: `bad ${i}` };
    };
    const a = newTally();
    const b = newTally();
    for (let i = 1; i <= 60; i++) tallyRecord(a, err(i), 'softfail');
    for (let i = 61; i <= 150; i++) tallyRecord(b, err(i), 'softfail');
    mergeTally(a, b);
    expect(a.errors.map((e) => e.source.index)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(a.errored).toBe(150);
    expect(a.last?.index).toBe(150);
  });
});
