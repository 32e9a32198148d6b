// Records that attack the limits of RFC 7208 §4.6.4 (issue 9, "DNS faults"), served over real DNS by
// the loopback server: NXDOMAIN storms (void lookups), include loops and a 10,000-term record (the 10
// DNS-querying terms), and a record split over many TXT strings. Through `mailwhy spf` and
// `explain --online`: the RFC result, the trace showing where, the lookups the server saw.
import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureResolver, type FixtureZone } from '../../src/dns/index.js';
import { checkSpf } from '../../src/spf/index.js';
import { deepestTerm, type Figure, failingPath, printFigures, runFault, SAKURA_IP } from './harness.js';

const figures: Figure[] = [];
afterAll(() => printFigures(figures));

const T = 200;
/** Splits a record into TXT character-strings of `size` octets (cutting through terms on purpose). */
const split = (text: string, size: number): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('the limits of RFC 7208 §4.6.4 over real DNS', () => {
  it('an NXDOMAIN storm: the third void lookup is a permerror, nothing after it is asked', async () => {
    const terms = Array.from(
      { length: 10 },
      (_, i) => `${i % 2 === 0 ? 'exists' : 'a'}:nx${i + 1}.example.net`,
    );
    const zone: FixtureZone = {
      'example.com': { TXT: [`v=spf1 ${terms.join(' ')} -all`] },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    // TXT + three void lookups, then permerror.
    const runs = await runFault(
      { fault: 'NXDOMAIN storm (10 terms)', zone, dnsTimeoutMs: T, maxLookups: 4 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('permerror');
      expect(result.reason).toEqual({ code: 'too-many-void-lookups', limit: 2 });
      expect(failingPath(result.trace)).toEqual(['example.com', 'exists:nx3.example.net']);
      expect(result.voidLookups).toBe(3);
      expect(result.trace.terms.slice(0, 2).map((t) => t.queries[0]?.void)).toEqual([true, true]);
      expect(result.trace.terms.slice(3).every((t) => t.outcome === 'not-reached')).toBe(true);
    }
    // NXDOMAIN is an answer: no retry. Exactly TXT + nx1, nx2, nx3.
    expect(runs.spf.served.map((q) => `${q.name} ${q.type}`)).toEqual([
      'example.com TXT',
      'nx1.example.net A',
      'nx2.example.net A',
      'nx3.example.net A',
    ]);
    expect(runs.explain.findings).toContain('spf-today');
    expect(runs.explain.findings).not.toContain('online-dns-error');
  }, 40_000);

  it('an include loop (a includes b includes a): permerror at the 11th include, the trace shows the chain', async () => {
    const zone: FixtureZone = {
      'example.com': { TXT: ['v=spf1 include:loop.example.net -all'] },
      'loop.example.net': { TXT: ['v=spf1 include:example.com -all'] },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    // TXT of example.com + one TXT per counted include (10); the 11th is refused before it is asked.
    const runs = await runFault(
      { fault: 'include loop (a → b → a)', zone, dnsTimeoutMs: T, maxLookups: 11 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('permerror');
      expect(result.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
      const path = failingPath(result.trace);
      const includes = path.filter((p) => p.startsWith('include:'));
      expect(includes).toHaveLength(11);
      expect(path.slice(0, 5)).toEqual([
        'example.com',
        'include:loop.example.net',
        'loop.example.net',
        'include:example.com',
        'example.com',
      ]);
      // Where it stopped: the 11th include (odd ones name loop.example.net), with no lookup of its own.
      expect(path[path.length - 1]).toBe('include:loop.example.net');
      expect(path[path.length - 2]).toBe('example.com');
      const last = deepestTerm(result.trace);
      expect(last?.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
      expect(last?.queries).toEqual([]);
      expect(last?.child).toBeUndefined();
    }
    expect(runs.spf.served).toHaveLength(11);
    expect(runs.spf.served.every((q) => q.type === 'TXT')).toBe(true);
    expect(runs.explain.findings).toContain('spf-today');
  }, 40_000);

  it('a redirect loop (a redirects to b redirects to a): permerror at the 11th redirect=', async () => {
    const zone: FixtureZone = {
      'example.com': { TXT: ['v=spf1 redirect=loop-r.example.net'] },
      'loop-r.example.net': { TXT: ['v=spf1 redirect=example.com'] },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    const runs = await runFault(
      { fault: 'redirect loop (a → b → a)', zone, dnsTimeoutMs: T, maxLookups: 11 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('permerror');
      expect(result.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
      const path = failingPath(result.trace);
      expect(path.filter((p) => p.startsWith('redirect='))).toHaveLength(11);
      expect(path.slice(-2)).toEqual(['example.com', 'redirect=loop-r.example.net']);
      expect(deepestTerm(result.trace)?.outcome).toBe('error');
    }
    expect(runs.spf.served).toHaveLength(11);
  }, 40_000);

  it('a 10,000-term record (20 kB, over TCP): permerror by the term limit after 10 lookups, fast', async () => {
    const record = `v=spf1${' a'.repeat(10_000)}`;
    const zone: FixtureZone = {
      'example.com': { TXT: [split(record, 255)], A: ['192.0.2.1'] },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    // TXT (UDP, then TCP: 20 kB does not fit in 512 octets) + 10 A lookups; the 11th `a` is refused.
    const runs = await runFault(
      { fault: '10,000-term record', zone, tcp: true, dnsTimeoutMs: T, maxLookups: 11 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('permerror');
      expect(result.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
      expect(result.record).toBe(record);
      expect(result.trace.terms).toHaveLength(10_000);
      expect(failingPath(result.trace)).toEqual(['example.com', 'a']);
      expect(result.trace.terms.findIndex((t) => t.outcome === 'error')).toBe(10);
      expect(result.trace.terms.slice(11).every((t) => t.outcome === 'not-reached')).toBe(true);
      expect(result.queryCount).toBe(11);
    }
    expect(runs.spf.served.map((q) => `${q.type} ${q.transport}`)).toEqual([
      'TXT udp',
      'TXT tcp',
      ...Array<string>(10).fill('A udp'),
    ]);
    expect(runs.explain.findings).toContain('spf-today');
    // Today's record is broken (permerror): nothing sound to merge into, so the offline fix stands
    // unverified, with its offline assumptions.
    expect(runs.explain.findings).not.toContain('fix-not-verified');
    expect(runs.explain.report.fixes[0]?.verified).toBe(false);
    expect(runs.explain.report.fixes[0]?.assumes).toContain('record-unknown-offline');

    // "Fast": the evaluation itself (no process, no network) is well under a second.
    const started = performance.now();
    const direct = await checkSpf({
      ip: SAKURA_IP,
      domain: 'example.com',
      resolver: createFixtureResolver(zone),
    });
    expect(direct.result).toBe('permerror');
    expect(performance.now() - started).toBeLessThan(1000);
  }, 40_000);

  it('a record split over many TXT strings (cut mid-term, over TCP): joined without spaces, pass', async () => {
    const ip4 = Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i + 1}`);
    const record = `v=spf1 ${ip4.join(' ')} a:www123.sakura.ne.jp -all`;
    const strings = split(record, 7);
    expect(strings.length).toBeGreaterThan(80);
    const zone: FixtureZone = {
      'example.com': { TXT: ['google-site-verification=abc123', strings] },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    const runs = await runFault(
      { fault: `record in ${strings.length} TXT strings`, zone, tcp: true, dnsTimeoutMs: T, maxLookups: 2 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('pass');
      expect(result.record).toBe(record);
      expect(result.matchedTerm).toBe('a:www123.sakura.ne.jp');
    }
    expect(runs.spf.served.map((q) => `${q.name} ${q.type} ${q.transport}`)).toEqual([
      'example.com TXT udp',
      'example.com TXT tcp',
      'www123.sakura.ne.jp A udp',
    ]);
    expect(runs.explain.findings).toContain('spf-today');
  }, 40_000);
});
