// runSpf, the `mailwhy spf` command: exit statuses, usage errors, the fixture file, both formats.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSpf } from '../../src/cli/spf.js';
import type { SpfResult } from '../../src/spf/index.js';

const docZone = (() => {
  // The example of docs/dns-fixture.md, used as it is written there.
  const doc = readFileSync(fileURLToPath(new URL('../../docs/dns-fixture.md', import.meta.url)), 'utf8');
  const json = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (json === undefined) throw new Error('no JSON example in docs/dns-fixture.md');
  const dir = mkdtempSync(join(tmpdir(), 'mailwhy-spf-'));
  const file = join(dir, 'zone.json');
  writeFileSync(file, json);
  return { file, dir };
})();

const base = { domain: 'example.com', format: 'json', lang: 'en', color: false } as const;

describe('runSpf with --dns-fixture (the documented example)', () => {
  it('softfail for the published record, pass for the tested one (IPv4 and IPv6)', async () => {
    const before = await runSpf({ ...base, ip: '203.0.113.25', dnsFixture: docZone.file });
    expect(before.exitCode).toBe(1);
    expect((JSON.parse(before.stdout) as SpfResult).result).toBe('softfail');
    for (const ip of ['203.0.113.25', '2001:db8:100::25']) {
      const after = await runSpf({
        ...base,
        ip,
        record: 'v=spf1 a:www123.sakura.ne.jp mx ~all',
        dnsFixture: docZone.file,
      });
      expect(after.exitCode, ip).toBe(0);
      expect(JSON.parse(after.stdout)).toMatchObject({
        schema: 'mailwhy.spf/1',
        result: 'pass',
        recordSource: 'override',
      });
    }
  });

  it('the other names of the example behave as the document says', async () => {
    const long = JSON.parse(
      (await runSpf({ ...base, domain: 'long.example.com', ip: '192.0.2.9', dnsFixture: docZone.file }))
        .stdout,
    ) as SpfResult;
    expect(long.result).toBe('pass');
    expect(long.record).toBe('v=spf1 ip4:198.51.100.0/24 ip4:198.51.100.1 ip4:192.0.2.0/24 -all');
    const slow = JSON.parse(
      (
        await runSpf({
          ...base,
          domain: 'slow.example.com',
          ip: '192.0.2.9',
          record: 'v=spf1 a -all',
          dnsFixture: docZone.file,
        })
      ).stdout,
    ) as SpfResult;
    expect(slow.result).toBe('temperror');
    expect(slow.reason).toMatchObject({ dnsCode: 'ETIMEOUT' });
    const broken = JSON.parse(
      (await runSpf({ ...base, domain: 'broken.example.com', ip: '192.0.2.9', dnsFixture: docZone.file }))
        .stdout,
    ) as SpfResult;
    expect(broken.result).toBe('temperror');
  });
});

describe('usage errors → exit 2, nothing on stdout', () => {
  it('an invalid IP', async () => {
    const out = await runSpf({ ...base, ip: '203.0.113', dnsFixture: docZone.file });
    expect(out).toEqual({
      stdout: '',
      stderr: expect.stringMatching(/--ip: "203\.0\.113" is not an IPv4 or IPv6 address/),
      exitCode: 2,
    });
  });
  it('a bad --dns-server', async () => {
    const out = await runSpf({ ...base, ip: '192.0.2.1', dnsServer: 'dns.example.com' });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/not an IP address/);
  });
  it('a missing or malformed fixture file', async () => {
    const missing = await runSpf({ ...base, ip: '192.0.2.1', dnsFixture: join(docZone.dir, 'nope.json') });
    expect(missing.exitCode).toBe(2);
    const bad = join(docZone.dir, 'bad.json');
    writeFileSync(bad, '{"example.com": {"TXT": "v=spf1 -all"}}');
    const malformed = await runSpf({ ...base, ip: '192.0.2.1', dnsFixture: bad });
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toMatch(/example\.com\.TXT: expected an array/);
  });
});

describe('exit status and text output', () => {
  it('0 only for pass; text in the chosen language; colour only when asked', async () => {
    const fail = await runSpf({
      ...base,
      format: 'text',
      ip: '192.0.2.1',
      record: 'v=spf1 -all',
      dnsFixture: docZone.file,
    });
    expect(fail.exitCode).toBe(1);
    expect(fail.stdout).toContain('Result: fail');
    expect(fail.stdout).toContain('The domain published no explanation.');
    expect(fail.stdout).not.toContain('\u001b[');
    const colored = await runSpf({
      ...base,
      format: 'text',
      color: true,
      ip: '192.0.2.1',
      record: 'v=spf1 +all',
      dnsFixture: docZone.file,
    });
    expect(colored.exitCode).toBe(0);
    expect(colored.stdout).toContain('\u001b[32mResult: pass\u001b[0m');
    const ja = await runSpf({
      ...base,
      format: 'text',
      lang: 'ja',
      ip: '192.0.2.1',
      record: 'v=spf1 ?all',
      dnsFixture: docZone.file,
    });
    expect(ja.stdout).toContain('結果: neutral');
  });
});
