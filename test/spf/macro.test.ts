// RFC 7208 §7.4's own macro examples, evaluated end to end: each expansion is used as an exists:
// target, and the zone holds exactly the name the RFC says it expands to.
import { describe, expect, it } from 'vitest';
import { checkSpf, createFixtureResolver } from '../../src/spf/index.js';

const sender = 'strong-bad@email.example.com';

// [macro, IPv4 expansion] from RFC 7208 §7.4 (client 192.0.2.3).
const V4: Array<[string, string]> = [
  ['%{s}', 'strong-bad@email.example.com'],
  ['%{o}', 'email.example.com'],
  ['%{d}', 'email.example.com'],
  ['%{d4}', 'email.example.com'],
  ['%{d3}', 'email.example.com'],
  ['%{d2}', 'example.com'],
  ['%{d1}', 'com'],
  ['%{dr}', 'com.example.email'],
  ['%{d2r}', 'example.email'],
  ['%{l}', 'strong-bad'],
  ['%{l-}', 'strong.bad'],
  ['%{lr}', 'strong-bad'],
  ['%{lr-}', 'bad.strong'],
  ['%{l1r-}', 'strong'],
  ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
  ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
  ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
  ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
  ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
];

async function expand(
  macro: string,
  ip: string,
  expected: string,
): Promise<{ result: string; target?: string }> {
  // A macro alone is a valid domain-end only when the expansion is the last token; add a suffix
  // otherwise (§12 domain-end), and expect it in the target too.
  const spec = /%\{[a-z0-9-]+\}$/i.test(macro) || macro.endsWith('.example.net') ? macro : `${macro}.x.test`;
  const name = spec === macro ? expected : `${expected}.x.test`;
  const r = await checkSpf({
    ip,
    sender,
    resolver: createFixtureResolver({ [name]: { A: ['127.0.0.2'] } }),
    record: `v=spf1 exists:${spec} -all`,
  });
  const target = r.trace.terms[0]?.target;
  return target === undefined
    ? { result: r.result }
    : { result: r.result, target: target === name ? expected : target };
}

describe('RFC 7208 §7.4 examples', () => {
  for (const [macro, expected] of V4) {
    it(`${macro} → ${expected}`, async () => {
      expect(await expand(macro, '192.0.2.3', expected)).toEqual({ result: 'pass', target: expected });
    });
  }
  it('IPv6: %{ir}.%{v}._spf.%{d2} with 2001:db8::cb01', async () => {
    const expected = '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com';
    expect(await expand('%{ir}.%{v}._spf.%{d2}', '2001:db8::cb01', expected)).toEqual({
      result: 'pass',
      target: expected,
    });
  });
});

describe('other macro rules', () => {
  it('uppercase macros are URL-escaped (§7.3)', async () => {
    const r = await checkSpf({
      ip: '192.0.2.3',
      sender: 'jack&jill=up@example.com',
      resolver: createFixtureResolver({ 'jack%26jill%3Dup.x.test': { A: ['127.0.0.2'] } }),
      record: 'v=spf1 exists:%{L}.x.test -all',
    });
    expect(r.result).toBe('pass');
  });
  it('a zero digit transformer, an unknown letter, c/r/t outside exp, a lone % are syntax errors', async () => {
    for (const spec of [
      '%{d0}.x.test',
      '%{x}.x.test',
      '%{c}.x.test',
      '%{r}.x.test',
      '%{t}.x.test',
      '50%.x.test',
    ]) {
      const r = await checkSpf({
        ip: '192.0.2.3',
        sender,
        resolver: createFixtureResolver({}),
        record: `v=spf1 exists:${spec} -all`,
      });
      expect(r.result, spec).toBe('permerror');
      expect(r.reason.code, spec).toBe('syntax');
    }
  });
  it('%{c}, %{r}, %{t} work in explanations; %{p} is "unknown" without validated PTR', async () => {
    const r = await checkSpf({
      ip: '2001:db8::cb01',
      sender,
      receiver: 'mx.receiver.test',
      now: 1_700_000_000_123,
      resolver: createFixtureResolver({ 'why.example.com': { TXT: ['%{c} to %{r} at %{t} from %{p}: no'] } }),
      record: 'v=spf1 -all exp=why.example.com',
    });
    expect(r.result).toBe('fail');
    expect(r.explanation).toBe('2001:db8::cb01 to mx.receiver.test at 1700000000 from unknown: no');
  });
});
