// SpamAssassin t/rcvd_parser.t vectors, read unchanged from ../shared/corpus. SpamAssassin's relay
// string fields map to ours: ip→ip, rdns→rdns, helo→helo, by→by, ident→ident, envfrom→envelopeFrom,
// id→id, auth→auth. SpamAssassin writes helo/by with `[ ] ( ) < > | # space` replaced by `!`
// (so the literal HELO `[10.0.0.1]` reads `!10.0.0.1!`); we apply the same mapping to ours before
// comparing. `intl` and `msa` depend on configuration, not on the line, and are not compared here.
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/received/index.js';
import type { Hop } from '../../src/received/types.js';
import { readJsonl } from '../corpus.js';

interface SaRelay {
  ip: string;
  rdns: string;
  helo: string;
  by: string;
  ident: string;
  envfrom: string;
  id: string;
  auth: string;
}
interface Vector {
  received: string;
  expect: SaRelay | null;
  section: string;
}

const FIELDS = ['ip', 'rdns', 'helo', 'by', 'ident', 'envfrom', 'id', 'auth'] as const;

/** Vectors whose expected relay we do not reproduce, by field, with the reason. */
const EXPECTED_DIFFERENCES: Record<string, { fields: string[]; reason: string }> = {
  'from stgt-5f70f8a3.pool.mediaWays.net (EHLO user588a01834c) [95.112.248.163] by mail.gmx.net (mp033) with SMTP; 23 Nov 2012 19:06:20 +0100':
    {
      fields: ['auth'],
      reason:
        'SpamAssassin knows that GMX submission servers (`by mail.gmx.net (mpNNN) with SMTP`) only take ' +
        'authenticated clients and labels the hop `GMX (SMTP / mail.gmx.net)`. Nothing in the line says so; ' +
        'mailwhy reports SMTP AUTH only from what the line states.',
    },
};

const bang = (s: string | undefined): string => (s ?? '').replace(/[\s\0#[\]()<>|]/g, '!');

function asSa(h: Hop): SaRelay {
  return {
    ip: h.ip ?? '',
    rdns: bang(h.rdns),
    helo: bang(h.helo),
    by: bang(h.by),
    ident: bang(h.ident),
    envfrom: bang(h.envelopeFrom),
    id: h.id ?? '',
    auth: h.auth ?? '',
  };
}

const vectors = readJsonl<Vector>('received/spamassassin-rcvd_parser.jsonl');

describe('SpamAssassin rcvd_parser.t', () => {
  it('reads the whole corpus file', () => {
    expect(vectors.length).toBe(146);
    expect(vectors.filter((v) => v.expect === null).length).toBe(34);
  });

  it('agrees on every skip decision (null = not a relay hop)', () => {
    const disagree = vectors
      .filter((v) => (v.expect === null) !== (parseReceived(v.received) === null))
      .map((v) => v.received);
    expect(disagree).toEqual([]);
  });

  const parsed = vectors.filter((v) => v.expect !== null);
  const outcome = parsed.map((v) => {
    const h = parseReceived(v.received);
    const got = h ? asSa(h) : null;
    const diff = FIELDS.filter((f) => got === null || got[f] !== (v.expect as SaRelay)[f]);
    return { v, got, diff };
  });

  for (const { v, got, diff } of outcome) {
    const known = EXPECTED_DIFFERENCES[v.received];
    it(`parses: ${v.received.slice(0, 90)}`, () => {
      expect(got).not.toBeNull();
      expect(diff).toEqual(known?.fields ?? []);
    });
  }

  it('agrees on all eight fields for at least 97% of parsed vectors; the exceptions are exactly the listed ones', () => {
    const failing = outcome.filter((o) => o.diff.length > 0).map((o) => o.v.received);
    expect(failing.sort()).toEqual(Object.keys(EXPECTED_DIFFERENCES).sort());
    const agreed = outcome.length - failing.length;
    expect(agreed / outcome.length).toBeGreaterThanOrEqual(0.97);
    expect(`${agreed}/${outcome.length}`).toBe('111/112');
  });
});
