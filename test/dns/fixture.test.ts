import { describe, expect, it } from 'vitest';
import {
  createDenyResolver,
  createFixtureResolver,
  type DnsError,
  parseFixtureZone,
} from '../../src/dns/index.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    return (error as DnsError).code;
  }
  return 'resolved';
}

describe('fixture resolver', () => {
  const zone = parseFixtureZone({
    'Example.COM.': {
      TXT: ['v=spf1 -all', ['v=spf1 ', 'ip4:192.0.2.1']],
      A: ['192.0.2.1'],
      MX: [{ exchange: 'mx.example.com', priority: 5 }],
    },
    'alias.example.com': { CNAME: 'example.com' },
    'loop1.example.com': { CNAME: 'loop2.example.com' },
    'loop2.example.com': { CNAME: 'loop1.example.com' },
    'slow.example.com': { TXT: ['hello'], error: 'ETIMEOUT' },
    'broken.example.com': { A: ['192.0.2.9'], errors: { A: 'ESERVFAIL' } },
    '1.2.0.192.in-addr.arpa': { PTR: ['host.example.com.'] },
  });
  const resolve = createFixtureResolver(zone);

  it('answers by name case-insensitively, keeping TXT strings apart', async () => {
    expect(await resolve('example.com', 'TXT')).toEqual([['v=spf1 -all'], ['v=spf1 ', 'ip4:192.0.2.1']]);
    expect(await resolve('EXAMPLE.com.', 'A')).toEqual(['192.0.2.1']);
    expect(await resolve('example.com', 'MX')).toEqual([{ exchange: 'mx.example.com', priority: 5 }]);
    expect(await resolve('1.2.0.192.in-addr.arpa', 'PTR')).toEqual(['host.example.com']);
  });

  it('tells NXDOMAIN (ENOTFOUND) from no data (ENODATA)', async () => {
    expect(await code(resolve('nowhere.example.com', 'A'))).toBe('ENOTFOUND');
    expect(await code(resolve('example.com', 'AAAA'))).toBe('ENODATA');
  });

  it('follows CNAME chains and fails a loop with ESERVFAIL', async () => {
    expect(await resolve('alias.example.com', 'A')).toEqual(['192.0.2.1']);
    expect(await code(resolve('loop1.example.com', 'A'))).toBe('ESERVFAIL');
  });

  it('applies error to the types a name lacks, errors to one type', async () => {
    expect(await resolve('slow.example.com', 'TXT')).toEqual([['hello']]);
    expect(await code(resolve('slow.example.com', 'A'))).toBe('ETIMEOUT');
    expect(await code(resolve('broken.example.com', 'A'))).toBe('ESERVFAIL');
  });

  it('returns copies and logs every query', async () => {
    const fresh = createFixtureResolver(zone);
    const first = await fresh('example.com', 'A');
    first.push('6.6.6.6');
    expect(await fresh('example.com', 'A')).toEqual(['192.0.2.1']);
    expect(fresh.queries).toEqual([
      { name: 'example.com', type: 'A' },
      { name: 'example.com', type: 'A' },
    ]);
  });

  it('rejects a malformed zone with the path of the problem', () => {
    expect(() => parseFixtureZone([])).toThrow(/expected an object/);
    expect(() => parseFixtureZone({ 'a.example': { TXT: 'v=spf1' } })).toThrow(
      /a\.example\.TXT: expected an array/,
    );
    expect(() => parseFixtureZone({ 'a.example': { SPF: ['x'] } })).toThrow(/a\.example\.SPF: unknown key/);
    expect(() => parseFixtureZone({ 'a.example': { MX: ['mx.a.example'] } })).toThrow(/exchange/);
    expect(() => parseFixtureZone({ 'a.example': { errors: { CNAME: 'ETIMEOUT' } } })).toThrow(/record type/);
  });
});

describe('deny-all resolver', () => {
  it('refuses every query with EOFFLINE and counts them', async () => {
    const deny = createDenyResolver();
    expect(deny.count()).toBe(0);
    expect(await code(deny.resolve('example.com', 'TXT'))).toBe('EOFFLINE');
    expect(await code(deny.resolve('example.com', 'A'))).toBe('EOFFLINE');
    expect(deny.count()).toBe(2);
    expect(deny.queries).toEqual([
      { name: 'example.com', type: 'TXT' },
      { name: 'example.com', type: 'A' },
    ]);
  });
});
