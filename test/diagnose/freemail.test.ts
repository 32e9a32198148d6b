import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { isFreemailDomain } from '../../src/diagnose/freemail.js';
import { userLines } from '../../src/explain/user.js';

const root = join(import.meta.dirname, '..', '..');
const form = readFileSync(join(root, 'docs/findings/examples/freemail-domain.eml'), 'utf8');
const codes = (text: string) => analyzeMessage(text, { lang: 'en' }).findings.map((f) => f.code);

describe("a mailbox provider's address sent by another server (freemail-domain)", () => {
  it('knows the address domains of mailbox providers, not their subdomains or look-alikes', () => {
    for (const d of [
      'gmail.com',
      'GMAIL.COM.',
      'yahoo.co.jp',
      'docomo.ne.jp',
      'ezweb.ne.jp',
      'icloud.com',
      'outlook.jp',
    ])
      expect(isFreemailDomain(d), d).toBe(true);
    for (const d of [
      'example.com',
      'mail.gmail.com',
      'gmail.com.example',
      'google.com',
      'sakura.ne.jp',
      null,
    ])
      expect(isFreemailDomain(d), String(d)).toBe(false);
  });

  it('a contact form sending as the visitor (envelope gmail.com): the finding, and no record for gmail.com', () => {
    const report = analyzeMessage(form, { lang: 'en' });
    const f = report.findings.find((x) => x.code === 'freemail-domain');
    expect(f?.severity).toBe('error');
    expect(f?.args).toEqual({
      domain: 'gmail.com',
      field: 'envelope',
      result: 'softfail',
      ip: '203.0.113.25',
      host: 'www123.sakura.ne.jp',
    });
    // No advice to change gmail.com's records: no SPF finding that asks for one, no DKIM key, no DMARC record.
    const found = report.findings.map((x) => x.code);
    for (const code of ['spf-not-designated', 'sakura-server-host', 'dkim-none', 'dmarc-missing'] as const)
      expect(found).not.toContain(code);
    expect(report.fixes).toEqual([]);
    // The facts stay: Gmail's "?" and DMARC's failure.
    expect(found).toContain('gmail-unauthenticated');
    expect(found).toContain('dmarc-fail');
    // For the person who saw the "?": the form's administrator acts, nothing changes at gmail.com.
    const lines = userLines(report).join('\n');
    expect(lines).toContain('Who must act: whoever runs www123.sakura.ne.jp');
    expect(lines).not.toContain('administrator of gmail.com');
  });

  it('the form sends with its own envelope and the visitor in From: the finding names From', () => {
    const own = form
      .replaceAll(
        'domain of transitioning taro.visitor@gmail.com does not designate',
        'domain of myaccount@www123.sakura.ne.jp designates',
      )
      .replaceAll('spf=softfail', 'spf=pass')
      .replaceAll('smtp.mailfrom=taro.visitor@gmail.com', 'smtp.mailfrom=myaccount@www123.sakura.ne.jp')
      .replace('Return-Path: <taro.visitor@gmail.com>', 'Return-Path: <myaccount@www123.sakura.ne.jp>')
      .replace(
        /Received-SPF: softfail[^\n]*/,
        'Received-SPF: pass (google.com: domain of myaccount@www123.sakura.ne.jp designates 203.0.113.25 as permitted sender) client-ip=203.0.113.25;',
      );
    const report = analyzeMessage(own, { lang: 'en' });
    expect(report.verdicts.spf?.result).toBe('pass');
    const f = report.findings.find((x) => x.code === 'freemail-domain');
    expect(f?.args).toMatchObject({ domain: 'gmail.com', field: 'from', result: null });
    expect(report.fixes.filter((x) => x.name.includes('gmail.com'))).toEqual([]);
  });

  it('a gmail.com message that Gmail authenticated, and any other domain, are left as they were', () => {
    // The same form with the shop's own address: the Sakura fix as before.
    const shop = form
      .replaceAll('taro.visitor@gmail.com', 'form@example.com')
      .replaceAll('header.from=gmail.com', 'header.from=example.com');
    expect(codes(shop)).toContain('spf-not-designated');
    expect(codes(shop)).not.toContain('freemail-domain');
    expect(analyzeMessage(shop, { lang: 'en' }).fixes[0]?.value).toBe('v=spf1 a:www123.sakura.ne.jp mx ~all');
    // Sent by Gmail itself: SPF and DKIM pass for gmail.com.
    const gmail = [
      'Authentication-Results: mx.google.com;',
      '       dkim=pass header.i=@gmail.com header.s=20230601 header.b=AbCdEf12;',
      '       spf=pass (google.com: domain of taro.visitor@gmail.com designates 192.0.2.41 as permitted sender) smtp.mailfrom=taro.visitor@gmail.com;',
      '       dmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com',
      'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [192.0.2.41])',
      '        by mx.google.com with SMTPS id a1sor1.2026.11.10.01.23.45; Tue, 10 Nov 2026 01:23:46 -0800 (PST)',
      'From: Taro <taro.visitor@gmail.com>',
      'Subject: hello',
      '',
      'Hi.',
    ].join('\n');
    expect(codes(gmail)).not.toContain('freemail-domain');
    // Gmail's DKIM verified though SPF did not pass (as a forward might leave it): gmail.com's own
    // signature says the provider sent it; still no record is offered for gmail.com.
    const signed = gmail.replace(
      'spf=pass (google.com: domain of taro.visitor@gmail.com designates',
      'spf=softfail (google.com: domain of transitioning taro.visitor@gmail.com does not designate',
    );
    const report = analyzeMessage(signed, { lang: 'en' });
    expect(report.verdicts.spf?.result).toBe('softfail');
    expect(report.findings.map((f) => f.code)).not.toContain('freemail-domain');
    expect(report.fixes).toEqual([]);
  });
});
