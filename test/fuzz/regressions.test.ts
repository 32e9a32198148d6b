// Counterexamples the fuzzers found (test/fuzz/found/), kept as plain tests once fixed.
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { parseReceived } from '../../src/received/index.js';
import { hop, problems, report } from './shapes.js';

describe('fuzz regressions', () => {
  it('a Received cut right after "using TLSv1.3 with cipher" has no cipher key (scripts/fuzz.mjs, seed 1860471795)', () => {
    const h = parseReceived(
      'from mail-pf1-x432.google.com (mail-pf1-x432.google.com [IPv6:2607:f8b0:4864:20::432])  (using TLSv1.3 with cipher',
    );
    expect(problems(hop, h)).toEqual([]);
    expect(h?.tls).toEqual({ version: 'TLSv1.3' });
  });

  it('8,000 dkim results in one Authentication-Results: the report can still be serialised (test/fuzz linearity)', () => {
    const field = `mx.google.com;${' dkim=pass header.d=example.com;'.repeat(8000)}`;
    const r = analyzeMessage(
      `Received: from a.example (a.example [192.0.2.1]) by mx.google.com; Mon, 6 Nov 2023 01:02:03 -0800\nAuthentication-Results: ${field}\nFrom: a@example.com\n\nbody\n`,
    );
    expect(problems(report, r)).toEqual([]);
    expect(r.verdicts.dkim.length).toBe(50);
    expect(r.gmail.signedBy).toEqual(['example.com']);
  });
});
