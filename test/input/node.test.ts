import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { needsMimeDecoding, notAMessage, readDisplayFields } from '../../src/input/node.js';
import { zip } from '../scan/helpers.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the Node reader', () => {
  it('loads mailparser only for MIME messages whose header needs decoding', () => {
    expect(needsMimeDecoding(enc('MIME-Version: 1.0\nSubject: =?UTF-8?B?44GC?=\n\nbody'))).toBe(true);
    expect(needsMimeDecoding(enc('MIME-Version: 1.0\nSubject: caf\u00e9\n\nbody'))).toBe(true);
    expect(needsMimeDecoding(enc('MIME-Version: 1.0\nSubject: plain\n\n=?UTF-8?B?44GC?= in the body'))).toBe(
      false,
    );
    expect(needsMimeDecoding(enc('Subject: =?UTF-8?B?44GC?=\n'))).toBe(false); // not MIME: the core decodes
  });

  it('mailparser decodes the display fields of a .eml', async () => {
    const d = await readDisplayFields(
      enc(
        'MIME-Version: 1.0\r\nFrom: =?UTF-8?B?5qCq5byP5Lya56S+44K144Oz44OX44Or?= <info@example.com>\r\nSubject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n\r\nbody',
      ),
    );
    expect(d.subject).toBe('テスト');
    expect(d.from).toContain('株式会社サンプル');
    expect(d.from).toContain('<info@example.com>');
  });

  it('tells binary data from a message by its start only', () => {
    expect(notAMessage(enc(''))).toBe('empty');
    expect(notAMessage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toBe('binary-nul');
    expect(notAMessage(Uint8Array.from([...enc('Subject: x\n\n'), 0, 0, 0]))).toBeNull();
  });

  it('names an archive or a compressed file as such (scan reads them), whatever it holds', async () => {
    const message = readFileSync(new URL('../../samples/sakura-softfail.eml', import.meta.url));
    expect(notAMessage(gzipSync(message))).toBe('archive');
    expect(notAMessage(zip([{ name: 'a.eml', data: message }]))).toBe('archive');
    const pack = tar.pack();
    pack.entry({ name: 'a.eml' }, message);
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    expect(notAMessage(Buffer.concat(chunks))).toBe('archive');
    // bzip2 ("BZh", then the block size), xz and 7z by their signatures.
    for (const magic of [
      [0x42, 0x5a, 0x68, 0x39],
      [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00],
      [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
    ])
      expect(notAMessage(Uint8Array.from([...magic, 0x41, 0x42]))).toBe('archive');
    // A message that begins with "BZh" or "PK" as words is still a message.
    expect(notAMessage(enc('PK: x\nBZh: y\n\nbody'))).toBeNull();
  });
});
