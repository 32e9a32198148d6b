// `mailwhy scan --redact`: the per-message records (--jsonl, --csv) and the summary (text, JSON, HTML)
// carry no local part, recipient, Message-ID or submission client, while the verdicts, their counts and
// the From/envelope domains the summary groups by stay. The built CLI on worker threads (the option
// crosses the worker boundary) on an mbox written here with documentation addresses only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import type { GroupSummary, ScanSummary } from '../../src/scan/index.js';
import type { CliResult } from '../cli/run.js';
import { runCli } from '../cli/run.js';
import { tempDir } from './helpers.js';

// Message 1: sent through the sender's own server (a submission hop with ESMTPSA behind it).
// Message 2: the sender's own connection is the sending host (ESMTPSA straight into the receiver):
// the submission client is then what the summary groups by and what the CSV's host columns hold.
const MBOX = [
  'From 1001@xxx Mon Jan 01 00:00:00 +0000 2024',
  'Delivered-To: bob.recipient@example.net',
  'Received: by 2002:a05:6a10:1234:b0:5a1:2f3c:10a5 with SMTP id z1csp1;',
  '        Mon, 1 Jan 2024 00:00:05 -0800 (PST)',
  'Return-Path: <alice.sender@example.com>',
  'Received: from mail.example.com (mail.example.com. [192.0.2.10])',
  '        by mx.google.com with ESMTPS id a1si1.2024.01.01.00.00.00',
  '        for <bob.recipient@example.net>;',
  '        Mon, 01 Jan 2024 00:00:04 -0800 (PST)',
  'Received-SPF: softfail (google.com: domain of transitioning alice.sender@example.com does not designate 192.0.2.10 as permitted sender) client-ip=192.0.2.10;',
  'Authentication-Results: mx.google.com;',
  '       spf=softfail (google.com: domain of transitioning alice.sender@example.com does not designate 192.0.2.10 as permitted sender) smtp.mailfrom=alice.sender@example.com',
  'Received: from [192.0.2.200] (p7654321-ipoe.example.org [198.51.100.77])',
  '        by mail.example.com with ESMTPSA id abc123',
  '        for <bob.recipient@example.net>;',
  '        Mon, 01 Jan 2024 08:00:01 +0000',
  'From: Alice <alice.sender@example.com>',
  'To: Bob <bob.recipient@example.net>',
  'Subject: hello',
  'Date: Mon, 01 Jan 2024 08:00:00 +0000',
  'Message-ID: <personal-id-42@example.com>',
  '',
  'Body.',
  '',
  'From 1002@xxx Tue Jan 02 00:00:00 +0000 2024',
  'Delivered-To: bob.recipient@example.net',
  'Received: from [192.0.2.200] (p7654321-ipoe.example.org [198.51.100.77])',
  '        by mx.google.com with ESMTPSA id a2si2.2024.01.02.01.00.00',
  '        for <bob.recipient@example.net>;',
  '        Tue, 02 Jan 2024 01:00:01 -0800 (PST)',
  'Authentication-Results: mx.google.com;',
  '       spf=neutral (google.com: 198.51.100.77 is neither permitted nor denied by best guess record for domain of carol.writer@example.org) smtp.mailfrom=carol.writer@example.org',
  'From: Carol <carol.writer@example.org>',
  'To: bob.recipient@example.net',
  'Subject: direct',
  'Date: Tue, 02 Jan 2024 09:00:00 +0000',
  'Message-ID: <second-personal-id-77@example.org>',
  '',
  'Body.',
  '',
].join('\n');

/** The personal values, by kind. */
const LOCAL_PARTS = ['alice.sender', 'carol.writer'];
const RECIPIENT = ['bob.recipient'];
const MESSAGE_IDS = ['personal-id-42', 'second-personal-id-77'];
const SUBMISSION = ['198.51.100.77', 'p7654321-ipoe', '192.0.2.200'];
const SECRETS = [...LOCAL_PARTS, ...RECIPIENT, ...MESSAGE_IDS, ...SUBMISSION];

const dir = tempDir();
const file = join(dir, 'personal.mbox');
writeFileSync(file, MBOX);

function scan(args: string[], redact: boolean): CliResult {
  return runCli(['scan', '--jobs', '2', ...(redact ? ['--redact'] : []), ...args, file]);
}

/** Groups without their keys (what is counted), in a fixed order. */
const counted = (groups: GroupSummary[]): string[] =>
  groups
    .map((g) => {
      const { key: _key, ...rest } = g;
      return JSON.stringify(rest);
    })
    .sort();

