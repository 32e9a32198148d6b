// The fuzz targets: for each parser, how to generate its input (from the corpus seeds), how to run it
// and check what it returns, and how to grow an input for the linearity checks. Shared by the
// fixed-seed tests (test/fuzz/*.test.ts) and the long run (scripts/fuzz.mjs bundles this file).
import fc from 'fast-check';
import { analyzeMessage } from '../../src/analyze.js';
import {
  parseAuthenticationResults,
  parseReceivedSpf,
  readArcSets,
  readStamps,
} from '../../src/authres/index.js';
import { readGmailBounce } from '../../src/diagnose/bounce.js';
import { bytesToText, decodeEncodedWords, parseMailboxes } from '../../src/headers/decode.js';
import { headerEnd, splitHeaderFields } from '../../src/headers/split.js';
import type { HeaderField } from '../../src/headers/types.js';
import { detectInput } from '../../src/input/detect.js';
import { readPort25Report } from '../../src/input/port25.js';
import { analyzeChain, parseReceived, parseReceivedDate } from '../../src/received/index.js';
import { MailSplitter, splitMbox } from '../../src/scan/split.js';
import { parseSpfRecord } from '../../src/spf/index.js';
import { fuzzBytes, fuzzText, tokenSoup } from './mutate.js';
import type { Seeds } from './seeds.js';
import * as S from './shapes.js';

export interface FuzzTarget<T = unknown> {
  name: string;
  arbitrary: (seeds: Seeds) => fc.Arbitrary<T>;
  /** Runs the code under test; returns the shape problems (empty = fine). Exceptions escape. */
  run: (input: T) => string[];
  /** Input size in characters or bytes (for the long run's slowest-input figures). */
  size: (input: T) => number;
  /** Printable form of a counterexample. */
  show: (input: T) => string;
  /** Inputs that grow with k, for the linearity checks: each shape at k and 8k. */
  grow: { shape: string; make: (k: number) => T }[];
}

function target<T>(t: FuzzTarget<T>): FuzzTarget<unknown> {
  return t as unknown as FuzzTarget<unknown>;
}

const textSize = (s: string): number => s.length;
const showText = (s: string): string => JSON.stringify(s);
const showBytes = (b: Uint8Array): string => `base64:${Buffer.from(b).toString('base64')}`;
const enc = new TextEncoder();

function fieldsFrom(name: string, values: readonly string[]): HeaderField[] {
  return values.map((value, index) => ({
    name,
    lname: name.toLowerCase(),
    value,
    raw: `${name}: ${value}`,
    index,
    line: index + 1,
  }));
}

/** A list of (name, value) pairs turned into fields, as splitHeaderFields would give them. */
function namedFields(pairs: readonly (readonly [string, string])[]): HeaderField[] {
  return pairs.map(([name, value], index) => ({
    name,
    lname: name.toLowerCase(),
    value,
    raw: `${name}: ${value}`,
    index,
    line: index + 1,
  }));
}

const RECEIVED =
  'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1si123 for <u@example.com> (Google Transport Security); Mon, 06 Nov 2023 01:02:03 -0800 (PST)';
const AUTHRES =
  'mx.google.com; dkim=pass header.i=@example.com header.s=s1 header.b=abc; spf=softfail (google.com: domain of transitioning a@example.com does not designate 192.0.2.1 as permitted sender) smtp.mailfrom=a@example.com; dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com';
const RECEIVED_SPF =
  'Pass (mailfrom) identity=mailfrom; client-ip=192.0.2.1; helo=mail.example.com; envelope-from=a@example.com; receiver=mx.example.net';
const MESSAGE_HEAD = [
  'Received: by 2002:a05:6a10:1234 with SMTP id x; Mon, 6 Nov 2023 01:02:04 -0800 (PST)',
  `Received: ${RECEIVED}`,
  `Authentication-Results: ${AUTHRES}`,
  'From: Alice <alice@example.com>',
  'To: bob@example.net',
  'Subject: =?UTF-8?B?5pel5pys6Kqe?= hello',
  'Date: Mon, 6 Nov 2023 10:02:03 +0100',
  'Message-ID: <m1@example.com>',
];

const growField = (unit: string, k: number): string => unit.repeat(k);

