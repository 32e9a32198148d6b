// The sending host when the route and the receiver's SPF check point at different hops: the
// receiver's MX handing the message to an internal Exchange hub, a filtering service in front of
// the mailbox, and a checked address no Received line names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { corpusPath } from '../corpus.js';

const example = readFileSync(
  new URL('../../docs/findings/examples/sending-ip-mismatch.eml', import.meta.url),
  'utf8',
);
const FILTER_HOP = 'Received: from mx1.example.org (mx1.example.org [203.0.113.5])';
const CLIENT_HOP = [
  'Received: from vps1.example.com (vps1.example.com [198.51.100.20])',
  '        by mx1.example.org with ESMTP id 9F3A2C;',
  '        Thu, 12 Nov 2026 12:00:02 +0000',
].join('\n');

const codes = (r: ReturnType<typeof analyzeMessage>): string[] => r.findings.map((f) => f.code);

describe('the sending host', () => {
  it('the receiver’s MX relaying to its Exchange hub (mail_test_17: apiron13.triara.com → APCNHUB11.correo.local): the hop the receiver checked', () => {
    const r = analyzeMessage(readFileSync(corpusPath('eml/mailparser-spamscope/mail_test_17.eml')));
    // The receiver (mailb.triara.com) checked 152.228.133.10: the VPS's hop into apiron13.triara.com.
    expect(r.verdicts.spf?.ip).toBe('152.228.133.10');
    expect(r.sendingHost).toMatchObject({
      ip: '152.228.133.10',
      helo: 'vps-051e4cda.vps.ovh.net',
      ipAgreement: 'agree',
    });
    expect(r.hops[0]).toMatchObject({ ip: '200.57.129.98', role: 'receiver-internal' });
    expect(codes(r)).not.toContain('sending-ip-mismatch');
  });

  it('a filter in front of the mailbox: the hop whose client the receiver checked is the sending host', () => {
    const text = example.replace(/^From: /m, `${CLIENT_HOP}\nFrom: `);
    const r = analyzeMessage(text);
    expect(r.sendingHost).toMatchObject({
      ip: '198.51.100.20',
      rdns: 'vps1.example.com',
      ipAgreement: 'agree',
    });
    expect(r.hops.map((h) => [h.ip, h.role])).toEqual([
      ['203.0.113.5', 'receiver-internal'],
      ['198.51.100.20', 'sending-host'],
    ]);
    expect(codes(r)).not.toContain('sending-ip-mismatch');
    expect(r.fixes[0]?.zoneLine).toBe('example.com. 3600 IN TXT "v=spf1 a:vps1.example.com ~all"');
  });

  it('no Received line names the checked address: the warning, and a fix for that address, not for the hop’s host', () => {
    expect(example).toContain(FILTER_HOP);
    const r = analyzeMessage(example);
    expect(r.sendingHost).toMatchObject({ ip: '203.0.113.5', ipAgreement: 'disagree' });
    const f = r.findings.find((x) => x.code === 'sending-ip-mismatch');
    expect(f?.args).toEqual({ hopIp: '203.0.113.5', checkedIp: '198.51.100.20' });
    expect(r.fixes[0]?.zoneLine).toBe('example.com. 3600 IN TXT "v=spf1 ip4:198.51.100.20 ~all"');
  });
});
