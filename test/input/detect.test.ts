import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectInput } from '../../src/input/detect.js';

const sample = (name: string): string =>
  readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');

describe('detectInput', () => {
  it('recognises a whole message', () => {
    const d = detectInput(sample('sakura-softfail.eml'));
    expect(d.kind).toBe('eml');
    expect(d.summary).toBeNull();
  });

  it('recognises a bare header block, with or without the final blank line', () => {
    expect(detectInput('Received: from a by b; Tue, 10 Nov 2026 01:23:46 -0800\nSubject: x').kind).toBe(
      'headers',
    );
    expect(detectInput('Received: from a by b; Tue, 10 Nov 2026 01:23:46 -0800\nSubject: x\n\n').kind).toBe(
      'headers',
    );
  });

  it('recognises the text of Gmail\'s "Show original" page and keeps its summary', () => {
    const d = detectInput(sample('gmail-show-original.txt'));
    expect(d.kind).toBe('gmail-original');
    expect(d.summary?.spf).toEqual({
      result: 'softfail',
      ip: '203.0.113.25',
      line: 'SPF:\tSOFTFAIL with IP 203.0.113.25 Learn more',
    });
    expect(d.summary?.messageId).toBe('<8c1f2a9e-3b4d-4e5f-9a0b-1c2d3e4f5a6b@example.com>');
    expect(d.summary?.subject).toBe('お見積りのご案内');
    expect(d.message.startsWith('Delivered-To: yamada.hanako@gmail.com')).toBe(true);
    expect(d.firstLine).toBe(9); // 8 summary lines come first
  });

  it('reads DKIM and DMARC summary lines with domain and quotes', () => {
    const text = [
      'Original Message',
      'Message ID\t<x@example.com>',
      'SPF:\tPASS with IP 198.51.100.10 Learn more',
      "DKIM:\t'PASS' with domain example.com Learn more",
      "DMARC:\t'PASS' Learn more",
      'Delivered-To: someone@gmail.com',
      'Received: from a (a. [198.51.100.10]) by mx.google.com with ESMTPS id 1; Tue, 10 Nov 2026 01:23:46 -0800',
      '',
      'body',
    ].join('\r\n');
    const d = detectInput(text);
    expect(d.kind).toBe('gmail-original');
    expect(d.summary?.dkim?.result).toBe('pass');
    expect(d.summary?.dkim?.domain).toBe('example.com');
    expect(d.summary?.dmarc?.result).toBe('pass');
  });

  it('reads the saved HTML page: summary cells and the raw <pre>', () => {
    const html = `<!DOCTYPE html><html><body><table>
<tr><th>Message ID</th><td>&lt;x@example.com&gt;</td></tr>
<tr><th>SPF:</th><td>SOFTFAIL with IP 203.0.113.25</td></tr></table>
<pre class="raw_message_text" id="raw_message_text">Delivered-To: a@gmail.com
Received: from h (h. [203.0.113.25]) by mx.google.com with ESMTPS id 1; Tue, 10 Nov 2026 01:23:46 -0800
From: &quot;A&quot; &lt;a@example.com&gt;

body</pre></body></html>`;
    const d = detectInput(html);
    expect(d.kind).toBe('gmail-original');
    expect(d.summary?.spf?.ip).toBe('203.0.113.25');
    expect(d.message).toContain('From: "A" <a@example.com>');
  });

  it('skips an mbox "From " separator line a user left at the top', () => {
    const d = detectInput('From MAILER-DAEMON Tue Nov 10 01:23:46 2026\nSubject: x\n\nbody');
    expect(d.message.startsWith('Subject: x')).toBe(true);
    expect(d.kind).toBe('eml');
  });
});

describe('detectInput on hostile HTML (found by the long fuzz run: test/fuzz/found/hang-detectInput-7875299.json)', () => {
  it('a page with 90,000 unclosed <pre openers is read in one pass (was O(n²): 1 MB took minutes)', () => {
    const html = `<html><body>${'<pre</table>'.repeat(90_000)}`;
    const d = detectInput(html);
    expect(d.kind).toBe('headers');
    expect(d.html).toBe(true);
  });

  it('unclosed tags and cells are text, script and style are dropped', () => {
    const d = detectInput(
      '<!doctype html><html><style>x{}</style><script>alert(1)</script><table><tr><th>SPF:</th><td>PASS with IP 198.51.100.1</td></tr></table><pre>Received: from a (a. [198.51.100.1]) by mx.google.com with ESMTPS id 1; Tue, 10 Nov 2026 01:23:46 -0800\n</pre> <td',
    );
    expect(d.kind).toBe('gmail-original');
    expect(d.summary?.spf?.ip).toBe('198.51.100.1');
    expect(d.message).not.toContain('alert(1)');
  });
});
