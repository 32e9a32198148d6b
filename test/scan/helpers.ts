// Test data for the scan: small messages written here, the shared generator for realistic mailboxes,
// and a zip writer (stored or deflated entries, CRC-32 computed here) so no new package is needed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url));
export const generator: string = fileURLToPath(
  new URL('../../../shared/bench/gen-mbox.mjs', import.meta.url),
);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mailwhy-scan-test-'));
}

export interface TruthLine {
  i: number;
  offset: number;
  length: number;
  message_id: string;
  spf: string | null;
  dkim: string | null;
  dmarc: string | null;
  arc: string | null;
}

/** Runs the shared generator; returns the truth lines when a truth file was asked for. */
export function generate(args: string[], truthFile?: string): TruthLine[] {
  execFileSync(process.execPath, [
    generator,
    '--quiet',
    ...args,
    ...(truthFile ? ['--truth', truthFile] : []),
  ]);
  if (!truthFile) return [];
  return readFileSync(truthFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TruthLine);
}

/** A small message stamped by mx.google.com, with the SPF result asked for. */
export function message(
  n: number,
  spf: 'pass' | 'softfail' | 'fail' = 'pass',
  domain = 'example.com',
  eol = '\n',
): string {
  const verb = spf === 'pass' ? 'designates' : 'does not designate';
  const lines = [
    `Delivered-To: user@gmail.com`,
    `Received: by 2002:a05:6a10:1234:b0:5a1:2f3c:10a5 with SMTP id z${n}csp1;`,
    `        Mon, 1 Jan 2024 00:00:0${n % 10} -0800 (PST)`,
    `Return-Path: <news@${domain}>`,
    `Received: from mail.${domain} (mail.${domain}. [192.0.2.${(n % 200) + 1}])`,
    `        by mx.google.com with ESMTPS id a${n}si1.2024.01.01.00.00.00`,
    `        for <user@gmail.com>;`,
    `        Mon, 01 Jan 2024 00:00:0${n % 10} -0800 (PST)`,
    `Received-SPF: ${spf} (google.com: domain of news@${domain} ${verb} 192.0.2.${(n % 200) + 1} as permitted sender) client-ip=192.0.2.${(n % 200) + 1};`,
    `Authentication-Results: mx.google.com;`,
    `       spf=${spf} (google.com: domain of news@${domain} ${verb} 192.0.2.${(n % 200) + 1} as permitted sender) smtp.mailfrom=news@${domain}`,
    `From: News <news@${domain}>`,
    `To: user@gmail.com`,
    `Subject: message ${n}`,
    `Date: Mon, 01 Jan 2024 08:00:0${n % 10} +0000`,
    `Message-ID: <m${n}@${domain}>`,
    ``,
    `Body of message ${n}.`,
    ``,
  ];
  return lines.join(eol);
}

export function fromLine(n: number): string {
  return `From ${1000 + n}@xxx Mon Jan 01 00:00:0${n % 10} +0000 2024`;
}

/** An mbox of `count` messages (mboxrd as Takeout writes it); returns bytes and each message's offset. */
export function mbox(
  count: number,
  eol = '\n',
  spfOf: (n: number) => 'pass' | 'softfail' | 'fail' = () => 'pass',
): {
  bytes: Buffer;
  offsets: number[];
} {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (let n = 1; n <= count; n++) {
    const b = Buffer.from(`${fromLine(n)}${eol}${message(n, spfOf(n), 'example.com', eol)}${eol}`);
    offsets.push(at);
    at += b.length;
    parts.push(b);
  }
  return { bytes: Buffer.concat(parts), offsets };
}

const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  method?: 'store' | 'deflate';
  /** Lie about the uncompressed size (to test yauzl's size check). */
  declaredSize?: number;
  /**
   * Written as a stream is (general purpose bit 3): sizes and CRC 0 in the local header, given in a
   * data descriptor after the data; `zip64` as Info-ZIP's `zip -` writes it (a ZIP64 extra field in the
   * local header, 8-byte sizes in the descriptor).
   */
  streamed?: 'plain' | 'zip64';
}

/** A zip archive, written by hand: local headers, central directory, end record (no zip64). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method === 'deflate' ? 8 : 0;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const streamed = e.streamed;
    const extra = streamed === 'zip64' ? Buffer.alloc(20) : Buffer.alloc(0);
    if (streamed === 'zip64') {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2); // uncompressed and compressed size, 0 until the descriptor
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(streamed ? 0x0808 : 0x0800, 6); // UTF-8 names (and bit 3: a descriptor)
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(streamed ? 0 : crc, 14);
    local.writeUInt32LE(streamed === 'zip64' ? 0xffffffff : streamed ? 0 : body.length, 18);
    local.writeUInt32LE(streamed === 'zip64' ? 0xffffffff : streamed ? 0 : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    let descriptor = Buffer.alloc(0);
    if (streamed) {
      descriptor = Buffer.alloc(streamed === 'zip64' ? 24 : 16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      if (streamed === 'zip64') {
        descriptor.writeBigUInt64LE(BigInt(body.length), 8);
        descriptor.writeBigUInt64LE(BigInt(size), 16);
      } else {
        descriptor.writeUInt32LE(body.length, 8);
        descriptor.writeUInt32LE(size, 12);
      }
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    central.writeUInt16LE(streamed ? 0x0808 : 0x0800, 8);
    locals.push(local, name, extra, body, descriptor);
    centrals.push(central, name);
    offset += local.length + name.length + extra.length + body.length + descriptor.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
