import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';

const root = join(import.meta.dirname, '..', '..');
const forward = readFileSync(join(import.meta.dirname, 'plain-forward.eml'), 'utf8');
const sakura = readFileSync(join(root, 'samples/sakura-softfail.eml'), 'utf8');
const codes = (text: string) => analyzeMessage(text, { lang: 'en' }).findings.map((f) => f.code);

// Sakura's virus-check loop (domain.md §3: mail loops via fsavNNN before it leaves from wwwNNN).
const LOOP = [
  'Received: from fsav312.sakura.ne.jp (fsav312.sakura.ne.jp [198.51.100.143])',
  '\tby www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 5AA9Nic0012346;',
  '\tTue, 10 Nov 2026 18:23:45 +0900 (JST)',
  'Received: from www123.sakura.ne.jp (203.0.113.25)',
  ' by fsav312.sakura.ne.jp (F-Secure/fsigk_smtp/550/fsav312.sakura.ne.jp);',
  ' Tue, 10 Nov 2026 18:23:44 +0900 (JST)',
].join('\n');

describe('a plain forward (an alias on a rental server to a Gmail address, no SRS, no ARC)', () => {
  it('is a forward: SPF judged the forwarder, and no record is offered to the author', () => {
    const report = analyzeMessage(forward, { lang: 'en' });
    const f = report.findings.find((x) => x.code === 'forwarded');
    expect(f?.args).toMatchObject({
      forwarder: 'www123.sakura.ne.jp',
      srs: false,
      dkimSurvived: false,
      dkimSigned: false,
    });
    // Unsigned: signing would have survived the forward, so the author has something to do after all.
    expect(report.findings.find((x) => x.code === 'forwarded')?.message).toContain(
      'The message carries no DKIM signature, which would have survived the forward',
    );
    expect(report.findings.map((x) => x.code)).not.toContain('spf-not-designated');
    expect(report.findings.map((x) => x.code)).not.toContain('sakura-server-host');
    expect(report.fixes.filter((x) => x.value.startsWith('v=spf1'))).toEqual([]);
  });

  it("is still found behind the forwarder's own virus-check loop", () => {
    const looped = forward.replace(
      'Received: from mail.shop.example',
      `${LOOP}\nReceived: from mail.shop.example`,
    );
    expect(codes(looped)).toContain('forwarded');
  });

  it('is not a forward when the way in was for the same recipient, authenticated, or from inside', () => {
    // A relay that the sender's own server hands mail to, for the same Gmail recipient.
    const relay = forward.replace('for <hanako@example.com>', 'for <yamada.hanako@gmail.com>');
    expect(codes(relay)).not.toContain('forwarded');
    expect(codes(relay)).toContain('spf-not-designated');
    // A user of the server sending through it (the Sakura sample: authenticated submission).
    expect(codes(sakura)).not.toContain('forwarded');
    const authenticated = forward.replace(
      'by www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id',
      'by www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTPSA id',
    );
    expect(codes(authenticated)).not.toContain('forwarded');
    // A client on a private network: the forwarder's own side, not another server.
    const inside = forward.replace(
      '(mail.shop.example [198.51.100.20])',
      '(mail.shop.example [192.168.0.20])',
    );
    expect(codes(inside)).not.toContain('forwarded');
  });
});
