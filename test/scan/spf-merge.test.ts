import { describe, expect, it } from 'vitest';
import type { CauseSummary } from '../../src/scan/aggregate.js';
import { mergeSpfFixes } from '../../src/scan/spf-merge.js';

const fix = (domain: string, value: string, messages: number) => ({
  zoneLine: `${domain}. 3600 IN TXT "${value}"`,
  domain,
  messages,
});

const cause = (code: CauseSummary['code'], fixes: CauseSummary['fixes']): CauseSummary => ({
  code,
  title: code,
  messages: fixes.reduce((n, f) => n + f.messages, 0),
  fixes,
});

describe('one SPF record per domain (RFC 7208 §4.5: two records are a permerror)', () => {
  it('merges the servers of every cause into one record, the server with most messages first', () => {
    const merged = mergeSpfFixes([
      cause('spf-not-designated', [
        fix('shop.example', 'v=spf1 a:www123.sakura.ne.jp mx ~all', 5),
        fix('shop.example', 'v=spf1 include:spf.protection.outlook.com ~all', 2),
      ]),
      cause('spf-ipv6-not-covered', [fix('shop.example', 'v=spf1 ip6:2001:db8::25 ~all', 3)]),
    ]);
    expect(merged).toEqual([
      {
        domain: 'shop.example',
        zoneLine:
          'shop.example. 3600 IN TXT "v=spf1 a:www123.sakura.ne.jp mx ip6:2001:db8::25 include:spf.protection.outlook.com ~all"',
        value: 'v=spf1 a:www123.sakura.ne.jp mx ip6:2001:db8::25 include:spf.protection.outlook.com ~all',
        messages: 10,
        senders: [
          { terms: 'a:www123.sakura.ne.jp mx', messages: 5 },
          { terms: 'ip6:2001:db8::25', messages: 3 },
          { terms: 'include:spf.protection.outlook.com', messages: 2 },
        ],
        // a, mx and include query DNS; ip6 does not (RFC 7208 §4.6.4).
        lookups: 3,
      },
    ]);
  });

  it('leaves alone a domain with one record, and DMARC records', () => {
    expect(
      mergeSpfFixes([
        cause('spf-none', [fix('one.example', 'v=spf1 ip4:192.0.2.1 ~all', 4)]),
        cause('dmarc-missing', [
          fix('_dmarc.one.example', 'v=DMARC1; p=none; rua=mailto:dmarc@one.example', 4),
          fix('_dmarc.one.example', 'v=DMARC1; p=none; rua=mailto:dmarc-reports@one.example', 1),
        ]),
      ]),
    ).toEqual([]);
  });

  it('keeps the ending most messages saw; on a tie, ~all', () => {
    const [a] = mergeSpfFixes([
      cause('spf-not-designated', [
        fix('a.example', 'v=spf1 ip4:192.0.2.1 -all', 3),
        fix('a.example', 'v=spf1 ip4:192.0.2.2 ~all', 1),
        fix('a.example', 'v=spf1 ip4:192.0.2.3 ~all', 1),
      ]),
    ]);
    expect(a?.value).toBe('v=spf1 ip4:192.0.2.1 ip4:192.0.2.2 ip4:192.0.2.3 -all');
    const [b] = mergeSpfFixes([
      cause('spf-not-designated', [
        fix('b.example', 'v=spf1 ip4:192.0.2.1 -all', 2),
        fix('b.example', 'v=spf1 ip4:192.0.2.2 ~all', 2),
      ]),
    ]);
    expect(b?.value).toBe('v=spf1 ip4:192.0.2.1 ip4:192.0.2.2 ~all');
    // The same server with two endings: one term, the ending decided as above.
    const [c] = mergeSpfFixes([
      cause('spf-not-designated', [
        fix('c.example', 'v=spf1 a:mail.c.example -all', 1),
        fix('c.example', 'v=spf1 a:mail.c.example ~all', 4),
      ]),
    ]);
    expect(c?.value).toBe('v=spf1 a:mail.c.example ~all');
    expect(c?.senders).toEqual([{ terms: 'a:mail.c.example', messages: 5 }]);
  });

  it('counts the terms that query DNS and splits a value over 255 characters into strings (RFC 7208 §3.3)', () => {
    const hosts = Array.from({ length: 12 }, (_, i) => `a:mail${i + 1}.relay-host.example`);
    const [m] = mergeSpfFixes([
      cause(
        'spf-not-designated',
        hosts.map((h, i) => fix('many.example', `v=spf1 ${h} ~all`, 20 - i)),
      ),
    ]);
    expect(m?.lookups).toBe(12);
    expect(m?.value).toBe(`v=spf1 ${hosts.join(' ')} ~all`);
    const strings = [...(m?.zoneLine.matchAll(/"([^"]*)"/g) ?? [])].map((x) => x[1] ?? '');
    expect(strings.length).toBe(2);
    for (const s of strings) expect(s.length).toBeLessThanOrEqual(255);
    // A receiver joins the strings with nothing between them (RFC 7208 §3.3): the value again.
    expect(strings.join('')).toBe(m?.value);
  });
});