/** The nested-and-unbalanced shapes every field parser must read in linear time. */
function fieldShapes(seed: string): { shape: string; make: (k: number) => string }[] {
  return [
    { shape: 'seed repeated', make: (k) => growField(`${seed} `, k) },
    { shape: '( nested', make: (k) => `${seed} ${'('.repeat(k)}` },
    { shape: '() pairs', make: (k) => `${seed} ${'(a)'.repeat(k)}` },
    { shape: '" unclosed', make: (k) => `${seed} "${'a\\"'.repeat(k)}` },
    { shape: '[ brackets', make: (k) => `${seed} ${'[1.2.3.4'.repeat(k)}` },
    { shape: '; semicolons', make: (k) => `${seed}${'; a=b'.repeat(k)}` },
    { shape: 'spaces', make: (k) => `${seed}${' '.repeat(k * 4)}x` },
    { shape: '= runs', make: (k) => `${seed} ${'a='.repeat(k)}` },
  ];
}

export const TARGETS: FuzzTarget[] = [
  target<string>({
    name: 'parseReceived',
    arbitrary: (s) => fuzzText(s.received),
    run: (x) => S.problems(S.nullable(S.hop), parseReceived(x)),
    size: textSize,
    show: showText,
    grow: fieldShapes(RECEIVED),
  }),
  target<string>({
    name: 'parseReceivedDate',
    arbitrary: (s) => fuzzText(s.dates),
    run: (x) => {
      const d = parseReceivedDate(x);
      return d === undefined ? [] : S.problems(S.date, d);
    },
    size: textSize,
    show: showText,
    grow: [
      { shape: 'spaces', make: (k) => `Mon,${' '.repeat(k * 4)}6 Nov 2023 01:02:03 -0800` },
      { shape: 'comments', make: (k) => `Mon, 6 Nov 2023 01:02:03 -0800 ${'(PST)'.repeat(k)}` },
      { shape: 'digits', make: (k) => `Mon, 6 Nov ${'2'.repeat(k * 4)} 01:02:03 -0800` },
    ],
  }),
  target<string[]>({
    name: 'analyzeChain',
    arbitrary: (s) => fc.array(fuzzText(s.received), { maxLength: 12 }),
    run: (xs) => {
      const chain = analyzeChain(fieldsFrom('Received', xs), { trustedNetworks: ['10.0.0.0/8'] });
      const errs = S.problems(S.receivedChain, chain);
      if (chain.hops.length !== xs.length)
        errs.push(`$.hops: ${chain.hops.length} hops for ${xs.length} fields`);
      return errs;
    },
    size: (xs) => xs.reduce((n, x) => n + x.length, 0),
    show: (xs) => JSON.stringify(xs),
    grow: [{ shape: 'Received fields', make: (k) => Array.from({ length: k }, () => RECEIVED) }],
  }),
  target<string>({
    name: 'parseAuthenticationResults',
    arbitrary: (s) => fuzzText([...s.authres, ...s.arcAuthres]),
    run: (x) => S.problems(S.authResultsField, parseAuthenticationResults(x)),
    size: textSize,
    show: showText,
    grow: [
      ...fieldShapes(AUTHRES),
      { shape: 'results', make: (k) => `mx.example.com;${' spf=pass smtp.mailfrom=a@b.example;'.repeat(k)}` },
    ],
  }),
  target<string>({
    name: 'parseReceivedSpf',
    arbitrary: (s) => fuzzText(s.receivedSpf),
    run: (x) => S.problems(S.receivedSpf, parseReceivedSpf(x)),
    size: textSize,
    show: showText,
    grow: fieldShapes(RECEIVED_SPF),
  }),
  target<[string, string][]>({
    name: 'readArcSets',
    arbitrary: (s) =>
      fc.array(
        fc.tuple(
          fc.constantFrom('ARC-Seal', 'ARC-Message-Signature', 'ARC-Authentication-Results'),
          fc.oneof(
            fuzzText(s.arcAuthres),
            fc
              .tuple(fc.integer({ min: -1, max: 60 }), fc.constantFrom('none', 'pass', 'fail', ''), tokenSoup)
              .map(([i, cv, t]) => `i=${i}; a=rsa-sha256; cv=${cv}; d=example.com; ${t}`),
          ),
        ),
        { maxLength: 12 },
      ),
    run: (xs) => S.problems(S.arcSets, readArcSets(namedFields(xs))),
    size: (xs) => xs.reduce((n, [, v]) => n + v.length, 0),
    show: (xs) => JSON.stringify(xs),
    grow: [
      {
        shape: 'ARC sets',
        make: (k) =>
          Array.from({ length: k }, (_, i): [string, string][] => [
            ['ARC-Seal', `i=${(i % 50) + 1}; a=rsa-sha256; cv=pass; d=example.com; s=s; b=x`],
            [
              'ARC-Message-Signature',
              `i=${(i % 50) + 1}; a=rsa-sha256; d=example.com; s=s; h=from; bh=x; b=x`,
            ],
            ['ARC-Authentication-Results', `i=${(i % 50) + 1}; ${AUTHRES}`],
          ]).flat(),
      },
    ],
  }),
  target<string>({
    name: 'readStamps',
    arbitrary: (s) => fuzzText(s.headerBlocks),
    run: (x) => {
      const fields = splitHeaderFields(x).fields;
      const chain = analyzeChain(fields);
      return S.problems(
        S.stamps,
        readStamps(fields, { receiverHosts: chain.receiverHosts, receiverDomain: chain.receiverDomain }),
      );
    },
    size: textSize,
    show: showText,
    grow: [
      {
        shape: 'Authentication-Results fields',
        make: (k) =>
          [MESSAGE_HEAD.slice(0, 2).join('\n'), ...Array(k).fill(`Authentication-Results: ${AUTHRES}`)].join(
            '\n',
          ),
      },
      {
        shape: 'Received-SPF fields',
        make: (k) =>
          [MESSAGE_HEAD.slice(0, 2).join('\n'), ...Array(k).fill(`Received-SPF: ${RECEIVED_SPF}`)].join('\n'),
      },
    ],
  }),
  target<string>({
    name: 'parseSpfRecord',
    arbitrary: (s) => fuzzText(s.spfRecords),
    run: (x) => S.problems(S.spfParse, parseSpfRecord(x)),
    size: textSize,
    show: showText,
    grow: [
      { shape: 'terms', make: (k) => `v=spf1${' ip4:192.0.2.0/24 include:_spf.example.com'.repeat(k)} -all` },
      { shape: 'macro', make: (k) => `v=spf1 exists:${'%{ir}.'.repeat(k)}example.com -all` },
      { shape: 'spaces', make: (k) => `v=spf1${' '.repeat(k * 8)}-all` },
      { shape: 'bad %', make: (k) => `v=spf1 a:${'%%%-'.repeat(k)} -all` },
    ],
  }),
  target<[string, number]>({
    name: 'splitHeaderFields',
    arbitrary: (s) =>
      fc.tuple(fuzzText(s.headerBlocks), fc.oneof(fc.constant(2 * 1024 * 1024), fc.nat({ max: 4096 }))),
    run: ([x, max]) => {
      const block = splitHeaderFields(x, { maxBytes: max });
      const errs = S.problems(S.headerBlock, block);
      if (block.truncated !== x.length > max)
        errs.push(`$.truncated: ${block.truncated} for ${x.length} > ${max}`);
      if (block.size > max) errs.push(`$.size ${block.size} exceeds maxBytes ${max}`);
      return errs;
    },
    size: ([x]) => x.length,
    show: ([x, max]) => JSON.stringify({ text: x, maxBytes: max }),
    grow: [
      { shape: 'fields', make: (k) => [`${MESSAGE_HEAD.join('\n')}\n`.repeat(k), 2 ** 30] },
      { shape: 'continuation lines', make: (k) => [`Subject: a\n${' b\n'.repeat(k * 8)}`, 2 ** 30] },
      { shape: 'junk lines', make: (k) => [`${'junk line without colon\n'.repeat(k)}`, 2 ** 30] },
      { shape: 'lone CR', make: (k) => [`${'X-A: b\r'.repeat(k * 4)}`, 2 ** 30] },
    ],
  }),
  target<string>({
    name: 'headerEnd',
    arbitrary: (s) => fuzzText(s.messages),
    run: (x) => {
      const r = headerEnd(x);
      return 0 <= r.headerLength && r.headerLength <= r.bodyStart && r.bodyStart <= x.length
        ? []
        : [`$: headerLength ${r.headerLength}, bodyStart ${r.bodyStart}, length ${x.length}`];
    },
    size: textSize,
    show: showText,
    grow: [{ shape: 'lines', make: (k) => 'X-A: b\n'.repeat(k * 4) }],
  }),
  target<string>({
    name: 'decodeEncodedWords',
    arbitrary: (s) => fuzzText(s.encoded),
    run: (x) => S.problems(S.str, decodeEncodedWords(x)),
    size: textSize,
    show: showText,
    grow: [
      { shape: 'words', make: (k) => '=?UTF-8?B?5pel5pys6Kqe?= '.repeat(k) },
      { shape: 'Q words', make: (k) => '=?iso-8859-1?Q?caf=E9_?= '.repeat(k) },
      { shape: 'unclosed', make: (k) => `=?UTF-8?B?${'QUJD'.repeat(k)}` },
    ],
  }),
  target<Uint8Array>({
    name: 'bytesToText',
    arbitrary: (s) => fuzzBytes(s.messageBytes, s.encoded),
    run: (x) =>
      S.problems(
        S.obj({
          text: S.str,
          encoding: S.lit('utf-8', 'iso-2022-jp', 'shift_jis', 'euc-jp', 'windows-1252'),
        }),
        bytesToText(x),
      ),
    size: (x) => x.length,
    show: showBytes,
    grow: [
      { shape: 'ascii', make: (k) => enc.encode('Subject: hello\n'.repeat(k)) },
      { shape: 'invalid utf-8', make: (k) => new Uint8Array(k * 8).fill(0xff) },
    ],
  }),
  target<string>({
    name: 'parseMailboxes',
    arbitrary: (s) => fuzzText(s.addresses),
    run: (x) => S.problems(S.mailboxes, parseMailboxes(x)),
    size: textSize,
    show: showText,
    grow: [
      { shape: 'addresses', make: (k) => '"A, B" <a@b.example>, '.repeat(k) },
      { shape: 'comments', make: (k) => `a@b.example ${'('.repeat(k)}` },
      { shape: 'quotes', make: (k) => `"${'\\"'.repeat(k)} <a@b.example>` },
    ],
  }),
  target<string>({
    name: 'detectInput',
    arbitrary: (s) =>
      fuzzText([
        ...s.gmailPages,
        ...s.gmailPages.map(
          (p) =>
            `<!doctype html><html><body><table><tr><td>SPF:</td><td>PASS</td></tr></table><pre>${p}</pre>`,
        ),
        ...s.messages.slice(0, 20),
      ]),
    run: (x) => {
      const d = detectInput(x);
      const errs = S.problems(S.detected, d);
      if (!d.html && !x.endsWith(d.message)) errs.push('$.message is not the tail of the input');
      return errs;
    },
    size: textSize,
    show: showText,
    grow: [
      { shape: 'lines', make: (k) => `SPF: PASS\n${'x\n'.repeat(k * 4)}` },
      { shape: 'html', make: (k) => `<html><body>${'<td>a</td><td>b</td>'.repeat(k)}<pre>Received: x</pre>` },
      { shape: 'html unclosed', make: (k) => `<html><body>${'<pre><td'.repeat(k)}` },
      // The long run's hang (test/fuzz/found/hang-detectInput-7875299.json): <pre> never closed.
      { shape: '<pre</table> never closed', make: (k) => `<html><body>${'<pre</table>'.repeat(k * 4)}` },
    ],
  }),
  target<string>({
    name: 'readGmailBounce',
    arbitrary: (s) => fuzzText(s.bodies),
    run: (x) => S.problems(S.gmailBounce, readGmailBounce(x)),
    size: textSize,
    show: showText,
    grow: [
      { shape: 'reply lines', make: (k) => '550-5.7.26 text text\n'.repeat(k) },
      { shape: 'codes', make: (k) => '550 5.7.26 '.repeat(k) },
    ],
  }),
  target<string>({
    name: 'readPort25Report',
    arbitrary: (s) => fuzzText(s.bodies),
    run: (x) => S.problems(S.port25, readPort25Report(x)),
    size: textSize,
    show: showText,
    grow: [
      {
        shape: 'details',
        make: (k) => `Summary of Results\nSPF check: pass\n${'ID(s) verified: a\n'.repeat(k)}`,
      },
    ],
  }),
  target<Uint8Array>({
    name: 'splitMbox',
    arbitrary: (s) => fuzzBytes(s.mboxes, []),
    run: (x) => {
      const msgs = splitMbox(x);
      const errs = S.problems(
        S.arr(
          S.obj({
            offset: S.int,
            fromLine: S.nullable(S.str),
            bytes: S.where((b: unknown) => b instanceof Uint8Array, 'bytes is not a Uint8Array'),
          }),
        ),
        msgs,
      );
      for (let i = 1; i < msgs.length; i++)
        if ((msgs[i]?.offset ?? 0) <= (msgs[i - 1]?.offset ?? 0))
          errs.push(`$[${i}].offset does not increase`);
      return errs;
    },
    size: (x) => x.length,
    show: showBytes,
    grow: [
      {
        shape: 'messages',
        make: (k) =>
          enc.encode(`From a@b Mon Jan  1 00:00:00 2024\n${MESSAGE_HEAD.join('\n')}\n\nbody\n`.repeat(k)),
      },
      {
        shape: 'body From lines',
        make: (k) =>
          enc.encode(`From a@b Mon Jan  1 00:00:00 2024\nX: y\n\n${'From the desk\n'.repeat(k * 4)}`),
      },
    ],
  }),
  target<[Uint8Array, number[]]>({
    name: 'MailSplitter windows',
    arbitrary: (s) =>
      fc.tuple(
        fuzzBytes(s.mboxes, []),
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 8 }),
      ),
    run: ([x, cuts]) => {
      // Nothing lost: pushed in windows of any size, the splitter finds the same messages as in one go.
      const whole = splitHeaders(x, [x.length]);
      const windowed = splitHeaders(x, cuts);
      return whole === windowed
        ? []
        : [`windows ${JSON.stringify(cuts)} give ${windowed}, one push gives ${whole}`];
    },
    size: ([x]) => x.length,
    show: ([x, cuts]) => JSON.stringify({ bytes: showBytes(x), cuts }),
    grow: [],
  }),
  target<[string, 'en' | 'ja']>({
    name: 'analyzeMessage(text)',
    arbitrary: (s) => fc.tuple(fuzzText(s.messages), fc.constantFrom('en' as const, 'ja' as const)),
    run: ([x, lang]) => S.problems(S.report, analyzeMessage(x, { lang })),
    size: ([x]) => x.length,
    show: ([x, lang]) => JSON.stringify({ lang, text: x }),
    grow: messageShapes().map(({ shape, make }) => ({
      shape,
      make: (k: number) => [make(k), 'en'] as [string, 'en'],
    })),
  }),
  target<Uint8Array>({
    name: 'analyzeMessage(bytes)',
    arbitrary: (s) => fuzzBytes(s.messageBytes, s.messages),
    run: (x) => S.problems(S.report, analyzeMessage(x)),
    size: (x) => x.length,
    show: showBytes,
    grow: messageShapes().map(({ shape, make }) => ({ shape, make: (k: number) => enc.encode(make(k)) })),
  }),
];

