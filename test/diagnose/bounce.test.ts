import { describe, expect, it } from 'vitest';
import { readGmailBounce } from '../../src/diagnose/bounce.js';

describe('readGmailBounce', () => {
  it('reads the whole multi-line reply, the longest of its quotes, with the domain and IP it names', () => {
    const body = [
      '<a@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said:',
      '    550-5.7.26 This mail has been blocked because the sender is',
      '    550-5.7.26 unauthenticated.',
      '    550-5.7.26  SPF [example.com] with ip: [203.0.113.25] = did not pass',
      '    550 5.7.26  DKIM = did not pass - gsmtp',
      'Diagnostic-Code: smtp; 550-5.7.26 This mail has been blocked',
    ].join('\n');
    const b = readGmailBounce(body);
    expect(b?.kind).toBe('unauthenticated');
    expect(b?.domain).toBe('example.com');
    expect(b?.ip).toBe('203.0.113.25');
    expect(b?.spfPassed).toBe(false);
    expect(b?.dkimPassed).toBe(false);
  });

  it('lone-CR lines and thousands of reply codes are read in linear work (found by the long fuzz run)', () => {
    // The shape the fuzzer found: a Postfix bounce whose lines end in lone CRs, the reply cut and repeated.
    const input = `This is the mail system at host mail.example.net.\r\r<a@gmail.com>: host gmail-smtp-in.l.google.com[192.0.2.27] said:\r${'    550-5.7.25 [20  550-5.7.2'.repeat(200)}\r    550 5.7.25 [203.0.113.90] no PTR - gsmtp\r`;
    expect(readGmailBounce(input)?.enhanced).toBe('5.7.25');
    const huge = `<x>: said:\r${'    550-5.7.25 [20 '.repeat(200_000)}`;
    expect(readGmailBounce(huge)?.kind).toBe('ptr');
  });

  it('a reply code that is not about authentication is not a Gmail refusal', () => {
    expect(readGmailBounce('550 5.1.1 The email account that you tried to reach does not exist')).toBeNull();
  });
});
