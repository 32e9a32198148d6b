// DNS errors that are not timeouts (issue 9, "DNS faults"), over real UDP/TCP to the loopback server:
// SERVFAIL, truncated answers with and without the TCP fallback, CNAME loops. Each through
// `mailwhy spf` and `explain --online`, with the trace naming the failing term.
import { createServer, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixtureZone } from '../../src/dns/index.js';
import type { DnsServer } from '../helpers/dns-server.js';
import {
  deepestTerm,
  type Figure,
  failingPath,
  printFigures,
  runFault,
  SAKURA_IP,
  served,
} from './harness.js';

const figures: Figure[] = [];
afterAll(() => printFigures(figures));

const T = 200;
const SPF_TARGET = '_spf.example.net';
const delegating = (zone: FixtureZone): FixtureZone => ({
  'example.com': { TXT: [`v=spf1 include:${SPF_TARGET} -all`] },
  'www123.sakura.ne.jp': { A: [SAKURA_IP] },
  ...zone,
});

describe('DNS errors other than timeouts', () => {
  it('SERVFAIL on an included record: temperror at include:, the child shows the SERVFAIL', async () => {
    const zone = delegating({ [SPF_TARGET]: { errors: { TXT: 'ESERVFAIL' } } });
    // TXT of example.com, TXT of the include; the error ends the evaluation (§5.2: temperror).
    const runs = await runFault(
      { fault: 'SERVFAIL (include target)', zone, dnsTimeoutMs: T, maxLookups: 2 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('temperror');
      expect(failingPath(result.trace)).toEqual(['example.com', `include:${SPF_TARGET}`, SPF_TARGET]);
      expect(result.reason).toEqual({
        code: 'dns-error',
        name: SPF_TARGET,
        type: 'TXT',
        dnsCode: 'ESERVFAIL',
      });
      const include = deepestTerm(result.trace);
      expect(include?.reason).toEqual({ code: 'include-error', result: 'temperror' });
      expect(include?.child?.queries).toMatchObject([{ name: SPF_TARGET, type: 'TXT', error: 'ESERVFAIL' }]);
    }
    expect(runs.explain.findings).toContain('online-dns-error');
  }, 40_000);

  it('truncated over UDP, answered over TCP: the right result (pass through the include)', async () => {
    const zone = delegating({ [SPF_TARGET]: { TXT: ['v=spf1 a:www123.sakura.ne.jp -all'] } });
    const runs = await runFault(
      {
        fault: 'truncation + TCP fallback',
        zone,
        server: { truncate: [SPF_TARGET] },
        tcp: true,
        dnsTimeoutMs: T,
        maxLookups: 3,
      },
      figures,
    );
    const { result, served: queries } = runs.spf;
    expect(result.result).toBe('pass');
    expect(result.matchedTerm).toBe(`include:${SPF_TARGET}`);
    expect(result.trace.terms[0]?.child?.record).toBe('v=spf1 a:www123.sakura.ne.jp -all');
    // Asked over UDP, told TC=1, asked again over TCP.
    expect(queries.filter((q) => q.name === SPF_TARGET).map((q) => q.transport)).toEqual(['udp', 'tcp']);
    expect(runs.explain.today.result).toBe('pass');
    expect(runs.explain.findings).toContain('spf-today');
    expect(runs.explain.findings).not.toContain('online-dns-error');
  }, 40_000);

  it('truncated over UDP and no TCP: temperror at the include, online-dns-error', async () => {
    const zone = delegating({ [SPF_TARGET]: { TXT: ['v=spf1 a:www123.sakura.ne.jp -all'] } });
    const runs = await runFault(
      {
        fault: 'truncation, no TCP',
        zone,
        server: { truncate: [SPF_TARGET], tcp: false },
        dnsTimeoutMs: T,
        maxLookups: 2,
      },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('temperror');
      expect(failingPath(result.trace)).toEqual(['example.com', `include:${SPF_TARGET}`, SPF_TARGET]);
      // c-ares gets TC=1, tries TCP, the connection is refused.
      expect(result.reason).toMatchObject({ code: 'dns-error', name: SPF_TARGET, type: 'TXT' });
      expect(['ECONNREFUSED', 'ECONNRESET', 'ETIMEOUT']).toContain(
        (result.reason as { dnsCode: string }).dnsCode,
      );
    }
    expect(runs.explain.findings).toContain('online-dns-error');
  }, 40_000);

  it('truncated over UDP, TCP accepts and never answers: temperror, bounded by the timeout', async () => {
    const zone = delegating({ [SPF_TARGET]: { TXT: ['v=spf1 a:www123.sakura.ne.jp -all'] } });
    let connections = 0;
    // The server's own TCP is off; on its port, a listener that takes the connection and says nothing.
    const silentTcp = async (server: DnsServer): Promise<() => Promise<void>> => {
      const held = new Set<Socket>();
      const listener = createServer((socket) => {
        connections++;
        held.add(socket);
      });
      await new Promise<void>((resolve) => listener.listen(server.port, '127.0.0.1', resolve));
      return async () => {
        for (const socket of held) socket.destroy();
        await new Promise((resolve) => listener.close(resolve));
      };
    };
    const runs = await runFault(
      {
        fault: 'truncation, TCP silent',
        zone,
        server: { truncate: [SPF_TARGET], tcp: false },
        attach: silentTcp,
        dnsTimeoutMs: T,
        maxLookups: 2,
      },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('temperror');
      expect(failingPath(result.trace)).toEqual(['example.com', `include:${SPF_TARGET}`, SPF_TARGET]);
      expect(result.reason).toEqual({
        code: 'dns-error',
        name: SPF_TARGET,
        type: 'TXT',
        dnsCode: 'ETIMEOUT',
      });
    }
    expect(connections).toBeGreaterThan(0);
    expect(runs.explain.findings).toContain('online-dns-error');
  }, 40_000);

  it('a CNAME loop under an a: term: the server says SERVFAIL, temperror at that term', async () => {
    const zone: FixtureZone = {
      'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 a:loop1.example.net -all'] },
      'loop1.example.net': { CNAME: 'loop2.example.net' },
      'loop2.example.net': { CNAME: 'loop1.example.net' },
      'www123.sakura.ne.jp': { A: [SAKURA_IP] },
    };
    const runs = await runFault(
      { fault: 'CNAME loop (a: term)', zone, dnsTimeoutMs: T, maxLookups: 2 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('temperror');
      expect(failingPath(result.trace)).toEqual(['example.com', 'a:loop1.example.net']);
      expect(result.reason).toEqual({
        code: 'dns-error',
        name: 'loop1.example.net',
        type: 'A',
        dnsCode: 'ESERVFAIL',
      });
    }
    // The loop is the server's to detect; the client asks once per try and never follows it itself.
    expect(served(runs.spf.served, 'loop1.example.net')).toBeLessThanOrEqual(2);
    expect(served(runs.spf.served, 'loop2.example.net')).toBe(0);
    expect(runs.explain.findings).toContain('online-dns-error');
  }, 40_000);

  it('a CNAME loop on the record name itself: temperror at the TXT lookup of the include', async () => {
    const zone = delegating({
      [SPF_TARGET]: { CNAME: 'spf-alias.example.net' },
      'spf-alias.example.net': { CNAME: SPF_TARGET },
    });
    const runs = await runFault(
      { fault: 'CNAME loop (include target)', zone, dnsTimeoutMs: T, maxLookups: 2 },
      figures,
    );
    for (const result of [runs.spf.result, runs.explain.today]) {
      expect(result.result).toBe('temperror');
      expect(failingPath(result.trace)).toEqual(['example.com', `include:${SPF_TARGET}`, SPF_TARGET]);
      expect(result.reason).toEqual({
        code: 'dns-error',
        name: SPF_TARGET,
        type: 'TXT',
        dnsCode: 'ESERVFAIL',
      });
    }
  }, 40_000);
});
