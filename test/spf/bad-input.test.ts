// Broken records and hostile DNS: the RFC 7208 result, a trace showing where, and bounded time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordMap, RecordType, Resolver } from '../../src/dns/index.js';
import { createNodeResolver } from '../../src/dns/node.js';
import {
  checkSpf,
  createFixtureResolver,
  type FixtureZone,
  type SpfEvaluation,
  type SpfResult,
} from '../../src/spf/index.js';
import { type DnsServer, startDnsServer } from '../helpers/dns-server.js';

const ip = '192.0.2.1';

function check(zone: FixtureZone, sender: string, extra: { record?: string } = {}): Promise<SpfResult> {
  return checkSpf({ ip, sender, resolver: createFixtureResolver(zone), ...extra });
}

function depth(e: SpfEvaluation): number {
  const children = e.terms.flatMap((t) => (t.child === undefined ? [] : [t.child]));
  return 1 + Math.max(0, ...children.map(depth));
}

describe('syntax errors → permerror, naming the term (§4.6)', () => {
  const cases: Array<[string, string, string]> = [
    ['v=spf1 -all ip:10.0.0.1', 'ip:10.0.0.1', 'unknown-mechanism'],
    ['v=spf1 a: -all', 'a:', 'bad-domain-spec'],
    ['v=spf1 ip4:192.0.2.0/33 -all', 'ip4:192.0.2.0/33', 'bad-cidr'],
    ['v=spf1 ip4:192.0.2 -all', 'ip4:192.0.2', 'bad-ip4'],
    ['v=spf1 ip6:2001:db8::/129 -all', 'ip6:2001:db8::/129', 'bad-cidr'],
    ['v=spf1 mx//129 -all', 'mx//129', 'bad-cidr'],
    ['v=spf1 include -all', 'include', 'missing-argument'],
    ['v=spf1 all:foo', 'all:foo', 'unexpected-argument'],
    ['v=spf1 a:example -all', 'a:example', 'bad-domain-spec'],
    ['v=spf1 redirect=a.example redirect=b.example', 'redirect=b.example', 'duplicate-modifier'],
    ['v=spf1 a:exa\u00e9mple.com -all', 'a:exa\u00e9mple.com', 'bad-character'],
    ['v=spf1 exists:%{z}.example.com', 'exists:%{z}.example.com', 'bad-macro'],
  ];
  for (const [record, term, code] of cases) {
    it(record, async () => {
      const r = await check({}, 'u@example.com', { record });
      expect(r.result).toBe('permerror');
      expect(r.reason).toMatchObject({ code: 'syntax', error: { code, term } });
      expect(r.queryCount).toBe(0);
    });
  }
});

