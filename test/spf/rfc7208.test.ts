// The OpenSPF RFC 7208 test suite (../shared/corpus/spf/rfc7208-tests.yml, 203 cases), read as it is,
// run twice: through the fixture resolver, and through real DNS — a server on 127.0.0.1 serving each
// scenario's zonedata, queried over UDP by the Node resolver (c-ares). No case is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeResolver } from '../../src/dns/node.js';
import { checkSpf, createFixtureResolver, type SpfResult } from '../../src/spf/index.js';
import { type DnsServer, startDnsServer } from '../helpers/dns-server.js';
import { loadSuite } from './openspf.js';
import { judge } from './suite-check.js';

const scenarios = loadSuite('spf/rfc7208-tests.yml');
const caseCount = scenarios.reduce((n, s) => n + s.cases.length, 0);

it('reads the whole suite: 203 cases in 16 scenarios', () => {
  expect(scenarios).toHaveLength(16);
  expect(caseCount).toBe(203);
});

const caseInsensitive: string[] = [];
const seen = new Map<string, number>();

describe('RFC 7208 suite through the fixture resolver', () => {
  for (const scenario of scenarios) {
    describe(scenario.description, () => {
      for (const c of scenario.cases) {
        it(c.name, async () => {
          const r = await checkSpf({
            ip: c.host,
            sender: c.mailfrom,
            helo: c.helo,
            resolver: createFixtureResolver(scenario.zone),
          });
          const verdict = judge(c, r);
          expect(verdict.ok, verdict.detail).toBe(true);
          if (verdict.caseInsensitive) caseInsensitive.push(c.name);
          seen.set(r.result, (seen.get(r.result) ?? 0) + 1);
        });
      }
    });
  }
  it('covers every result and needs case-insensitive explanation equality only for the IPv6 %{i} case', () => {
    expect([...seen.keys()].sort()).toEqual([
      'fail',
      'neutral',
      'none',
      'pass',
      'permerror',
      'softfail',
      'temperror',
    ]);
    expect(caseInsensitive).toEqual(['v-macro-ip6']);
  });
});

describe('RFC 7208 suite through real DNS (loopback server, Node resolver over UDP)', () => {
  for (const scenario of scenarios) {
    describe(scenario.description, () => {
      let server: DnsServer;
      let resolver: ReturnType<typeof createNodeResolver>;
      beforeAll(async () => {
        server = await startDnsServer(scenario.zone);
        // TIMEOUT names get no answer: a short c-ares timeout keeps the suite fast.
        resolver = createNodeResolver({ servers: [`127.0.0.1:${server.port}`], timeout: 100, tries: 1 });
      });
      afterAll(async () => {
        await server.close();
      });
      for (const c of scenario.cases) {
        it(c.name, async () => {
          const r: SpfResult = await checkSpf({
            ip: c.host,
            sender: c.mailfrom,
            helo: c.helo,
            resolver,
            limits: { queryTimeoutMs: 1000 },
          });
          const verdict = judge(c, r);
          expect(verdict.ok, verdict.detail).toBe(true);
          // Every query of the evaluation reached the server (nothing answered from elsewhere).
          const asked = new Set(server.queries.map((q) => `${q.type} ${q.name.toLowerCase()}`));
          const walk = (e: SpfResult['trace']): string[] => [
            ...e.queries.map((q) => `${q.type} ${q.name.toLowerCase()}`),
            ...e.terms.flatMap((t) => [
              ...t.queries.map((q) => `${q.type} ${q.name.toLowerCase()}`),
              ...(t.child === undefined ? [] : walk(t.child)),
            ]),
          ];
          for (const q of walk(r.trace)) expect(asked, q).toContain(q);
        });
      }
    });
  }
});
