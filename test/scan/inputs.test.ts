// Every input kind through the library's scan() (analysis in this thread: jobs 0), on data the test
// builds. Each test checks messages in = reports + errors, and positions.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, deflateRawSync, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { scanCatalogs } from '../../src/explain/scan.js';
import { failsOn } from '../../src/scan/aggregate.js';
import type { ByteSink, MessageRecord, ScanOptions, ScanResult } from '../../src/scan/index.js';
import { scan, UnreadableInput } from '../../src/scan/index.js';
import { renderSummaryText } from '../../src/scan/render.js';
import { renderSummaryHtml } from '../../src/scan/render-html.js';
import { sniff, unsafeEntryName } from '../../src/scan/sources.js';
import { corpusPath } from '../corpus.js';
import type { TruthLine } from './helpers.js';
import { generate, mbox, message, tempDir, zip } from './helpers.js';

interface Line {
  source: { path: string; entry?: string; offset?: number; index: number };
  error?: string;
  truncated?: boolean;
  report?: {
    verdicts: {
      spf: { result: string } | null;
      dkim: { result: string }[];
      dmarc: { result: string } | null;
      arc: { result: string | null };
    };
    message: { messageId: string | null };
    findings?: { code: string; args: Record<string, unknown> }[];
  };
}

class Collect implements ByteSink {
  private readonly parts: Buffer[] = [];
  write(bytes: Uint8Array): void {
    this.parts.push(Buffer.from(bytes));
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
  lines(): Line[] {
    return this.text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  }
}

async function run(
  paths: string[],
  options: ScanOptions = {},
): Promise<{ result: ScanResult; lines: Line[]; csv: string }> {
  const jsonl = new Collect();
  const csv = new Collect();
  const result = await scan(paths, { jobs: 0, jsonl, csv, ...options });
  const s = result.summary;
  // Nothing lost, on every input.
  expect(s.read).toBe(s.reported + s.errored);
  const lines = jsonl.lines();
  if (!options.domain) expect(lines).toHaveLength(s.read);
  return { result, lines, csv: csv.text() };
}

function verdicts(l: Line): Pick<TruthLine, 'spf' | 'dkim' | 'dmarc' | 'arc'> {
  const v = l.report?.verdicts;
  return {
    spf: v?.spf?.result ?? null,
    dkim: v?.dkim[0]?.result ?? null,
    dmarc: v?.dmarc?.result ?? null,
    arc: v?.arc.result ?? null,
  };
}

function expectTruth(lines: Line[], truth: TruthLine[], byOffset = true): void {
  expect(lines).toHaveLength(truth.length);
  truth.forEach((t, i) => {
    const l = lines[i] as Line;
    if (byOffset) expect(l.source.offset).toBe(t.offset);
    expect(l.report?.message.messageId).toBe(t.message_id);
    expect(verdicts(l), `message ${i}`).toEqual({ spf: t.spf, dkim: t.dkim, dmarc: t.dmarc, arc: t.arc });
  });
}

function softfailRecord(): MessageRecord {
  return {
    src: { path: 'x', index: 1 },
    error: null,
    truncated: false,
    matched: true,
    messageId: null,
    date: null,
    time: null,
    fromDomain: 'example.com',
    envelopeDomain: 'example.com',
    host: null,
    ip: null,
    provider: null,
    spf: 'softfail',
    dkim: 'pass',
    dmarc: 'pass',
    arc: null,
    gmailUnauthenticated: false,
    authenticated: true,
    problems: ['spf-not-designated'],
    titles: ['SPF softfail'],
    fixes: [],
  };
}

describe('scan: every input kind, nothing lost', () => {
  const dir = tempDir();
  const genMbox = join(dir, 'takeout.mbox');
  const truth = generate(
    ['--messages', '40', '--seed', '3', '--out', genMbox],
    join(dir, 'takeout.truth.jsonl'),
  );

  it('a Takeout-like mbox: one report per message at its byte offset, verdicts as the generator wrote them', async () => {
    const { result, lines, csv } = await run([genMbox]);
    expect(result.summary.read).toBe(40);
    expect(result.summary.errored).toBe(0);
    expectTruth(lines, truth);
    expect(lines[0]?.source.path).toBe(genMbox);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(41);
    expect(csv.startsWith('path,entry,offset,index,message_id,')).toBe(true);
    const bytes = readFileSync(genMbox).length;
    expect(result.summary.bytes).toBe(bytes);
  });

  it('a CRLF mbox gives the same verdicts at the CRLF offsets', async () => {
    const file = join(dir, 'crlf.mbox');
    const t = generate(
      ['--messages', '12', '--seed', '3', '--eol', 'crlf', '--out', file],
      join(dir, 'crlf.jsonl'),
    );
    const { lines } = await run([file]);
    expectTruth(lines, t);
  });

  it('a gzip’d mbox: offsets are in the uncompressed stream', async () => {
    const file = join(dir, 'takeout.mbox.gz');
    writeFileSync(file, gzipSync(readFileSync(genMbox)));
    const { result, lines } = await run([file]);
    expect(result.summary.read).toBe(40);
    expectTruth(lines, truth);
  });

  it('a maildir: cur/ and new/ read, tmp/ left alone, the path of each file as its position', async () => {
    const md = join(dir, 'Maildir');
    const t = generate(
      ['--messages', '9', '--seed', '3', '--format', 'maildir', '--out', md],
      join(dir, 'md.jsonl'),
    );
    writeFileSync(join(md, 'new', '1700000000.M1P1.host'), message(77));
    writeFileSync(join(md, 'tmp', '1700000000.M2P1.host'), message(78));
    writeFileSync(join(md, 'dovecot-uidlist'), '3 V1700000000 N10\n');
    const { result, lines } = await run([md]);
    expect(result.summary.read).toBe(10);
    expect(result.summary.skipped.map((s) => s.path)).toEqual([join(md, 'dovecot-uidlist')]);
    const paths = lines.map((l) => l.source.path);
    expect(paths.some((p) => p.includes(`${join('Maildir', 'new')}`))).toBe(true);
    expect(paths.some((p) => p.startsWith(join(md, 'tmp')))).toBe(false);
    expect(lines.every((l) => l.source.offset === undefined && l.source.index === 1)).toBe(true);
    const ids = new Set(lines.map((l) => l.report?.message.messageId));
    for (const x of t) expect(ids.has(x.message_id)).toBe(true);
    // Each report is its own file's (the files are read one after another into one buffer).
    for (const l of lines)
      expect(readFileSync(l.source.path, 'utf8')).toContain(`${l.report?.message.messageId}`);
  });

  it('a header block over the 1 MB cut: read up to there and reported (header-truncated), the next message whole', async () => {
    const file = join(dir, 'big-header.mbox');
    const big = `${message(1).replace(/^Subject:/m, `X-Big: ${'a'.repeat(1200 * 1024)}\nSubject:`)}`;
    writeFileSync(
      file,
      `From x@example.com Mon Jan  1 00:00:00 2024\n${big}\nFrom x@example.com Mon Jan  1 00:00:01 2024\n${message(2)}\n`,
    );
    const { result, lines } = await run([file]);
    expect(result.summary.read).toBe(2);
    const codes = lines.map((l) => (l.report?.findings ?? []).map((f) => f.code));
    expect(codes[0]).toContain('header-truncated');
    expect(lines[0]?.report?.findings?.find((f) => f.code === 'header-truncated')?.args).toEqual({
      limitBytes: 1024 * 1024,
    });
    expect(codes[1]).not.toContain('header-truncated');
    expect(lines[1]?.report?.message.messageId).toContain('2');
  });

  it('links in a folder are followed (mairix, notmuch), each real folder once; loops, broken links and pipes are listed as skipped', async () => {
    const root = join(dir, 'links');
    const real = join(root, 'real');
    mkdirSync(real, { recursive: true });
    writeFileSync(join(real, 'a.eml'), message(11));
    writeFileSync(join(real, 'b.eml'), message(12));
    const results = join(root, 'search');
    mkdirSync(results);
    symlinkSync(join(real, 'b.eml'), join(results, 'hit.eml'));
    symlinkSync(join(root, 'nowhere.eml'), join(results, 'broken.eml'));
    symlinkSync(root, join(real, 'up')); // a link back up the tree
    execFileSync('mkfifo', [join(results, 'pipe')]);
    const { result, lines } = await run([root]);
    expect(lines.map((l) => l.source.path)).toEqual([
      join(real, 'a.eml'),
      join(real, 'b.eml'),
      join(results, 'hit.eml'),
    ]);
    expect(result.summary.read).toBe(3);
    expect(result.summary.skipped).toEqual([
      { path: join(real, 'up'), reason: 'a link to a folder already read (a loop)' },
      { path: join(results, 'broken.eml'), reason: 'broken symbolic link' },
      { path: join(results, 'pipe'), reason: 'not a file (a socket, a pipe or a device)' },
    ]);
  });

  it('a folder tree of .eml files, photos and JSON skipped, an Apple Mail .mbox bundle and a Thunderbird file inside', async () => {
    const root = join(dir, 'export');
    const emls = join(root, 'saved');
    const t = generate(
      ['--messages', '5', '--seed', '4', '--format', 'eml-dir', '--out', emls],
      join(dir, 'eml.jsonl'),
    );
    writeFileSync(join(root, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]));
    writeFileSync(join(root, 'notes.json'), '{"a": 1}\n');
    const apple = join(root, 'Inbox.mbox');
    mkdirSync(apple);
    writeFileSync(join(apple, 'mbox'), mbox(3).bytes);
    writeFileSync(join(apple, 'Info.plist'), '<?xml version="1.0"?><plist/>');
    const tb = join(root, 'Thunderbird');
    mkdirSync(tb);
    const tbMbox = `From - Mon Jan  1 00:00:00 2024\n${message(1)}\nFrom - Tue Jan  2 00:00:00 2024\n${message(2, 'softfail')}\n`;
    writeFileSync(join(tb, 'Inbox'), tbMbox);
    writeFileSync(join(tb, 'Inbox.msf'), '// <!-- <mdb:mork:z v="1.4"/> -->\n');
    const { result, lines } = await run([root]);
    expect(result.summary.read).toBe(5 + 3 + 2);
    expect(result.summary.skipped.map((s) => s.path).sort()).toEqual(
      [
        join(apple, 'Info.plist'),
        join(root, 'notes.json'),
        join(root, 'photo.jpg'),
        join(tb, 'Inbox.msf'),
      ].sort(),
    );
    const fromEml = lines.filter((l) => l.source.path.endsWith('.eml'));
    expect(fromEml).toHaveLength(5);
    expectTruth(fromEml, t, false);
    const tbLines = lines.filter((l) => l.source.path === join(tb, 'Inbox'));
    expect(tbLines.map((l) => l.source.offset)).toEqual([0, tbMbox.indexOf('From - Tue')]);
    expect(result.summary.totals.spf['softfail']).toBeGreaterThanOrEqual(1);
    expect(tbLines[1]?.report?.verdicts.spf?.result).toBe('softfail');
  });

  it('a zip (stored and deflated entries): names as positions, a path-traversal entry refused and reported', async () => {
    const file = join(dir, 'takeout-001.zip');
    const m = mbox(4);
    writeFileSync(
      file,
      zip([
        {
          name: 'Takeout/Mail/All mail Including Spam and Trash.mbox',
          data: readFileSync(genMbox),
          method: 'deflate',
        },
        { name: 'Takeout/Mail/one.eml', data: Buffer.from(message(1, 'softfail')) },
        { name: '../evil.mbox', data: m.bytes, method: 'deflate' },
        { name: '/etc/passwd.eml', data: Buffer.from(message(2)) },
        {
          name: 'Takeout/archive_browser.html',
          data: Buffer.from('<!DOCTYPE html><html></html>'),
          method: 'deflate',
        },
        { name: 'Takeout/Mail/', data: Buffer.alloc(0) },
      ]),
    );
    const { result, lines } = await run([file]);
    const s = result.summary;
    expect(s.read).toBe(40 + 1 + 2);
    expect(s.errored).toBe(2);
    expect(s.errors.map((e) => [e.source.entry, e.error])).toEqual([
      ['../evil.mbox', 'archive entry refused: path traversal (..)'],
      ['/etc/passwd.eml', 'archive entry refused: absolute path'],
    ]);
    const inMbox = lines.filter(
      (l) => l.source.entry === 'Takeout/Mail/All mail Including Spam and Trash.mbox',
    );
    expectTruth(inMbox, truth);
    expect(inMbox[0]?.source.path).toBe(file);
    expect(s.skipped.map((x) => x.path)).toEqual([`${file}!Takeout/archive_browser.html`]);
    expect(lines.find((l) => l.source.entry === 'Takeout/Mail/one.eml')?.report?.verdicts.spf?.result).toBe(
      'softfail',
    );
  });

  it('Takeout in several zip parts, and single messages inside a zip and a gzip read without their bodies', async () => {
    const m = mbox(6);
    const part1 = join(dir, 'takeout-20240101T000000Z-001.zip');
    const part2 = join(dir, 'takeout-20240101T000000Z-002.zip');
    const bigBody = Buffer.concat([Buffer.from(message(8)), Buffer.alloc(6 * 1024 * 1024, 0x41)]);
    writeFileSync(part1, zip([{ name: 'Takeout/Mail/Inbox.mbox', data: m.bytes, method: 'deflate' }]));
    writeFileSync(part2, zip([{ name: 'Takeout/Mail/big.eml', data: bigBody, method: 'deflate' }]));
    const gz = join(dir, 'big.eml.gz');
    writeFileSync(gz, gzipSync(bigBody));
    const { result, lines } = await run([part1, part2, gz]);
    expect(result.summary.read).toBe(8);
    expect(result.summary.errored).toBe(0);
    expect(lines.slice(0, 6).map((l) => l.source.offset)).toEqual(m.offsets);
    expect(lines[6]?.source).toEqual({ path: part2, entry: 'Takeout/Mail/big.eml', index: 1 });
    expect(lines[7]?.source).toEqual({ path: gz, index: 1 });
    expect(lines[7]?.report?.message.messageId).toBe('<m8@example.com>');
    // An entry counts whole in the bytes read (its compressed size), as the progress bar's total
    // does, though only its header was inflated: here a body of 3 MB that does not compress.
    const noisy = Buffer.concat([Buffer.from(message(9)), randomBytes(3 * 1024 * 1024)]);
    const part3 = join(dir, 'takeout-20240101T000000Z-003.zip');
    writeFileSync(part3, zip([{ name: 'Takeout/Mail/noisy.eml', data: noisy, method: 'deflate' }]));
    const third = await run([part3]);
    expect(third.result.summary.read).toBe(1);
    expect(third.result.summary.bytes).toBe(deflateRawSync(noisy).length);
  });

  it('zip bomb guard: an entry expanding past the ratio cap is refused; a lying size is caught; the rest is read', async () => {
    const file = join(dir, 'bomb.zip');
    writeFileSync(
      file,
      zip([
        { name: 'zeros.mbox', data: Buffer.alloc(40 * 1024 * 1024), method: 'deflate' },
        {
          name: 'liar.mbox',
          data: Buffer.concat([mbox(2).bytes, Buffer.alloc(300_000, 0x61)]),
          method: 'deflate',
          declaredSize: 1000,
        },
        { name: 'ok.eml', data: Buffer.from(message(3)) },
      ]),
    );
    const { result } = await run([file]);
    const s = result.summary;
    expect(s.errors[0]?.source.entry).toBe('zeros.mbox');
    expect(s.errors[0]?.error).toMatch(/possible zip bomb/);
    expect(s.errors.some((e) => e.source.entry === 'liar.mbox')).toBe(true);
    expect(s.reported).toBeGreaterThanOrEqual(1);
    expect(s.read).toBe(s.reported + s.errored);
  });

  it('a .tgz of many saved messages with large bodies: every entry read (each body drained for the next)', async () => {
    // 80 entries, more than a batch, each with a body bigger than a read: once a message's header
    // is known the rest of its entry must still be read, or the archive stops there (it did: the
    // scan hung on worker threads, and ended silently with status 0 on one thread).
    const pack = tar.pack();
    const body = `${'x'.repeat(76)}\n`.repeat(3000);
    for (let n = 1; n <= 80; n++) pack.entry({ name: `saved/${n}.eml` }, Buffer.from(message(n) + body));
    pack.finalize();
    const tgz = join(dir, 'saved.tgz');
    await pipeline(
      pack as unknown as Readable,
      createGzip(),
      (await import('node:fs')).createWriteStream(tgz),
    );
    const { result, lines } = await run([tgz]);
    expect(result.summary.read).toBe(80);
    expect(result.summary.errored).toBe(0);
    expect(lines.map((l) => l.source.entry)).toEqual(
      Array.from({ length: 80 }, (_, i) => `saved/${i + 1}.eml`),
    );
  });

  it('a .tgz with an mbox, an .eml and a traversal entry; a plain .tar too', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'Takeout/Mail/inbox.mbox' }, readFileSync(genMbox));
    pack.entry({ name: 'Takeout/Mail/saved/one.eml' }, Buffer.from(message(5, 'fail')));
    pack.entry({ name: '../../outside.eml' }, Buffer.from(message(6)));
    pack.entry({ name: 'Takeout/Mail', type: 'directory' });
    pack.entry({ name: 'Takeout/Mail/latest.eml', type: 'symlink', linkname: 'saved/one.eml' });
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
    const tarBytes = Buffer.concat(chunks);
    const tgz = join(dir, 'takeout.tgz');
    await pipeline(Readable.from([tarBytes]), createGzip(), (await import('node:fs')).createWriteStream(tgz));
    const plain = join(dir, 'takeout.tar');
    writeFileSync(plain, tarBytes);
    for (const file of [tgz, plain]) {
      const { result, lines } = await run([file]);
      expect(result.summary.read).toBe(40 + 1 + 1);
      expect(result.summary.errors.map((e) => [e.source.entry, e.error])).toEqual([
        ['../../outside.eml', 'archive entry refused: path traversal (..)'],
      ]);
      // The link is listed, not followed (its target is read once, as itself); the folder is not listed.
      expect(result.summary.skipped).toEqual([
        { path: `${file}!Takeout/Mail/latest.eml`, reason: 'a link inside an archive (not followed)' },
      ]);
      expectTruth(
        lines.filter((l) => l.source.entry === 'Takeout/Mail/inbox.mbox'),
        truth,
      );
      expect(
        lines.find((l) => l.source.entry === 'Takeout/Mail/saved/one.eml')?.report?.verdicts.spf?.result,
      ).toBe('fail');
    }
  });

  it('an empty mbox, a message without header block, a truncated last message', async () => {
    const empty = join(dir, 'empty.mbox');
    writeFileSync(empty, '');
    const e = await run([empty]);
    expect(e.result.summary.read).toBe(0);
    expect(renderSummaryText(e.result.summary, { lang: 'en', top: 5 })).toContain('No messages found.');

    const broken = join(dir, 'broken.mbox');
    const { bytes } = mbox(2);
    const text = Buffer.concat([
      Buffer.from('From 1@xxx Mon Jan 01 00:00:00 +0000 2024\n\njust a body, no header\n\n'),
      Buffer.from('From 2@xxx Mon Jan 01 00:00:00 +0000 2024\nthis is not a header either\n\n'),
      bytes,
      Buffer.from(`From 9@xxx Mon Jan 01 00:00:00 +0000 2024\n${message(9).slice(0, 420)}`),
    ]);
    writeFileSync(broken, text);
    const { result, lines } = await run([broken]);
    const s = result.summary;
    expect(s.read).toBe(5);
    expect(s.errored).toBe(2);
    expect(s.errors.map((x) => x.source.offset)).toEqual([0, text.indexOf('From 2@xxx')]);
    expect(s.errors[0]?.error).toMatch(/no header block/);
    expect(s.errors[1]?.error).toMatch(/no header fields/);
    expect(s.truncated).toBe(1);
    const last = lines[4];
    expect(last?.truncated).toBe(true);
    expect(last?.source.offset).toBe(text.indexOf('From 9@xxx'));
  });

  it('the shared corpus mboxes: every message a report or an error, as many as From_ lines', async () => {
    const files = [
      'mbox/assembled-real-auth.mbox',
      'mbox/spamassassin-nice.mbox',
      'mbox/perceval/mbox_no_fields.mbox',
      'mbox/perceval/pipermail_2015_november.mbox',
    ];
    const expected = [12, 3, 6, 4];
    const { result } = await run(files.map((f) => corpusPath(f)));
    expect(result.summary.read).toBe(expected.reduce((a, b) => a + b, 0));
    const one = await run([corpusPath('mbox/assembled-real-auth.mbox')]);
    expect(one.result.summary.reported).toBe(12);
    expect(one.result.summary.totals.spf['pass']).toBeGreaterThan(0);
  });

  it('--domain matches an internationalised domain in either form (U-labels or xn-- A-labels)', async () => {
    const file = join(dir, 'idn.mbox');
    const from = 'From 1@xxx Mon Jan 01 00:00:00 +0000 2024';
    // bücher.example is xn--bcher-kva.example (RFC 3492's algorithm, as every browser maps it).
    const parts = [
      `${from}\n${message(1, 'pass', 'bücher.example')}\n`,
      `${from}\n${message(2, 'pass', 'mail.xn--bcher-kva.example')}\n`,
      `${from}\n${message(3, 'pass', 'bucher.example')}\n`,
    ];
    writeFileSync(file, parts.join(''));
    for (const domain of ['Bücher.example', 'XN--BCHER-KVA.example.', '@bücher.example']) {
      const { result } = await run([file], { domain });
      expect(result.summary.domain, domain).toBe('xn--bcher-kva.example');
      expect(result.summary.matched, domain).toBe(2);
    }
    expect((await run([file], { domain: 'bucher.example' })).result.summary.matched).toBe(1);
  });

  it('counts an internationalised From domain as one group, named in U-labels, whichever form the mail wrote', async () => {
    const file = join(dir, 'idn-groups.mbox');
    const from = 'From 1@xxx Mon Jan 01 00:00:00 +0000 2024';
    // 日本語.jp is xn--wgv71a119e.jp (RFC 3492); xn--zz is not Punycode and keeps its spelling.
    const domains = [
      'bücher.example',
      'xn--bcher-kva.example',
      'XN--BCHER-KVA.EXAMPLE',
      'xn--wgv71a119e.jp',
      '日本語.jp',
      'xn--zz.example',
    ];
    writeFileSync(file, domains.map((d, i) => `${from}\n${message(i + 1, 'pass', d)}\n`).join(''));
    const { result } = await run([file]);
    const groups = Object.fromEntries(result.summary.byFromDomain.map((g) => [g.key, g.messages]));
    expect(groups).toEqual({ 'bücher.example': 3, '日本語.jp': 2, 'xn--zz.example': 1 });
  });

  it('counts the Gmail "?" only where the report says it: not for mail no receiver stamped, nor for mail Microsoft received', async () => {
    const file = join(dir, 'question-marks.mbox');
    const from = 'From 1@xxx Mon Jan 01 00:00:00 +0000 2024';
    // A local copy nothing stamped: no verdict, so nothing says what Gmail would show.
    const unstamped =
      'From: a@old.example\nTo: b@old.example\nSubject: notes\nDate: Mon, 01 Jan 2024 08:00:00 +0000\n\nBody.\n';
    // Exchange Online's stamps (no authserv-id, as Microsoft writes them): SPF failed, but not at Gmail.
    const microsoft = [
      'Received: from mail.shop.example (192.0.2.9) by AM0PR04MB5678.eurprd04.prod.outlook.com with HTTPS; Mon, 1 Jan 2024 10:00:01 +0000',
      'Authentication-Results: spf=fail (sender IP is 192.0.2.9) smtp.mailfrom=shop.example; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=shop.example;compauth=fail reason=000',
      'From: a@shop.example',
      'Subject: invoice',
      'Date: Mon, 01 Jan 2024 10:00:00 +0000',
      '',
      'Body.',
      '',
    ].join('\n');
    writeFileSync(
      file,
      [`${from}\n${unstamped}`, `${from}\n${microsoft}`, `${from}\n${message(3, 'softfail')}`].join('\n'),
    );
    const { result, csv } = await run([file]);
    expect(result.summary.read).toBe(3);
    expect(result.summary.totals.gmailUnauthenticated).toBe(1);
    const rows = csv.trim().split('\r\n').slice(1);
    // Counted from the end: Message-ID and Date cells before it may hold quoted commas.
    const header = csv.split('\r\n')[0]?.split(',') ?? [];
    const fromEnd = header.indexOf('gmail_question_mark') - header.length;
    expect(rows.map((r) => r.split(',').at(fromEnd))).toEqual(['false', 'false', 'true']);
    // The local copy fails nothing (no verdict), the other two do (SPF fail, SPF softfail).
    expect(result.failures).toBe(2);
  });

  it('--domain keeps the mail from or for the domain and its subdomains; --fail-on levels', async () => {
    const file = join(dir, 'domains.mbox');
    const parts = [
      `${'From 1@xxx Mon Jan 01 00:00:00 +0000 2024'}\n${message(1, 'softfail', 'mydomain.com')}\n`,
      `${'From 2@xxx Mon Jan 01 00:00:00 +0000 2024'}\n${message(2, 'pass', 'news.mydomain.com')}\n`,
      `${'From 3@xxx Mon Jan 01 00:00:00 +0000 2024'}\n${message(3, 'fail', 'other.org')}\n`,
      `${'From 4@xxx Mon Jan 01 00:00:00 +0000 2024'}\n${message(4, 'pass', 'notmydomain.com')}\n`,
    ];
    writeFileSync(file, parts.join(''));
    const { result, lines } = await run([file], { domain: 'MyDomain.com' });
    expect(result.summary.read).toBe(4);
    expect(result.summary.matched).toBe(2);
    expect(lines).toHaveLength(2);
    expect(result.summary.byFromDomain.map((g) => g.key).sort()).toEqual([
      'mydomain.com',
      'news.mydomain.com',
    ]);
    // Nothing inside the filter: one line says so instead of empty tables, in text and in HTML.
    const none = (await run([file], { domain: 'nomatch.example' })).result.summary;
    expect(none.matched).toBe(0);
    for (const lang of ['en', 'ja'] as const) {
      const text = renderSummaryText(none, { lang, top: 3 });
      expect(text).toContain(scanCatalogs[lang].labels.noneMatched);
      expect(text).not.toContain(scanCatalogs[lang].labels.all);
      const html = renderSummaryHtml(none, { lang });
      expect(html).toContain(`<p>${scanCatalogs[lang].labels.noneMatched}</p>`);
      expect(html).not.toContain('class="totals"');
    }
    const all = await run([file]);
    expect(all.result.summary.totals.spf).toEqual({ pass: 2, fail: 1, softfail: 1 });
    expect((await scan([file], { jobs: 0, failOn: 'fail' })).failures).toBe(1);
    expect((await scan([file], { jobs: 0, failOn: 'none' })).failures).toBe(0);
    expect(all.result.failures).toBeGreaterThanOrEqual(2);
    const soft = all.result.summary.byFromDomain.find((g) => g.key === 'mydomain.com');
    expect(soft?.spf).toEqual({ softfail: 1 });
    expect(soft?.first).toBe('2024-01-01T08:00:01.000Z');
    const record = softfailRecord();
    expect(failsOn(record, 'fail')).toBe(false);
    expect(failsOn(record, 'softfail')).toBe(true);
    expect(failsOn({ ...record, error: 'x' }, 'fail')).toBe(true);
    expect(failsOn({ ...record, error: 'x' }, 'none')).toBe(false);
  });

  it('a summary in Japanese and in English, both complete', async () => {
    const { result } = await run([genMbox]);
    const ja = renderSummaryText(result.summary, { lang: 'ja', top: 3 });
    const en = renderSummaryText(result.summary, { lang: 'en', top: 3 });
    expect(ja).toContain('読み込み 40 通 = 解析 40 通 + エラー 0 通');
    expect(ja).toContain('From ドメイン別');
    expect(ja).toContain('送信サーバー別');
    expect(en).toContain('By From domain');
    expect(en).toContain('By sending host');
    expect(en).toMatch(/40 messages read = 40 reported \+ 0 errors/);
  });

  it('refuses a path that does not exist before reading anything (exit status 2 in the CLI)', async () => {
    await expect(scan([genMbox, join(dir, 'missing.mbox')], { jobs: 0 })).rejects.toBeInstanceOf(
      UnreadableInput,
    );
  });

  it('lists a named input that is not mail or a broken archive, and still scans the others', async () => {
    const notMail = join(dir, 'picture.png');
    writeFileSync(notMail, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // A zip cut inside its first entry header: nothing of it can be read.
    const cut = join(dir, 'takeout-002.zip');
    writeFileSync(cut, zip([{ name: 'Takeout/Mail/a.mbox', data: readFileSync(genMbox) }]).subarray(0, 20));
    const alone = await run([notMail]);
    expect(alone.result.summary.read).toBe(0);
    expect(alone.result.summary.unreadable).toEqual([
      { path: notMail, reason: 'not a mailbox, a message or an archive of them' },
    ]);
    // The noun agrees with the count, in the headline too.
    expect(renderSummaryText(alone.result.summary, { lang: 'en', top: 3 })).toMatch(
      /: 0 messages read = 0 reported \+ 0 errors .*\n1 input could not be read \(not scanned\)\n/,
    );
    const { result } = await run([notMail, genMbox, cut]);
    expect(result.summary.read).toBe(40);
    expect(result.summary.unreadable.map((u) => u.path)).toEqual([notMail, cut]);
    expect(result.summary.unreadable[1]?.reason).toMatch(/^not a readable zip archive: /);
    const text = renderSummaryText(result.summary, { lang: 'en', top: 3 });
    expect(text).toContain(`2 inputs could not be read (not scanned)\n  ${notMail}: not a mailbox`);
    expect(renderSummaryText(result.summary, { lang: 'ja', top: 3 })).toContain(
      '2 件の入力を読めませんでした（未検査）',
    );
  });

  it('a Takeout part cut short (no central directory) is read entry by entry up to the cut', async () => {
    const a = mbox(20);
    const c = mbox(20);
    const photo = Buffer.alloc(3000, 0xff);
    for (const streamed of [undefined, 'plain', 'zip64'] as const) {
      const whole = zip([
        { name: 'Takeout/Mail/a.mbox', data: a.bytes, method: 'deflate', ...(streamed ? { streamed } : {}) },
        { name: 'Takeout/Photos/p.jpg', data: photo },
        {
          name: '../evil.eml',
          data: Buffer.from(message(1)),
          method: 'deflate',
          ...(streamed ? { streamed } : {}),
        },
        { name: 'Takeout/Mail/c.mbox', data: c.bytes, method: 'deflate', ...(streamed ? { streamed } : {}) },
      ]);
      // Cut in the middle of c.mbox's deflated data.
      const cStart = whole.indexOf('Takeout/Mail/c.mbox');
      const file = join(dir, `cut-${streamed ?? 'sized'}.zip`);
      writeFileSync(file, whole.subarray(0, cStart + Math.floor((whole.length - cStart) / 3)));
      const { result, lines } = await run([file]);
      const s = result.summary;
      expect(s.unreadable, streamed).toEqual([]);
      const fromA = lines.filter((l) => l.source.entry === 'Takeout/Mail/a.mbox' && l.report);
      const fromC = lines.filter((l) => l.source.entry === 'Takeout/Mail/c.mbox' && l.report);
      expect(
        fromA.map((l) => l.source.offset),
        streamed,
      ).toEqual(a.offsets);
      // The messages of c before the cut, at their offsets; the one the cut falls in is not made up.
      expect(fromC.length, streamed).toBeGreaterThan(0);
      expect(fromC.length, streamed).toBeLessThan(20);
      expect(fromC.map((l) => l.source.offset)).toEqual(c.offsets.slice(0, fromC.length));
      const errors = lines.filter((l) => l.error !== undefined);
      expect(
        errors.map((l) => [l.source.entry, l.error?.split(':')[0]]),
        streamed,
      ).toEqual([
        ['../evil.eml', 'archive entry refused'],
        ['Takeout/Mail/c.mbox', 'zip archive without its central directory (cut short?)'],
      ]);
      expect(errors[1]?.error).toMatch(
        /: read entry by entry, \d+ bytes; the entry from byte \d+: unexpected end of file$/,
      );
      expect(s.skipped.map((k) => k.path)).toEqual([`${file}!Takeout/Photos/p.jpg`]);

      // Cut just before the central directory: every entry is there, and the record says the rest is missing.
      const cd = whole.lastIndexOf(
        Buffer.from([0x50, 0x4b, 0x01, 0x02]),
        whole.indexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])),
      );
      const first = whole.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      expect(first).toBeLessThanOrEqual(cd);
      const entriesOnly = join(dir, `entries-${streamed ?? 'sized'}.zip`);
      writeFileSync(entriesOnly, whole.subarray(0, first));
      const all = await run([entriesOnly]);
      expect(all.lines.filter((l) => l.report).length, streamed).toBe(40);
      expect(
        all.lines.filter((l) => l.error).map((l) => l.error?.replace(/\d+/g, 'N')),
        streamed,
      ).toEqual([
        'archive entry refused: path traversal (..)',
        'zip archive without its central directory (cut short?): read entry by entry, N bytes; the file ends inside an entry header at byte N',
      ]);
    }
  });

  it('recognises inputs by their bytes and flags unsafe entry names', () => {
    expect(sniff(Buffer.from([0x1f, 0x8b, 8]), 'x')).toBe('gzip');
    expect(sniff(Buffer.from('PK\x03\x04'), 'x')).toBe('zip');
    expect(sniff(Buffer.from('From 1@xxx Mon Jan 01 00:00:00 +0000 2024\n'), 'x')).toBe('mbox');
    expect(sniff(Buffer.from('Return-Path: <a@b>\n'), 'x')).toBe('message');
    expect(sniff(Buffer.from('Foo-Bar: x\n'), 'a.eml')).toBe('message');
    expect(sniff(Buffer.from('Foo-Bar: x\n'), 'a.txt')).toBe('unknown');
    expect(unsafeEntryName('a/../../b')).toMatch(/traversal/);
    expect(unsafeEntryName('C:\\x')).toMatch(/absolute/);
    expect(unsafeEntryName('..\\x')).toMatch(/traversal/);
    expect(unsafeEntryName('Takeout/Mail/a..b.mbox')).toBeNull();
  });
});