describe('loops and explosions are bounded by the 10-term limit (§4.6.4)', () => {
  it('include loop a → b → a', async () => {
    const r = await check(
      {
        'a.example': { TXT: ['v=spf1 include:b.example -all'] },
        'b.example': { TXT: ['v=spf1 include:a.example -all'] },
      },
      'u@a.example',
    );
    expect(r.result).toBe('permerror');
    expect(r.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
    expect(r.lookups).toBe(11);
    // The trace shows the chain of nested includes down to the one that broke the limit.
    expect(depth(r.trace)).toBe(11);
  });

  it('a record including itself through a macro (include:%{d})', async () => {
    const r = await check({ 'self.example': { TXT: ['v=spf1 include:%{d} -all'] } }, 'u@self.example');
    expect(r.result).toBe('permerror');
    expect(r.reason.code).toBe('too-many-dns-terms');
  });

  it('a redirect loop through a macro (redirect=%{o})', async () => {
    const r = await check({ 'r.example': { TXT: ['v=spf1 redirect=%{o}'] } }, 'u@r.example');
    expect(r.result).toBe('permerror');
    expect(r.reason.code).toBe('too-many-dns-terms');
  });

  it('a record expanding to thousands of terms', async () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `a:h${i}.example`).join(' ');
    const zone: FixtureZone = { 'big.example': { TXT: [`v=spf1 ${terms} -all`] } };
    for (let i = 0; i < 5000; i++) zone[`h${i}.example`] = { A: ['198.51.100.1'] };
    const started = Date.now();
    const r = await check(zone, 'u@big.example');
    expect(r.result).toBe('permerror');
    expect(r.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
    expect(r.queryCount).toBe(11); // the TXT lookup and ten A lookups, nothing more
    expect(r.trace.terms.filter((t) => t.outcome === 'not-reached')).toHaveLength(5000 - 11 + 1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('thousands of ip4 terms need no DNS and still decide', async () => {
    const terms = Array.from({ length: 4000 }, (_, i) => `ip4:10.${(i >> 8) & 255}.${i & 255}.0/24`).join(
      ' ',
    );
    const r = await check({}, 'u@example.com', { record: `v=spf1 ${terms} ip4:192.0.2.0/24 -all` });
    expect(r.result).toBe('pass');
    expect(r.matchedTerm).toBe('ip4:192.0.2.0/24');
    expect(r.queryCount).toBe(0);
  });

  it('void lookups: the third one is a permerror (§4.6.4)', async () => {
    const r = await check({}, 'u@example.com', {
      record: 'v=spf1 a:n1.example a:n2.example a:n3.example -all',
    });
    expect(r.result).toBe('permerror');
    expect(r.reason).toEqual({ code: 'too-many-void-lookups', limit: 2 });
    expect(r.trace.terms[2]?.outcome).toBe('error');
    expect(r.voidLookups).toBe(3);
  });
});

describe('records split in several strings, multiple records, non-ASCII', () => {
  it('joins a 450-character record from its TXT strings without separators (§3.3)', async () => {
    const terms = Array.from({ length: 25 }, (_, i) => `ip4:198.51.100.${i}`).join(' ');
    const full = `v=spf1 ${terms} ip4:192.0.2.1 -all`;
    expect(full.length).toBeGreaterThanOrEqual(450);
    // Split in the middle of a term on purpose: only the concatenation is a valid record.
    const parts = [full.slice(0, 255), full.slice(255, 400), full.slice(400)];
    const r = await check({ 'split.example': { TXT: [parts] } }, 'u@split.example');
    expect(r.result).toBe('pass');
    expect(r.record).toBe(full);
    expect(r.trace.queries[0]?.answers).toEqual([full]);
  });

  it('two v=spf1 records → permerror (§4.5), other TXT records are ignored', async () => {
    const r = await check(
      { 'two.example': { TXT: ['v=spf1 -all', 'google-site-verification=x', 'v=spf1 +all'] } },
      'u@two.example',
    );
    expect(r.result).toBe('permerror');
    expect(r.reason).toEqual({ code: 'multiple-records', records: ['v=spf1 -all', 'v=spf1 +all'] });
  });

  it('a non-ASCII sender domain is checked under its A-label', async () => {
    const r = await check({ 'xn--r8jz45g.jp': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] } }, 'user@例え.jp');
    expect(r.result).toBe('pass');
    expect(r.domain).toBe('xn--r8jz45g.jp');
    expect(r.trace.queries[0]?.name).toBe('xn--r8jz45g.jp');
  });

  it('malformed domains give none without any query (§4.3)', async () => {
    for (const sender of [
      'u@-',
      'u@a..example',
      `u@${'a'.repeat(64)}.example`,
      'u@[192.0.2.1]',
      'u@localhost',
    ]) {
      const resolver = createFixtureResolver({});
      const r = await checkSpf({ ip, sender, resolver });
      expect(r.result, sender).toBe('none');
      expect(r.reason.code, sender).toBe('invalid-domain');
      expect(resolver.queries, sender).toEqual([]);
    }
  });

  it('an invalid client IP is a usage error, not a verdict', async () => {
    await expect(
      checkSpf({ ip: '192.0.2', sender: 'u@example.com', resolver: createFixtureResolver({}) }),
    ).rejects.toThrow(/not an IP address/);
  });
});

describe('DNS answers that never come → temperror within bounded time', () => {
  const never: Resolver = <T extends RecordType>(): Promise<RecordMap[T]> =>
    new Promise<RecordMap[T]>(() => {});

  it('a query that never settles times out per query', async () => {
    const started = Date.now();
    const r = await checkSpf({
      ip,
      sender: 'u@example.com',
      resolver: never,
      limits: { queryTimeoutMs: 100 },
    });
    expect(r.result).toBe('temperror');
    expect(r.reason).toEqual({ code: 'dns-error', name: 'example.com', type: 'TXT', dnsCode: 'ETIMEOUT' });
    expect(r.trace.queries).toEqual([
      { name: 'example.com', type: 'TXT', answers: [], error: 'ETIMEOUT', void: false },
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('many slow answers hit the overall deadline', async () => {
    const base = createFixtureResolver({
      'slow.example': {
        TXT: ['v=spf1 a:h1.slow.example a:h2.slow.example a:h3.slow.example a:h4.slow.example -all'],
      },
      'h1.slow.example': { A: ['198.51.100.1'] },
      'h2.slow.example': { A: ['198.51.100.2'] },
      'h3.slow.example': { A: ['198.51.100.3'] },
      'h4.slow.example': { A: ['198.51.100.4'] },
    });
    const slow: Resolver = <T extends RecordType>(name: string, type: T): Promise<RecordMap[T]> =>
      new Promise((resolve, reject) => setTimeout(() => base(name, type).then(resolve, reject), 60));
    const started = Date.now();
    const r = await checkSpf({
      ip,
      sender: 'u@slow.example',
      resolver: slow,
      limits: { queryTimeoutMs: 100, totalTimeoutMs: 150 },
    });
    expect(r.result).toBe('temperror');
    expect(r.reason).toEqual({ code: 'deadline', ms: 150 });
    expect(r.trace.terms.some((t) => t.outcome === 'error')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('an explanation that arrives after the deadline is dropped, the fail stays (§6.2)', async () => {
    const base = createFixtureResolver({ 'why.example': { TXT: ['go away'] } });
    const slowExp: Resolver = <T extends RecordType>(name: string, type: T): Promise<RecordMap[T]> =>
      name === 'why.example' ? new Promise<RecordMap[T]>(() => {}) : base(name, type);
    const r = await checkSpf({
      ip,
      sender: 'u@example.com',
      record: 'v=spf1 -all exp=why.example',
      resolver: slowExp,
      limits: { queryTimeoutMs: 500, totalTimeoutMs: 100 },
    });
    expect(r.result).toBe('fail');
    expect(r.explanation).toBeNull();
    expect(r.trace.terms[1]?.reason).toEqual({ code: 'exp-unused', why: 'dns' });
  });

  describe('through the loopback server', () => {
    let server: DnsServer;
    let resolver: Resolver;
    beforeAll(async () => {
      server = await startDnsServer(
        {
          'silent.example': { error: 'ETIMEOUT' },
          'inc.example': { TXT: ['v=spf1 include:silent.example -all'] },
          'mx.example': { TXT: ['v=spf1 mx -all'], errors: { MX: 'ESERVFAIL' } },
          'trunc.example': { TXT: ['v=spf1 -all'] },
        },
        { tcp: false, truncate: ['trunc.example'] },
      );
      resolver = createNodeResolver({ servers: [`127.0.0.1:${server.port}`], timeout: 100, tries: 1 });
    });
    afterAll(async () => {
      await server.close();
    });

    it('a server that never answers → temperror, the trace showing the include that waited', async () => {
      const started = Date.now();
      const r = await checkSpf({ ip, sender: 'u@inc.example', resolver });
      expect(r.result).toBe('temperror');
      expect(r.reason).toEqual({
        code: 'dns-error',
        name: 'silent.example',
        type: 'TXT',
        dnsCode: 'ETIMEOUT',
      });
      expect(r.trace.terms[0]).toMatchObject({ text: 'include:silent.example', outcome: 'error' });
      expect(r.trace.terms[0]?.child?.queries[0]).toMatchObject({
        name: 'silent.example',
        error: 'ETIMEOUT',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('SERVFAIL on the MX lookup → temperror at the mx term', async () => {
      const r = await checkSpf({ ip, sender: 'u@mx.example', resolver });
      expect(r.result).toBe('temperror');
      expect(r.reason).toEqual({ code: 'dns-error', name: 'mx.example', type: 'MX', dnsCode: 'ESERVFAIL' });
      expect(r.trace.terms[0]?.outcome).toBe('error');
    });

    it('a truncated answer with no TCP fallback → temperror', async () => {
      const r = await checkSpf({ ip, sender: 'u@trunc.example', resolver });
      expect(r.result).toBe('temperror');
      expect(r.reason).toEqual({
        code: 'dns-error',
        name: 'trunc.example',
        type: 'TXT',
        dnsCode: 'ECONNREFUSED',
      });
    });
  });
});
