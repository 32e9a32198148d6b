// The story mailwhy was born from (docs/product.md, domain.md §0), through a real DNS server on
// loopback and the Node resolver, exactly as `mailwhy spf --dns-server` runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSpf } from '../../src/cli/spf.js';
import type { SpfResult } from '../../src/spf/index.js';
import { type DnsServer, startDnsServer } from '../helpers/dns-server.js';

const zone = {
  'myaccount.sakura.ne.jp': { A: ['192.0.2.10'] },
  'www123.sakura.ne.jp': { A: ['203.0.113.25'], AAAA: ['2001:db8:100::25'] },
  'example.com': {
    TXT: ['v=spf1 a:myaccount.sakura.ne.jp ~all'],
    MX: [{ exchange: 'www123.sakura.ne.jp', priority: 10 }],
  },
};

let server: DnsServer;
beforeAll(async () => {
  server = await startDnsServer(zone);
});
afterAll(async () => {
  await server.close();
});

const base = { domain: 'example.com', format: 'text', lang: 'en', color: false, dnsTimeoutMs: 200 } as const;

describe('Sakura: a: names the initial domain, mail leaves from the server host', () => {
  it('published record → softfail, the a: term resolving to 192.0.2.10 ≠ 203.0.113.25', async () => {
    const json = await runSpf({
      ...base,
      ip: '203.0.113.25',
      format: 'json',
      dnsServer: `127.0.0.1:${server.port}`,
    });
    expect(json.exitCode).toBe(1);
    const result = JSON.parse(json.stdout) as SpfResult;
    expect(result.result).toBe('softfail');
    expect(result.record).toBe('v=spf1 a:myaccount.sakura.ne.jp ~all');
    const [a, all] = result.trace.terms;
    expect(a?.outcome).toBe('no-match');
    expect(a?.reason).toEqual({
      code: 'address-mismatch',
      name: 'myaccount.sakura.ne.jp',
      addresses: ['192.0.2.10'],
      cidr: 32,
    });
    expect(a?.queries).toEqual([
      { name: 'myaccount.sakura.ne.jp', type: 'A', answers: ['192.0.2.10'], void: false },
    ]);
    expect(all?.outcome).toBe('match');
    expect(result.matchedTerm).toBe('~all');
    // The queries really went over the wire to the loopback server.
    expect(server.queries.map((q) => `${q.type} ${q.name}`)).toEqual(
      expect.arrayContaining(['TXT example.com', 'A myaccount.sakura.ne.jp']),
    );

    const text = await runSpf({ ...base, ip: '203.0.113.25', dnsServer: `127.0.0.1:${server.port}` });
    expect(text.stdout).toContain('Result: softfail');
    expect(text.stdout).toContain('myaccount.sakura.ne.jp has 192.0.2.10: none is the client IP');
    expect(text.stdout).toContain('A myaccount.sakura.ne.jp → 192.0.2.10');
    const ja = await runSpf({
      ...base,
      lang: 'ja',
      ip: '203.0.113.25',
      dnsServer: `127.0.0.1:${server.port}`,
    });
    expect(ja.stdout).toContain('結果: softfail');
    expect(ja.stdout).toContain(
      'myaccount.sakura.ne.jp のアドレスは 192.0.2.10 で、接続元 IP ではありません',
    );
  });

  it('--record "v=spf1 a:www123.sakura.ne.jp mx ~all" → pass, over IPv4 and IPv6', async () => {
    const record = 'v=spf1 a:www123.sakura.ne.jp mx ~all';
    const v4 = await runSpf({
      ...base,
      ip: '203.0.113.25',
      record,
      format: 'json',
      dnsServer: `127.0.0.1:${server.port}`,
    });
    expect(v4.exitCode).toBe(0);
    const r4 = JSON.parse(v4.stdout) as SpfResult;
    expect(r4.result).toBe('pass');
    expect(r4.recordSource).toBe('override');
    expect(r4.trace.terms[0]?.reason).toEqual({
      code: 'address-match',
      name: 'www123.sakura.ne.jp',
      address: '203.0.113.25',
      cidr: 32,
    });

    const v6 = await runSpf({
      ...base,
      ip: '2001:db8:100::25',
      record,
      format: 'json',
      dnsServer: `127.0.0.1:${server.port}`,
    });
    expect(v6.exitCode).toBe(0);
    const r6 = JSON.parse(v6.stdout) as SpfResult;
    expect(r6.result).toBe('pass');
    // §5.3: for an IPv6 client a: looks up AAAA.
    expect(r6.trace.terms[0]?.queries[0]).toMatchObject({ name: 'www123.sakura.ne.jp', type: 'AAAA' });
    expect(r6.trace.terms[0]?.outcome).toBe('match');

    // The mx term alone also authorises the host (MX → www123 → its address).
    const mxOnly = await runSpf({
      ...base,
      ip: '2001:db8:100::25',
      record: 'v=spf1 mx -all',
      format: 'json',
      dnsServer: `127.0.0.1:${server.port}`,
    });
    const rmx = JSON.parse(mxOnly.stdout) as SpfResult;
    expect(rmx.result).toBe('pass');
    expect(rmx.trace.terms[0]?.reason).toEqual({
      code: 'mx-match',
      exchange: 'www123.sakura.ne.jp',
      address: '2001:db8:100::25',
      cidr: 128,
    });
  });

  it('prints the tree in both languages for the fix', async () => {
    const record = 'v=spf1 a:www123.sakura.ne.jp mx ~all';
    const en = await runSpf({ ...base, ip: '203.0.113.25', record, dnsServer: `127.0.0.1:${server.port}` });
    console.log(en.stdout);
    expect(en.stdout).toContain('Record (tested, not published): v=spf1 a:www123.sakura.ne.jp mx ~all');
    expect(en.stdout).toContain('✓ a:www123.sakura.ne.jp — match: www123.sakura.ne.jp has 203.0.113.25');
    const ja = await runSpf({
      ...base,
      lang: 'ja',
      ip: '203.0.113.25',
      record,
      dnsServer: `127.0.0.1:${server.port}`,
    });
    console.log(ja.stdout);
    expect(ja.stdout).toContain('レコード (試験用、未公開)');
  });
});
