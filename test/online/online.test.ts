// The online path against real DNS: a server on loopback serving the Sakura zone, asked over UDP by
// the CLI's Node resolver (`--dns-server 127.0.0.1:PORT`). And the proof that offline runs ask nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureZone } from '../../src/dns/index.js';
import type { Report } from '../../src/report.js';
import { root, runCliAsync } from '../cli/run.js';
import { type DnsServer, startDnsServer } from '../helpers/dns-server.js';

const zone = JSON.parse(readFileSync(`${root}samples/sakura-zone.json`, 'utf8')) as FixtureZone;
const fixedZone: FixtureZone = {
  ...zone,
  'example.com': { ...zone['example.com'], TXT: ['v=spf1 a:www123.sakura.ne.jp mx ~all'] },
};

let server: DnsServer;
let fixed: DnsServer;
beforeAll(async () => {
  server = await startDnsServer(zone);
  fixed = await startDnsServer(fixedZone);
});
afterAll(async () => {
  await server.close();
  await fixed.close();
});

const explain = async (port: number, file: string, extra: string[] = []): Promise<Report> => {
  const r = await runCliAsync([
    '--format',
    'json',
    '--dns-server',
    `127.0.0.1:${port}`,
    '--dns-timeout',
    '500',
    ...extra,
    file,
  ]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
};

describe('explain --online over real DNS (loopback server)', () => {
  it('IPv4: today still softfail; the merged record replaces the initial domain and passes', async () => {
    const report = await explain(server.port, 'samples/sakura-softfail.eml');
    expect(report.online?.spf?.recorded?.result).toBe('softfail');
    expect(report.online?.spf?.today.result).toBe('softfail');
    expect(report.online?.spf?.today.record).toBe('v=spf1 a:myaccount.sakura.ne.jp ~all');
    const fix = report.fixes[0];
    expect(fix?.value).toBe('v=spf1 a:www123.sakura.ne.jp mx ~all');
    expect(fix?.verified).toBe(true);
    expect(report.online?.fixChecks[0]?.result.result).toBe('pass');
    expect(report.online?.fixChecks[0]?.result.matchedTerm).toBe('a:www123.sakura.ne.jp');
    expect(
      server.queries.some((q) => q.name === 'example.com' && q.type === 'TXT' && q.transport === 'udp'),
    ).toBe(true);
  });

  it('IPv6: the a: term matches the AAAA record', async () => {
    const report = await explain(server.port, 'samples/sakura-softfail-ipv6.eml');
    expect(report.online?.spf?.ip).toBe('2001:db8:100::25');
    expect(report.fixes[0]?.verified).toBe(true);
    expect(report.online?.fixChecks[0]?.result.result).toBe('pass');
  });

  it('after the record was fixed: "the record was fixed since"', async () => {
    const r = await runCliAsync(['--dns-server', `127.0.0.1:${fixed.port}`, 'samples/sakura-softfail.eml']);
    expect(r.stdout).toContain(
      "The receiver recorded softfail on 2026-11-10; today's record gives pass: the record was fixed since.",
    );
    const ja = await runCliAsync([
      '--lang',
      'ja',
      '--dns-server',
      `127.0.0.1:${fixed.port}`,
      'samples/sakura-softfail.eml',
    ]);
    expect(ja.stdout).toContain('その後レコードが修正されています');
  });

  it('a DNS server that never answers: temperror, a finding, the offline fix kept, no hang', async () => {
    const silent = await startDnsServer({ 'example.com': { error: 'ETIMEOUT' } });
    try {
      const report = await explain(silent.port, 'samples/sakura-softfail.eml', ['--dns-timeout', '200']);
      expect(report.online?.spf?.today.result).toBe('temperror');
      expect(report.findings.map((f) => f.code)).toContain('online-dns-error');
      expect(report.fixes[0]?.verified).toBe(false);
      expect(report.fixes[0]?.assumes).toContain('record-unknown-offline');
    } finally {
      await silent.close();
    }
  });
});

describe('offline runs make no network request', () => {
  it('every sample, text and JSON, with every way out of the process refused', async () => {
    const samples = readdirSync(`${root}samples`).filter((f) => /\.(eml|txt)$/.test(f));
    for (const format of ['text', 'json']) {
      const r = await runCliAsync(['--format', format, ...samples.map((f) => `samples/${f}`)], {
        nodeArgs: ['--import', `${root}test/helpers/no-network.mjs`],
      });
      expect(r.stderr).not.toContain('NETWORK-ATTEMPT');
      expect([0, 1]).toContain(r.status);
    }
  });

  it('the refusal hook itself works (so the test above can fail)', async () => {
    const r = await runCliAsync(['--online', '--dns-server', '127.0.0.1:9', 'samples/sakura-softfail.eml'], {
      nodeArgs: ['--import', `${root}test/helpers/no-network.mjs`],
    });
    expect(r.stderr).toContain('NETWORK-ATTEMPT');
  });
});
