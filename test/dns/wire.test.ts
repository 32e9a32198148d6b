// mailwhy's tiny DNS codec (src/dns/wire.ts) checked against dns-packet, an independent implementation.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeReply, encodeQuery } from '../../src/dns/wire.js';

describe('wire codec', () => {
  it('encodes a query dns-packet reads back, with octets c-ares refuses', () => {
    const q = dnsPacket.decode(Buffer.from(encodeQuery(0x1234, 'foo:bar/baz .example.com', 'TXT')));
    expect(q.id).toBe(0x1234);
    expect(q.questions).toEqual([{ name: 'foo:bar/baz .example.com', type: 'TXT', class: 'IN' }]);
    expect(q.flag_rd).toBe(true);
  });

  it('refuses labels longer than 63 octets', () => {
    expect(() => encodeQuery(1, `${'a'.repeat(64)}.example.com`, 'A')).toThrow(/EBADNAME/);
  });

  it('decodes answers of every type, with name compression, ignoring CNAMEs on the way', () => {
    const reply = (type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR', answers: dnsPacket.Answer[]): Uint8Array =>
      dnsPacket.encode({
        type: 'response',
        id: 7,
        flags: dnsPacket.RECURSION_DESIRED,
        questions: [{ name: 'x.example.com', type }],
        answers: [{ type: 'CNAME', name: 'x.example.com', data: 'y.example.com' }, ...answers],
      });
    const ok = (r: ReturnType<typeof decodeReply>): unknown =>
      r.result.ok ? r.result.records : r.result.code;
    expect(
      ok(decodeReply(reply('A', [{ type: 'A', name: 'y.example.com', data: '192.0.2.1' }]), 'A')),
    ).toEqual(['192.0.2.1']);
    const v6 = ok(
      decodeReply(reply('AAAA', [{ type: 'AAAA', name: 'y.example.com', data: '2001:db8::1' }]), 'AAAA'),
    );
    expect(v6).toEqual(['2001:db8:0:0:0:0:0:1']);
    expect(
      ok(
        decodeReply(
          reply('MX', [
            { type: 'MX', name: 'y.example.com', data: { preference: 5, exchange: 'mx.example.com' } },
          ]),
          'MX',
        ),
      ),
    ).toEqual([{ priority: 5, exchange: 'mx.example.com' }]);
    expect(
      ok(
        decodeReply(
          reply('TXT', [{ type: 'TXT', name: 'y.example.com', data: ['v=spf1 ', 'a -all'] }]),
          'TXT',
        ),
      ),
    ).toEqual([['v=spf1 ', 'a -all']]);
    expect(
      ok(
        decodeReply(reply('PTR', [{ type: 'PTR', name: 'y.example.com', data: 'host.example.com' }]), 'PTR'),
      ),
    ).toEqual(['host.example.com']);
    expect(ok(decodeReply(reply('A', []), 'A'))).toBe('ENODATA');
  });

  it('reads RCODEs and the TC bit', () => {
    const nx = dnsPacket.encode({
      type: 'response',
      id: 1,
      flags: 3,
      questions: [{ name: 'a.example', type: 'A' }],
    });
    expect(decodeReply(nx, 'A').result).toEqual({ ok: false, code: 'ENOTFOUND' });
    const sf = dnsPacket.encode({
      type: 'response',
      id: 1,
      flags: 2,
      questions: [{ name: 'a.example', type: 'A' }],
    });
    expect(decodeReply(sf, 'A').result).toEqual({ ok: false, code: 'ESERVFAIL' });
    const tc = dnsPacket.encode({
      type: 'response',
      id: 1,
      flags: dnsPacket.TRUNCATED_RESPONSE,
      questions: [{ name: 'a.example', type: 'TXT' }],
    });
    expect(decodeReply(tc, 'TXT').truncated).toBe(true);
  });
});
