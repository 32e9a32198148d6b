import { describe, expect, it } from 'vitest';
import {
  byteClass,
  bytesToText,
  decodeEncodedWords,
  domainOf,
  EIGHT_BIT,
  parseMailboxes,
  SEVEN_BIT,
  SEVEN_BIT_ESC,
} from '../../src/headers/decode.js';

describe('decodeEncodedWords (RFC 2047)', () => {
  it('decodes B and Q words in UTF-8 and ISO-2022-JP', () => {
    // "株式会社サンプル" encoded by hand with base64 of its UTF-8 bytes
    expect(decodeEncodedWords('=?UTF-8?B?5qCq5byP5Lya56S+44K144Oz44OX44Or?=')).toBe('株式会社サンプル');
    // RFC 2047 §8 example
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= Pirard')).toBe('André Pirard');
    // "テスト" in ISO-2022-JP: ESC $ B %F%9%H ESC ( B
    expect(decodeEncodedWords('=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=')).toBe('テスト');
  });

  it('joins adjacent words, even when a character is split between them (§6.2)', () => {
    // RFC 2047 §8: "(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)" displays as "(ab)"
    expect(decodeEncodedWords('(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)')).toBe('(ab)');
    // "あ" = E3 81 82 split over two Q words
    expect(decodeEncodedWords('=?UTF-8?Q?=E3=81?= =?UTF-8?Q?=82?=')).toBe('あ');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a_b?=')).toBe('a b');
  });

  it('leaves unknown charsets and plain text readable', () => {
    expect(decodeEncodedWords('plain text')).toBe('plain text');
    expect(decodeEncodedWords('=?x-unknown?Q?abc?=')).toBe('abc');
  });
});

describe('bytesToText', () => {
  it('reads UTF-8, and falls back to Shift_JIS and ISO-2022-JP for raw Japanese headers', () => {
    expect(bytesToText(new TextEncoder().encode('件名')).encoding).toBe('utf-8');
    // "テスト" in Shift_JIS: 83 65 83 58 83 67
    const sjis = Uint8Array.from([0x53, 0x3a, 0x20, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67]);
    expect(bytesToText(sjis)).toEqual({ text: 'S: テスト', encoding: 'shift_jis' });
    const jis = Uint8Array.from([0x1b, 0x24, 0x42, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48, 0x1b, 0x28, 0x42]);
    expect(bytesToText(jis)).toEqual({ text: 'テスト', encoding: 'iso-2022-jp' });
  });
});

describe('parseMailboxes', () => {
  it('reads display names, angle addresses, comments and groups', () => {
    expect(parseMailboxes('"Doe, John" <john@Example.COM>')).toEqual([
      { name: 'Doe, John', address: 'john@Example.COM', domain: 'example.com' },
    ]);
    expect(parseMailboxes('a@x.example (Alice), b@y.example')).toEqual([
      { name: 'Alice', address: 'a@x.example', domain: 'x.example' },
      { name: null, address: 'b@y.example', domain: 'y.example' },
    ]);
    expect(parseMailboxes('friends: c@z.example;').map((m) => m.address)).toEqual(['c@z.example']);
    expect(parseMailboxes('<>')).toEqual([]);
  });

  it('domainOf drops brackets and a trailing dot', () => {
    expect(domainOf('u@Mail.Example.org.')).toBe('mail.example.org');
    expect(domainOf('no-at-sign')).toBeNull();
  });
});

describe('parseMailboxes on hostile input (found by the long fuzz run)', () => {
  it('unclosed comments are read in one pass (was O(n²): 128 KB of "(" took 40 s)', () => {
    const boxes = parseMailboxes(`MAILER-DAEMON@mail.example.net ${'(Mail De'.repeat(50_000)}`);
    expect(boxes.map((b) => b.address)).toEqual(['MAILER-DAEMON@mail.example.net']);
  });

  it('nested comments and quoted parentheses', () => {
    expect(parseMailboxes('a@x.example (Alice (the first))')).toEqual([
      { name: 'Alice (the first)', address: 'a@x.example', domain: 'x.example' }, // RFC 5322 §3.2.2: a comment nests
    ]);
    expect(parseMailboxes('"Bob (Sales)" <b@y.example>')[0]?.name).toBe('Bob (Sales)');
  });
});

describe('byteClass', () => {
  // The word-at-a-time scan against the definition, byte by byte: every position of the marker
  // byte, at every alignment of the view inside its buffer.
  const reference = (bytes: Uint8Array): number => {
    let esc = false;
    for (const b of bytes) {
      if (b >= 0x80) return EIGHT_BIT;
      if (b === 0x1b) esc = true;
    }
    return esc ? SEVEN_BIT_ESC : SEVEN_BIT;
  };
  it('agrees with a byte-by-byte reading for every position and alignment', () => {
    let cases = 0;
    for (const marker of [0x1b, 0x80, 0xff, 0x9b, 0x1a, 0x3b]) {
      for (let length = 0; length <= 19; length++) {
        for (let shift = 0; shift < 4; shift++) {
          for (let at = -1; at < length; at++) {
            const buffer = new Uint8Array(length + shift).fill(0x41);
            const view = buffer.subarray(shift);
            if (at >= 0) view[at] = marker;
            expect(byteClass(view), `marker ${marker} at ${at} of ${length}, shift ${shift}`).toBe(
              reference(view),
            );
            cases++;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });
  it('names the classes: 7-bit, 7-bit with ESC, 8-bit', () => {
    expect(byteClass(new TextEncoder().encode('Subject: hello\r\n'))).toBe(SEVEN_BIT);
    expect(byteClass(new Uint8Array([0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42]))).toBe(SEVEN_BIT_ESC);
    expect(byteClass(new TextEncoder().encode('Subject: こんにちは'))).toBe(EIGHT_BIT);
    // ESC and an 8-bit byte together: 8-bit wins (UTF-8 and the legacy encodings are tried).
    expect(byteClass(new Uint8Array([0x1b, 0x41, 0x41, 0x41, 0xe3]))).toBe(EIGHT_BIT);
  });
});

describe('parseMailboxes with names: false', () => {
  it('reads the same addresses and leaves the display names undecoded', () => {
    const value =
      '=?UTF-8?B?5qCq5byP5Lya56S+?= <info@example.jp>, "Sato, Hanako" <hanako@example.com>, (comment) bare@example.net';
    const full = parseMailboxes(value);
    const bare = parseMailboxes(value, { names: false });
    expect(full.map((m) => m.name)).toEqual(['株式会社', 'Sato, Hanako', 'comment']);
    expect(bare.map((m) => m.name)).toEqual([null, null, null]);
    expect(bare.map((m) => [m.address, m.domain])).toEqual(full.map((m) => [m.address, m.domain]));
  });
});