describe('scan wording', () => {
  it('the Japanese and English catalogs have the same labels and the same cause lines', async () => {
    const { scanCatalogs } = await import('../../src/explain/scan.js');
    expect(Object.keys(scanCatalogs.ja.labels).sort()).toEqual(Object.keys(scanCatalogs.en.labels).sort());
    expect(Object.keys(scanCatalogs.ja.causes).sort()).toEqual(Object.keys(scanCatalogs.en.causes).sort());
    for (const lang of ['ja', 'en'] as const) {
      for (const v of [
        ...Object.values(scanCatalogs[lang].labels),
        ...Object.values(scanCatalogs[lang].causes),
      ]) {
        expect(v.trim()).not.toBe('');
      }
    }
  });

  it('says what to do about the same causes in both languages, in one line each', async () => {
    const { scanCatalogs } = await import('../../src/explain/scan.js');
    const { FINDING_CODES } = await import('../../src/diagnose/findings.js');
    const needed = (lang: 'ja' | 'en') =>
      FINDING_CODES.filter((code) => scanCatalogs[lang].actions[code] !== null);
    expect(needed('ja')).toEqual(needed('en'));
    // The causes a summary lists most (failures of the sender's setup) each have one.
    for (const code of [
      'spf-not-designated',
      'spf-none',
      'dkim-none',
      'dmarc-fail',
      'dmarc-missing',
      'no-stamps',
    ] as const)
      expect(needed('en')).toContain(code);
    for (const lang of ['ja', 'en'] as const)
      for (const code of needed(lang)) expect(scanCatalogs[lang].actions[code]).toMatch(/^[^\n]{10,200}$/);
  });
});
