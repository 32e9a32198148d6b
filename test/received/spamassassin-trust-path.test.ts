// SpamAssassin t/trust_path.t vectors, read unchanged from ../shared/corpus: given
// trusted_networks / internal_networks / msa_networks, which relays are trusted and which are not.
// Relays are identified by their IP (normalised with ipaddr.js on both sides; the vectors write
// `DEAD:BEEF:0000:…`). X-Originating-IP relays are our `chain.originating`. SpamAssassin's `intl`
// is our ChainHop.internal, `msa` our ChainHop.msa.
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/received/index.js';
import type { ChainOptions } from '../../src/received/types.js';
import { readJsonl } from '../corpus.js';
import { splitHeaders } from './helpers.js';

interface SaRelay {
  ip: string;
  intl: string;
  msa: string;
}
interface Vector {
  case: number;
  comment: string;
  config: { trusted_networks?: string; internal_networks?: string; msa_networks?: string };
  headers: string;
  expect: { trusted: SaRelay[]; untrusted: SaRelay[]; flags: string[] };
}

/** Cases where our `internal` flag differs from SpamAssassin's (sides still agree), with the reason. */
const INTERNAL_FLAG_EXCEPTIONS: Record<number, string> = {
  14:
    'internal_networks (1.1/16) is not a subset of trusted_networks (1.1.1/24): SpamAssassin flags this ' +
    'configuration as a lint error and its Patricia-trie lookup then reports intl=0; we match 1.1.1.2 ' +
    'against 1.1/16 as written and call it internal.',
};

const norm = (ip: string): string => ipaddr.process(ip).toString();

function side(v: Vector): { trusted: string[]; untrusted: string[]; intl: string[]; msa: string[] } {
  const options: ChainOptions = {};
  if (v.config.trusted_networks) options.trustedNetworks = [v.config.trusted_networks];
  if (v.config.internal_networks) options.internalNetworks = [v.config.internal_networks];
  if (v.config.msa_networks) options.msaNetworks = [v.config.msa_networks];
  const chain = analyzeChain(splitHeaders(v.headers), options);
  const relays: { ip: string; trusted: boolean; internal: boolean; msa: boolean }[] = [];
  for (const h of chain.hops) {
    if (h.hop) relays.push({ ip: h.hop.ip ?? '', trusted: h.trusted, internal: h.internal, msa: h.msa });
  }
  if (chain.originating) relays.push({ ...chain.originating, msa: false });
  return {
    trusted: relays.filter((r) => r.trusted).map((r) => r.ip),
    untrusted: relays.filter((r) => !r.trusted).map((r) => r.ip),
    intl: relays.map((r) => (r.internal ? '1' : '0')),
    msa: relays.map((r) => (r.msa ? '1' : '0')),
  };
}

const vectors = readJsonl<Vector>('received/spamassassin-trust_path.jsonl');

describe('SpamAssassin trust_path.t', () => {
  it('reads the whole corpus file', () => {
    expect(vectors.length).toBe(32);
  });

  const results = vectors.map((v) => {
    const got = side(v);
    const want = {
      trusted: v.expect.trusted.map((r) => norm(r.ip)),
      untrusted: v.expect.untrusted.map((r) => norm(r.ip)),
      intl: [...v.expect.trusted, ...v.expect.untrusted].map((r) => r.intl),
      msa: [...v.expect.trusted, ...v.expect.untrusted].map((r) => r.msa),
    };
    return { v, got, want };
  });

  for (const { v, got, want } of results) {
    it(`#${v.case} ${v.comment.slice(0, 70)}`, () => {
      expect({ trusted: got.trusted, untrusted: got.untrusted }).toEqual({
        trusted: want.trusted,
        untrusted: want.untrusted,
      });
      expect(got.msa).toEqual(want.msa);
      if (INTERNAL_FLAG_EXCEPTIONS[v.case]) expect(got.intl).not.toEqual(want.intl);
      else expect(got.intl).toEqual(want.intl);
    });
  }

  it('puts the same relays on each side in at least 90% of chains', () => {
    const agreed = results.filter(
      (r) =>
        JSON.stringify([r.got.trusted, r.got.untrusted]) ===
        JSON.stringify([r.want.trusted, r.want.untrusted]),
    ).length;
    expect(agreed / results.length).toBeGreaterThanOrEqual(0.9);
    expect(`${agreed}/${results.length}`).toBe('32/32');
  });
});
