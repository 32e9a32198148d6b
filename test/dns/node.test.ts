// The Node resolver (c-ares) against a real DNS server on loopback: answers, error codes, timeouts,
// SERVFAIL, truncation with and without the TCP fallback. Timeouts are short (100 ms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsError } from '../../src/dns/index.js';
import { createNodeResolver, parseDnsServer } from '../../src/dns/node.js';
import { type DnsServer, startDnsServer } from '../helpers/dns-server.js';

const long = `v=spf1 ${Array.from({ length: 25 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`;
const zone = {
  'example.com': {
    TXT: ['v=spf1 mx -all', ['hello ', 'world']],
    A: ['192.0.2.1'],
    AAAA: ['2001:db8::1'],
    MX: [
      { exchange: 'mx2.example.com', priority: 20 },
      { exchange: 'mx1.example.com', priority: 10 },
    ],
  },
  '1.2.0.192.in-addr.arpa': { PTR: ['example.com'] },
  'www.example.com': { CNAME: 'example.com' },
  'long.example.com': { TXT: [[long.slice(0, 255), long.slice(255)]] },
  'timeout.example.com': { error: 'ETIMEOUT' },
  'servfail.example.com': { error: 'ESERVFAIL' },
  'refused.example.com': { error: 'EREFUSED' },
};

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return (error as DnsError).code;
  }
  return 'resolved';
}

describe('Node resolver over UDP to a loopback server', () => {
  let server: DnsServer;
  let resolve: ReturnType<typeof createNodeResolver>;
  beforeAll(async () => {
    server = await startDnsServer(zone);
    resolve = createNodeResolver({ servers: [`127.0.0.1:${server.port}`], timeout: 100, tries: 1 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers every record type', async () => {
    expect(await resolve('example.com', 'TXT')).toEqual([['v=spf1 mx -all'], ['hello ', 'world']]);
    expect(await resolve('example.com', 'A')).toEqual(['192.0.2.1']);
    expect(await resolve('example.com', 'AAAA')).toEqual(['2001:db8::1']);
    expect((await resolve('example.com', 'MX')).sort((a, b) => a.priority - b.priority)).toEqual([
      { exchange: 'mx1.example.com', priority: 10 },
      { exchange: 'mx2.example.com', priority: 20 },
    ]);
    expect(await resolve('1.2.0.192.in-addr.arpa', 'PTR')).toEqual(['example.com']);
    expect(await resolve('www.example.com', 'A')).toEqual(['192.0.2.1']);
  });

  it('maps NXDOMAIN, NODATA, SERVFAIL, REFUSED and silence to node:dns codes', async () => {
    expect(await code(resolve('nowhere.example.com', 'A'))).toBe('ENOTFOUND');
    expect(await code(resolve('1.2.0.192.in-addr.arpa', 'A'))).toBe('ENODATA');
    expect(await code(resolve('servfail.example.com', 'TXT'))).toBe('ESERVFAIL');
    expect(await code(resolve('refused.example.com', 'TXT'))).toBe('EREFUSED');
    const started = Date.now();
    expect(await code(resolve('timeout.example.com', 'TXT'))).toBe('ETIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('queries names c-ares refuses (":" "/" spaces) through its own wire client', async () => {
    const s = await startDnsServer({
      'foo:bar/baz.example.com': { A: ['192.0.2.7'] },
      'a b.example.com': { TXT: [[]] },
    });
    const r = createNodeResolver({ servers: [`127.0.0.1:${s.port}`], timeout: 100, tries: 1 });
    expect(await r('foo:bar/baz.example.com', 'A')).toEqual(['192.0.2.7']);
    // A TXT record with no string at all (illegal, seen in the wild) reads as one record of no strings.
    expect(await r('a b.example.com', 'TXT')).toEqual([[]]);
    expect(await code(r('foo:bar/missing.example.com', 'A'))).toBe('ENOTFOUND');
    await s.close();
  });
});

describe('truncated answers', () => {
  it('retries over TCP after TC=1 and gets the whole 450-character record in its two strings', async () => {
    const server = await startDnsServer(zone, { udpLimit: 300 });
    const resolve = createNodeResolver({ servers: [`127.0.0.1:${server.port}`], timeout: 200, tries: 1 });
    const txt = await resolve('long.example.com', 'TXT');
    expect(long.length).toBeGreaterThanOrEqual(450);
    expect(long.length - 255).toBeLessThanOrEqual(255);
    expect(txt).toEqual([[long.slice(0, 255), long.slice(255)]]);
    expect(server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
    await server.close();
  });

  it('fails with a connection error when the TCP fallback is impossible', async () => {
    const server = await startDnsServer(zone, { tcp: false, truncate: ['example.com'] });
    const resolve = createNodeResolver({ servers: [`127.0.0.1:${server.port}`], timeout: 100, tries: 1 });
    // Nothing listens on the TCP port, so the fallback connection is refused.
    expect(await code(resolve('example.com', 'TXT'))).toBe('ECONNREFUSED');
    await server.close();
  });
});

describe('parseDnsServer (--dns-server)', () => {
  it('accepts IP, IP:PORT and [IPv6]:PORT', () => {
    expect(parseDnsServer('192.0.2.53')).toBe('192.0.2.53');
    expect(parseDnsServer('127.0.0.1:5353')).toBe('127.0.0.1:5353');
    expect(parseDnsServer('2001:db8::53')).toBe('2001:db8::53');
    expect(parseDnsServer('[2001:db8::53]:5353')).toBe('[2001:db8::53]:5353');
  });
  it('rejects names and bad ports', () => {
    expect(() => parseDnsServer('dns.example.com')).toThrow(/not an IP address/);
    expect(() => parseDnsServer('127.0.0.1:70000')).toThrow(/bad port/);
    expect(() => parseDnsServer('127.0.0.1:')).toThrow(/bad port/);
  });
});