/** Feeds the splitter windows of the given sizes (cycled); returns the messages found, as text. */
function splitHeaders(bytes: Uint8Array, sizes: readonly number[]): string {
  const found: string[] = [];
  const splitter = new MailSplitter({
    format: 'mbox',
    maxHeaderBytes: 64 * 1024,
    onMessage: (m) =>
      found.push(
        `${m.index}@${m.offset}:${m.headerComplete}:${m.headerTruncated}:${Buffer.from(m.header).toString('hex')}`,
      ),
  });
  let base = 0;
  let carry: Uint8Array = new Uint8Array(0);
  let next = 0;
  let turn = 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const size = sizes[turn++ % sizes.length] ?? 1;
    const end = Math.min(bytes.length, next + size);
    const win = new Uint8Array(carry.length + (end - next));
    win.set(carry, 0);
    win.set(bytes.subarray(next, end), carry.length);
    next = end;
    const final = next >= bytes.length;
    const used = splitter.push(win, base, final);
    base += used;
    carry = win.slice(used);
    if (final || splitter.finished) break;
  }
  return `${found.length} messages ${found.join('|')}`;
}

/** Messages that grow with k: the worst cases the resource limits are about. */
export function messageShapes(): { shape: string; make: (k: number) => string }[] {
  const head = MESSAGE_HEAD.join('\n');
  return [
    {
      shape: 'header fields',
      make: (k) => `${head}\n${'X-Filler: some value here\n'.repeat(k * 4)}\nbody\n`,
    },
    { shape: 'Received fields', make: (k) => `${`Received: ${RECEIVED}\n`.repeat(k)}${head}\n\nbody\n` },
    {
      shape: 'Authentication-Results fields',
      make: (k) =>
        `${MESSAGE_HEAD.slice(0, 2).join('\n')}\n${`Authentication-Results: ${AUTHRES}\n`.repeat(k)}${head}\n\nbody\n`,
    },
    {
      shape: 'results in one Authentication-Results',
      make: (k) =>
        `${MESSAGE_HEAD.slice(0, 2).join('\n')}\nAuthentication-Results: mx.google.com;${' dkim=pass header.d=example.com;'.repeat(k)}\n${head}\n\nbody\n`,
    },
    { shape: 'continuation lines', make: (k) => `${head}\nSubject: x\n${' folded\n'.repeat(k * 4)}\nbody\n` },
    {
      shape: 'one long Received',
      make: (k) => `Received: ${RECEIVED} ${'(comment) '.repeat(k)}\n${head}\n\nbody\n`,
    },
    { shape: 'From addresses', make: (k) => `${head}\nFrom: ${'a <a@example.com>, '.repeat(k)}\n\nbody\n` },
    {
      shape: 'bounce body',
      make: (k) =>
        `From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n\n${'550-5.7.26 text text\n'.repeat(k)}`,
    },
  ];
}