describe('mailwhy scan --redact', () => {
  // Each output, and the personal values it shows without --redact (so that the test can fail).
  const outputs: { name: string; args: string[]; stream: 'stdout' | 'stderr'; shows: string[] }[] = [
    { name: '--jsonl -', args: ['--jsonl', '-'], stream: 'stdout', shows: SECRETS },
    // With --jsonl - the text summary goes to standard error.
    { name: 'text summary', args: ['--jsonl', '-'], stream: 'stderr', shows: ['p7654321-ipoe'] },
    {
      name: '--csv -',
      args: ['--csv', '-'],
      stream: 'stdout',
      shows: [...MESSAGE_IDS, '198.51.100.77', 'p7654321-ipoe'],
    },
    { name: '--format json', args: ['--format', 'json'], stream: 'stdout', shows: ['p7654321-ipoe'] },
    { name: '--format html', args: ['--format', 'html'], stream: 'stdout', shows: ['p7654321-ipoe'] },
  ];
  for (const o of outputs) {
    it(`${o.name}: every personal value it shows is gone with --redact`, () => {
      const plain = scan(o.args, false);
      const redacted = scan(o.args, true);
      expect(redacted.status).toBe(plain.status);
      for (const s of o.shows) expect(plain[o.stream], `plain ${o.name} shows ${s}`).toContain(s);
      for (const s of SECRETS) {
        expect(redacted.stdout, `redacted ${o.name} leaks ${s}`).not.toContain(s);
        expect(redacted.stderr, `redacted ${o.name} leaks ${s}`).not.toContain(s);
      }
      // The domains stay: the summary groups by them.
      expect(redacted[o.stream]).toContain('example.com');
      expect(redacted[o.stream]).toContain('example.org');
    });
  }

  it('the verdicts and their counts are the same; only the keys naming the sender change', () => {
    const plain = JSON.parse(scan(['--format', 'json'], false).stdout) as ScanSummary;
    const redacted = JSON.parse(scan(['--format', 'json'], true).stdout) as ScanSummary;
    expect(plain.read).toBe(2);
    expect(redacted.read).toBe(plain.read);
    expect(redacted.reported).toBe(plain.reported);
    expect(redacted.errored).toBe(plain.errored);
    expect(redacted.totals).toEqual(plain.totals);
    expect(redacted.byFromDomain).toEqual(plain.byFromDomain);
    // Groups with equal counts are ordered by key: compare them without their order.
    expect(counted(redacted.bySendingHost)).toEqual(counted(plain.bySendingHost));
    expect(redacted.bySendingHost.map((g) => g.key)).toContain('mail.example.com');
    expect(plain.bySendingHost.map((g) => g.key)).toContain('p7654321-ipoe.example.org');
    expect(
      redacted.bySendingHost
        .map((g) => g.key)
        .filter((k) => /^client-[0-9a-f]{8}\.redacted\.invalid$/.test(k)),
    ).toHaveLength(1);
    expect(redacted.causes.map((c) => [c.code, c.messages])).toEqual(
      plain.causes.map((c) => [c.code, c.messages]),
    );
    // The DMARC record mailwhy proposes keeps its report address: it is ours, not the sender's.
    const rua = (s: ScanSummary): string[] =>
      s.causes.flatMap((c) => c.fixes.map((f) => f.zoneLine)).filter((z) => z.includes('rua=mailto:'));
    expect(rua(plain).length).toBeGreaterThan(0);
    expect(rua(redacted)).toEqual(rua(plain));
  });

  it('the reports keep their verdicts, and the same value gets the same mask in JSONL, CSV and summary', () => {
    const lines = (s: string): { report: Report }[] =>
      s
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { report: Report });
    const plain = lines(scan(['--jsonl', '-'], false).stdout);
    const redacted = lines(scan(['--jsonl', '-'], true).stdout);
    // In one thread: the same masks as on the workers.
    const inThread = runCli(['scan', '--jobs', '0', '--redact', '--jsonl', '-', file]).stdout;
    expect(lines(inThread)).toEqual(redacted);
    expect(redacted).toHaveLength(2);
    for (const [i, r] of redacted.entries()) {
      const p = plain[i]?.report;
      expect(r.report.verdicts.spf?.result).toBe(p?.verdicts.spf?.result);
      expect(r.report.findings.map((f) => f.code)).toEqual(p?.findings.map((f) => f.code));
      expect(r.report.message.fromDomain).toBe(p?.message.fromDomain);
      expect(r.report.message.messageId).toMatch(/^<(?:message|user)-[0-9a-f]{8}@/);
    }
    const csv = scan(['--csv', '-'], true).stdout;
    for (const r of redacted) expect(csv).toContain(r.report.message.messageId ?? '?');
    const submissionIp = redacted[1]?.report.sendingHost?.ip ?? '?';
    expect(submissionIp).toMatch(/^ip-[0-9a-f]{8}$/);
    expect(csv).toContain(`,${submissionIp},`);
    const rdns = redacted[1]?.report.sendingHost?.rdns ?? '?';
    const summary = JSON.parse(scan(['--format', 'json'], true).stdout) as ScanSummary;
    expect(summary.bySendingHost.map((g) => g.key)).toContain(rdns);
  });
});
