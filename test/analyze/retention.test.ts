// Long scans keep a fixed amount of memory: the caches that remember answers from message to
// message (PSL lookups, addresses, providers, SPF comments) must not keep the messages themselves.
// In V8 a string cut from a header is a view that keeps the whole header text alive, so a cache
// keyed by such a cut held thousands of header blocks over a 4 GB scan. These tests measure the
// live heap after a forced collection.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { BoundedCache, detached, memo } from '../../src/cache.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;

/** Heap still used after keeping, for each of 100 texts of 200 KB, `keep` of a 40-character cut. */
function retainedByCuts(keep: (cut: string) => string): number {
  const kept: string[] = [];
  const before = liveHeap();
  for (let i = 0; i < 100; i++) {
    const big = Buffer.alloc(200_000, 97 + (i % 26)).toString('latin1');
    kept.push(keep(big.slice(100, 140)));
  }
  const after = liveHeap();
  expect(kept.every((s) => s.length === 40)).toBe(true);
  return after - before;
}

describe('detached', () => {
  it('keeps the characters and not the text they were cut from', () => {
    // The premise: a plain cut keeps its 200 KB text alive (100 × 200 KB ≈ 19 MB here).
    expect(retainedByCuts((cut) => cut)).toBeGreaterThan(10 * MB);
    expect(retainedByCuts(detached)).toBeLessThan(1 * MB);
  });

  it('returns an equal string, short ones as they are', () => {
    const long = 'mail-sor-f41.google.com and more';
    expect(detached(long)).toBe(long);
    expect(detached('a.b')).toBe('a.b');
    expect(detached('')).toBe('');
  });
});

describe('BoundedCache and memo', () => {
  it('computes once per key, keeps null answers, and starts over when full', () => {
    const cache = new BoundedCache<string | null>(3);
    let calls = 0;
    const compute = (k: string): string | null => {
      calls++;
      return k === 'none' ? null : k.toUpperCase();
    };
    const look = (k: string): string | null => {
      const known = cache.get(k);
      return known !== undefined ? known : cache.add(k, compute);
    };
    expect(look('a')).toBe('A');
    expect(look('none')).toBeNull();
    expect(look('a')).toBe('A');
    expect(look('none')).toBeNull();
    expect(calls).toBe(2);
    look('b');
    expect(cache.size).toBe(3);
    look('c'); // full: cleared, then kept
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(calls).toBe(4);
  });

  it('memo keys its answers by detached copies, and computes from the copy', () => {
    const org = memo(10_000, (host) => host.slice(host.indexOf('.') + 1));
    const kept: string[] = [];
    const before = liveHeap();
    for (let i = 0; i < 100; i++) {
      const header = `Received: from mail${i}.sender${i}.example.net ${'x'.repeat(200_000)}`;
      kept.push(org(header.slice(15, 15 + header.slice(15).indexOf(' '))));
    }
    expect(liveHeap() - before).toBeLessThan(2 * MB);
    expect(kept[7]).toBe('sender7.example.net');
  });
});

/** A Gmail-received header block whose hosts, addresses and domains are new for every `i`. */
function message(i: number): string {
  const ip = `198.51.100.${i % 250}`;
  const v6 = `2001:db8:${(i >> 8).toString(16)}::${(i & 0xff).toString(16)}`;
  const host = `out${i}.mta${i}.example.net`;
  const domain = `sender${i}.example.com`;
  const filler = Array.from({ length: 80 }, (_, k) => `X-Filler-${k}: ${'f'.repeat(90)}\n`).join('');
  return [
    `Delivered-To: user@gmail.com`,
    `Received: by 2002:a05:6a10:${i.toString(16)}:b0:1:2:3 with SMTP id x${i}; Mon, 1 Jan 2024 10:00:00 -0800 (PST)`,
    `ARC-Authentication-Results: i=1; mx.google.com;`,
    `       dkim=pass header.i=@${domain} header.s=s${i} header.b=abc${i};`,
    `       spf=softfail (google.com: domain of transitioning bounce@${domain} does not designate ${v6} as permitted sender) smtp.mailfrom=bounce@${domain};`,
    `       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=${domain}`,
    `Return-Path: <bounce@${domain}>`,
    `Received: from ${host} (${host}. [${v6}])`,
    `        by mx.google.com with ESMTPS id y${i}.${i}`,
    `        for <user@gmail.com>`,
    `        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);`,
    `        Mon, 01 Jan 2024 10:00:00 -0800 (PST)`,
    `Received-SPF: softfail (google.com: domain of transitioning bounce@${domain} does not designate ${v6} as permitted sender) client-ip=${v6};`,
    `Authentication-Results: mx.google.com;`,
    `       dkim=pass header.i=@${domain} header.s=s${i} header.b=abc${i};`,
    `       spf=softfail (google.com: domain of transitioning bounce@${domain} does not designate ${v6} as permitted sender) smtp.mailfrom=bounce@${domain};`,
    `       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=${domain}`,
    `Received: from relay${i}.${domain} (relay${i}.${domain} [${ip}]) by ${host} with ESMTP id z${i}; Mon, 1 Jan 2024 18:00:00 +0000`,
    `From: =?UTF-8?B?5pel5pys6Kqe?= <news@${domain}>`,
    `To: user@gmail.com`,
    `Subject: =?UTF-8?B?5pel5pys6Kqe44Gu5Lu25ZCN?= ${i}`,
    `Date: Mon, 1 Jan 2024 18:00:00 +0000`,
    `Message-ID: <m${i}@${domain}>`,
    `${filler}`,
  ].join('\n');
}

describe('analyzeMessage over many messages', () => {
  it('keeps no header text: live memory after 3,000 new senders is about that after 300', () => {
    for (let i = 0; i < 300; i++) analyzeMessage(message(i));
    const before = liveHeap();
    for (let i = 300; i < 3_000; i++) analyzeMessage(message(i));
    const grown = liveHeap() - before;
    // Each header is about 10 KB: keeping one per new host, address or domain would add 25 MB or
    // more. The caches' own entries (names, addresses, answers) stay well under this.
    expect(message(1).length).toBeGreaterThan(9_000);
    expect(grown).toBeLessThan(8 * MB);
  });
});
