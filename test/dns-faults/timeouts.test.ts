// DNS answers that never come (issue 9, "DNS faults"): the loopback server drops the query (zone
// `error: 'ETIMEOUT'`). Through `mailwhy spf` and `explain --online`: temperror with the trace naming
// the lookup, the online-dns-error finding, and a wall time bounded by the configured timeouts.
import { afterAll, describe, expect, it } from 'vitest';
import type { FixtureZone } from '../../src/dns/index.js';
import { createNodeResolver } from '../../src/dns/node.js';
import { checkSpf } from '../../src/spf/index.js';
import { startDnsServer } from '../helpers/dns-server.js';
import {
  deepestTerm,
  explainCli,
  type Figure,
  failingPath,
  printFigures,
  runBoundMs,
  runFault,
  runTimed,
  SAKURA_IP,
  served,
  TRIES,
} from './harness.js';

const figures: Figure[] = [];
afterAll(() => printFigures(figures));

const T = 200;

describe('timeouts: the server never answers', () => {
  it('the record itself: temperror at the TXT lookup, online-dns-error, the fix left unverified', async () => {
    const zone: FixtureZone = {
      'example.com': { error: 'ETIMEOUT' },
      'www123.sakura.ne.jp': { error: 'ETIMEOUT' },
    };
    const runs = await runFault(
      // The first lookup that times out ends the evaluation (§4.4: temperror): 1 lookup each.
      { fault: 'timeout (record)', zone, dnsTimeoutMs: T, maxLookups: 1 },
      figures,
    );
    const { result } = runs.spf;
    expect(result.result).toBe('temperror');
    expect(result.reason).toEqual({
      code: 'dns-error',
      name: 'example.com',
      type: 'TXT',
      dnsCode: 'ETIMEOUT',
    });
    expect(result.trace.queries).toMatchObject([{ name: 'example.com', type: 'TXT', error: 'ETIMEOUT' }]);
    expect(result.queryCount).toBe(1);
    // Two tries of the one lookup, then the process gives up.
    expect(runs.spf.served.length).toBeLessThanOrEqual(2);

    const { today, findings, report } = runs.explain;
    expect(today.result).toBe('temperror');
    expect(today.reason).toMatchObject({ code: 'dns-error', name: 'example.com', dnsCode: 'ETIMEOUT' });
    expect(findings).toContain('online-dns-error');
    expect(findings).not.toContain('spf-today');
    // The fix could not be checked either: it stays the offline one, not "verified".
    expect(report.fixes[0]?.verified).toBe(false);
  }, 40_000);

  it('one term: temperror at a:slow.example.com, the finding says the answer may change on retry', async () => {
    const zone: FixtureZone = {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 a:slow.example.com ~all'] },
      'slow.example.com': { error: 'ETIMEOUT' },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    // TXT, then the a: term's lookup, which times out and ends the evaluation (§5: temperror).
    const setup = { fault: 'timeout (a: term)', zone, dnsTimeoutMs: T, maxLookups: 2 };
    const runs = await runFault(setup, figures);
    const { result } = runs.spf;
    expect(result.result).toBe('temperror');
    expect(failingPath(result.trace)).toEqual(['example.com', 'a:slow.example.com']);
    const failed = deepestTerm(result.trace);
    expect(failed?.queries).toMatchObject([{ name: 'slow.example.com', type: 'A', error: 'ETIMEOUT' }]);
    expect(result.reason).toEqual({
      code: 'dns-error',
      name: 'slow.example.com',
      type: 'A',
      dnsCode: 'ETIMEOUT',
    });
    expect(result.queryCount).toBe(2);
    expect(served(runs.spf.served, 'slow.example.com')).toBeLessThanOrEqual(TRIES);

    const { today, findings } = runs.explain;
    expect(today.result).toBe('temperror');
    expect(failingPath(today.trace)).toEqual(['example.com', 'a:slow.example.com']);
    expect(findings).toContain('online-dns-error');

    // The words a user reads (text output, en).
    const server = await startDnsServer(zone);
    try {
      const bound = runBoundMs('explain', T, setup.maxLookups, 2);
      const text = await runTimed(
        [
          '--dns-server',
          `127.0.0.1:${server.port}`,
          '--dns-timeout',
          String(T),
          'samples/sakura-softfail.eml',
        ],
        bound + 10_000,
      );
      expect(text.killed).toBe(false);
      expect(text.stdout).toContain('the answer may change on retry');
    } finally {
      await server.close();
    }
  }, 50_000);

  it('PTR lookups that time out do not stop ptr (RFC 7208 §5.5): the 11th ptr term is a permerror', async () => {
    // §5.5: "If a DNS error occurs while doing the PTR RR lookup, then this mechanism fails to match":
    // every ptr waits its full timeout and evaluation goes on. The term limit is what bounds the total.
    const zone: FixtureZone = {
      'example.com': { TXT: [`v=spf1${' ptr'.repeat(20)} ~all`] },
      '25.113.0.203.in-addr.arpa': { error: 'ETIMEOUT' },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    const runs = await runFault(
      { fault: 'timeout storm (20 × ptr)', zone, dnsTimeoutMs: 100, maxLookups: 1 + 10 },
      figures,
    );
    const { result } = runs.spf;
    expect(result.result).toBe('permerror');
    expect(result.reason).toEqual({ code: 'too-many-dns-terms', limit: 10 });
    const terms = result.trace.terms;
    expect(terms.slice(0, 10).every((t) => t.outcome === 'no-match')).toBe(true);
    expect(terms.slice(0, 10).every((t) => t.reason.code === 'ptr-dns-error')).toBe(true);
    expect(terms[10]?.outcome).toBe('error');
    expect(terms[11]?.outcome).toBe('not-reached');
    // 1 TXT + 10 PTR lookups; each PTR at most TRIES times on the wire.
    expect(result.queryCount).toBe(11);
    expect(runs.spf.served.filter((q) => q.type === 'PTR').length).toBeLessThanOrEqual(10 * TRIES);

    const { today, findings } = runs.explain;
    expect(today.result).toBe('permerror');
    expect(findings).toContain('spf-today');
  }, 55_000);
});

describe("handed over: a defect in src/online.ts (not this suite's to fix)", () => {
  // When today's record cannot be read (its TXT lookup times out: temperror), src/online.ts has no
  // record to merge the fix into, evaluates the fix alone, and on pass marks it `verified` and drops
  // the `record-unknown-offline` assumption, though the record it would replace was never seen (it may
  // authorise other senders). Its own comment says "DNS did not answer: the offline fix stands".
  // Expected: when today's result is temperror, every SPF fix is kept as the offline one, unverified.
  // `it.fails` passes while the defect is there; once online.ts is fixed, change it to `it`.
  it('a fix is not "verified" against a record that could not be read', async () => {
    const zone: FixtureZone = {
      'example.com': { errors: { TXT: 'ETIMEOUT' } },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    const server = await startDnsServer(zone);
    try {
      const { today, report } = await explainCli(server, {
        dnsTimeoutMs: T,
        boundMs: runBoundMs('explain', T, 13, 2),
      });
      expect(today.result).toBe('temperror');
      expect(report.fixes[0]?.verified).toBe(false);
      expect(report.fixes[0]?.assumes).toContain('record-unknown-offline');
    } finally {
      await server.close();
    }
  }, 40_000);
});

describe('the overall deadline (library: checkSpf over the Node resolver)', () => {
  it('stops a slow evaluation at totalTimeoutMs with temperror, however many lookups remain', async () => {
    const server = await startDnsServer({
      'example.com': { TXT: [`v=spf1${' ptr'.repeat(10)} ~all`] },
      '25.113.0.203.in-addr.arpa': { error: 'ETIMEOUT' },
    });
    const resolver = createNodeResolver({ servers: [`127.0.0.1:${server.port}`], timeout: 200, tries: 2 });
    try {
      const started = performance.now();
      const result = await checkSpf({
        ip: SAKURA_IP,
        domain: 'example.com',
        resolver,
        limits: { queryTimeoutMs: 400, totalTimeoutMs: 1000 },
      });
      const ms = performance.now() - started;
      expect(result.result).toBe('temperror');
      expect(result.reason).toEqual({ code: 'deadline', ms: 1000 });
      // totalTimeoutMs plus one timer's slack; the 10 × 400 ms the record could take never happen.
      expect(ms).toBeLessThan(1000 + 1000);
      expect(result.queryCount).toBeLessThanOrEqual(1 + 3);
    } finally {
      resolver.cancel();
      await server.close();
    }
  });
});
