// --redact: none of the personal values survives in the text, JSON or HTML report, the same value
// always gets the same mask, and what the report explains (domains, servers, verdicts, fix) stays.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { redactReport } from '../../src/redact.js';
import { runCli } from '../cli/run.js';
import { corpusPath } from '../corpus.js';

// Read off samples/sakura-softfail.eml by hand: the sender's local part, the recipient, the
// Message-ID, and the sender's own connection (submission hop: IP, PTR name, HELO literal).
const SECRETS = [
  'info@example.com',
  'yamada.hanako@gmail.com',
  '8c1f2a9e-3b4d-4e5f-9a0b-1c2d3e4f5a6b',
  '198.51.100.77',
  'p1234567-ipoe.example.net',
  '192.168.1.20',
];
const KEPT = [
  'www123.sakura.ne.jp',
  '203.0.113.25',
  'softfail',
  'v=spf1 a:www123.sakura.ne.jp mx ~all',
  'example.com',
];

describe('--redact', () => {
  for (const format of ['text', 'json', 'html']) {
    it(`${format}: no personal value survives, the explanation does`, () => {
      const plain = runCli(['--format', format, 'samples/sakura-softfail.eml']);
      const redacted = runCli(['--redact', '--format', format, 'samples/sakura-softfail.eml']);
      expect(redacted.status).toBe(plain.status);
      // The test can fail: most secrets are in the plain report of every format (the text view does
      // not print the recipient, the HTML one not the Message-ID).
      const shown = SECRETS.filter((s) => plain.stdout.includes(s));
      expect(shown.length).toBeGreaterThanOrEqual(
        { json: SECRETS.length, html: 4, text: 3 }[format] ?? SECRETS.length,
      );
      for (const s of SECRETS) expect(redacted.stdout, `redacted ${format} leaks ${s}`).not.toContain(s);
      for (const k of KEPT) expect(redacted.stdout).toContain(k);
    });
  }

  it('masks consistently: same input, same mask, in every place and across runs', () => {
    const bytes = new Uint8Array(readFileSync('samples/sakura-softfail.eml'));
    const a = redactReport(analyzeMessage(bytes));
    const b = redactReport(analyzeMessage(bytes, { lang: 'ja' }));
    expect(a.message.envelopeFrom).toBe(b.message.envelopeFrom);
    expect(a.message.envelopeFrom).toMatch(/^user-[0-9a-f]{8}@example\.com$/);
    expect(a.verdicts.spf?.sender).toBe(a.message.envelopeFrom);
    expect(a.submission?.ip).toMatch(/^ip-[0-9a-f]{8}$/);
    expect(a.hops.find((h) => h.role === 'submission')?.ip).toBe(a.submission?.ip);
    expect(a.message.to).toMatch(/^recipient-[0-9a-f]{8}@redacted\.invalid$/);
  });

  it('a real message from the corpus: its recipients and Message-ID are gone', () => {
    const r = redactReport(
      analyzeMessage(new Uint8Array(readFileSync(corpusPath('eml/mailauth/authtest.eml')))),
    );
    const json = JSON.stringify(r);
    const original = analyzeMessage(new Uint8Array(readFileSync(corpusPath('eml/mailauth/authtest.eml'))));
    const id = original.message.messageId?.replace(/^<|>$/g, '') ?? '';
    expect(id.length).toBeGreaterThan(5);
    expect(json).not.toContain(id);
    for (const m of (original.message.to ?? '').matchAll(/[^\s<>,"]+@[^\s<>,"]+/g))
      expect(json).not.toContain(m[0]);
    expect(r.verdicts.spf?.result).toBe(original.verdicts.spf?.result);
  });
});

describe('--redact masks whole values only', () => {
  it('the submission IP 198.51.100.7 does not touch 198.51.100.77; a Message-ID that looks like an address is masked as an ID', () => {
    const header = [
      'Received: from mail.example.net (mail.example.net [198.51.100.77]) by mx.google.com with ESMTPS id a1; Tue, 10 Nov 2026 01:23:46 -0800',
      'Authentication-Results: mx.google.com; spf=pass (google.com: domain of a@example.net designates 198.51.100.77 as permitted sender) smtp.mailfrom=a@example.net',
      'Received: from [192.168.0.2] (client.example.org [198.51.100.7]) (authenticated bits=0) by mail.example.net with ESMTPSA id b2; Tue, 10 Nov 2026 09:23:45 +0000',
      'Message-ID: <abc123@example.net>',
      'From: a@example.net',
      '',
    ].join('\n');
    const r = redactReport(analyzeMessage(header));
    expect(r.submission?.ip).toMatch(/^ip-/);
    expect(r.sendingHost?.ip).toBe('198.51.100.77');
    expect(JSON.stringify(r)).toContain('198.51.100.77');
    expect(JSON.stringify(r)).not.toContain('198.51.100.7"');
    expect(r.message.messageId).toMatch(/^<message-[0-9a-f]{8}@redacted\.invalid>$/);
  });
});
