import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SplitMessage } from '../../src/scan/split.js';
import { contentLength, isFromLine, MailSplitter, splitMbox, unquoteMboxrd } from '../../src/scan/split.js';
import { corpusPath } from '../corpus.js';
import { fromLine, generate, mbox, message, tempDir } from './helpers.js';

interface Seen {
  offset: number;
  index: number;
  fromLine: string | null;
  header: string;
  complete: boolean;
  truncated: boolean;
}

/** Runs the splitter over `bytes` cut into windows of `chunk` bytes, carrying what it leaves. */
function split(
  bytes: Uint8Array,
  chunk = bytes.length || 1,
  format: 'mbox' | 'single' = 'mbox',
  max?: number,
) {
  const seen: Seen[] = [];
  const problems: { offset: number; bytes: number }[] = [];
  const splitter = new MailSplitter({
    format,
    ...(max !== undefined ? { maxHeaderBytes: max } : {}),
    onMessage: (m: SplitMessage) =>
      seen.push({
        offset: m.offset,
        index: m.index,
        fromLine: m.fromLine,
        header: Buffer.from(m.header).toString('latin1'),
        complete: m.headerComplete,
        truncated: m.headerTruncated,
      }),
    onProblem: (p) => problems.push({ offset: p.offset, bytes: p.bytes }),
  });
  let carry: Uint8Array = new Uint8Array(0);
  let base = 0;
  for (let at = 0; at < bytes.length; at += chunk) {
    const win = Buffer.concat([carry, bytes.subarray(at, at + chunk)]);
    const used = splitter.push(win, base, false);
    base += used;
    carry = win.subarray(used);
  }
  splitter.push(carry, base, true);
  return { seen, problems };
}

describe('MailSplitter: message boundaries without decoding bodies', () => {
  it('counts messages and gives each From_ line offset, however the bytes are cut', () => {
    const { bytes, offsets } = mbox(7);
    const whole = split(bytes);
    expect(whole.seen.map((m) => m.offset)).toEqual(offsets);
    expect(whole.seen.map((m) => m.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(whole.seen[0]?.fromLine).toBe(fromLine(1));
    expect(whole.seen[2]?.header.startsWith('Delivered-To: user@gmail.com\n')).toBe(true);
    expect(whole.seen[2]?.header.endsWith('Message-ID: <m3@example.com>\n\n')).toBe(true);
    for (const chunk of [1, 2, 5, 6, 7, 64, 333]) {
      expect(split(bytes, chunk).seen, `chunk ${chunk}`).toEqual(whole.seen);
    }
  });

  it('reads CRLF mailboxes: same offsets, header blocks end with CRLF CRLF, From_ line without CR', () => {
    const { bytes, offsets } = mbox(4, '\r\n');
    for (const chunk of [bytes.length, 3, 17]) {
      const { seen } = split(bytes, chunk);
      expect(seen.map((m) => m.offset)).toEqual(offsets);
      expect(seen[1]?.fromLine).toBe(fromLine(2));
      expect(seen[1]?.header.endsWith('Message-ID: <m2@example.com>\r\n\r\n')).toBe(true);
      expect(seen.every((m) => m.complete)).toBe(true);
    }
  });

  it('undoes mboxrd quoting and never splits on a quoted >From line', () => {
    const body =
      'Hi\n>From the archive:\n>>From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nFrom here on, plain.\n';
    const text = `${fromLine(1)}\n${message(1).replace('Body of message 1.\n', body)}\n${fromLine(2)}\n${message(2)}\n`;
    const msgs = splitMbox(Buffer.from(text));
    expect(msgs).toHaveLength(2);
    const first = Buffer.from(msgs[0]?.bytes ?? []).toString();
    expect(first).toContain(
      '\nFrom the archive:\n>From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nFrom here on, plain.\n',
    );
    expect(Buffer.from(unquoteMboxrd(Buffer.from('a\n>From x\n>>>From y\n> From z\n'))).toString()).toBe(
      'a\nFrom x\n>>From y\n> From z\n',
    );
    const plain = Buffer.from('nothing to undo\n');
    expect(unquoteMboxrd(plain)).toBe(plain);
  });

  it('an unquoted From_ line in a body (mboxo) splits only when it is a real From_ line', () => {
    const prose = 'From the desk of the editor: hello\nFrom now on\n';
    const a = `${fromLine(1)}\n${message(1).replace('Body of message 1.\n', prose)}\n${fromLine(2)}\n${message(2)}`;
    expect(split(Buffer.from(a)).seen).toHaveLength(2);
    // A line that looks exactly like a separator is one: that is the mboxo ambiguity mboxrd fixes.
    const fake = 'quoted mailbox:\nFrom someone@example.org Tue Feb 02 10:00:00 2021\nmore text\n';
    const b = `${fromLine(1)}\n${message(1).replace('Body of message 1.\n', fake)}\n${fromLine(2)}\n${message(2)}`;
    const seen = split(Buffer.from(b)).seen;
    expect(seen).toHaveLength(3);
    expect(seen[1]?.fromLine).toBe('From someone@example.org Tue Feb 02 10:00:00 2021');
    expect(seen[1]?.header).toBe('more text\n\n');
  });

  it('mboxcl: Content-Length keeps an unquoted From_ line inside its body, when the length checks out', () => {
    const inner = 'See:\nFrom someone@example.org Tue Feb 02 10:00:00 2021\nSubject: old\n\ntext\n';
    const head = message(1).replace('\nBody of message 1.\n', '');
    const good = `${fromLine(1)}\n${head}Content-Length: ${Buffer.byteLength(inner)}\n\n${inner}\n${fromLine(2)}\n${message(2)}`;
    expect(contentLength(Buffer.from(`${head}Content-Length: 42\n\n`))).toBe(42);
    for (const chunk of [100000, 9, 50]) {
      const seen = split(Buffer.from(good), chunk).seen;
      expect(
        seen.map((m) => m.fromLine),
        `chunk ${chunk}`,
      ).toEqual([fromLine(1), fromLine(2)]);
    }
    // A wrong length is not believed: the From_ lines decide.
    const bad = good.replace(`Content-Length: ${Buffer.byteLength(inner)}`, 'Content-Length: 7');
    expect(split(Buffer.from(bad)).seen).toHaveLength(3);
    // A body that ends the file exactly where Content-Length says.
    const last = `${fromLine(1)}\n${head}Content-Length: ${Buffer.byteLength(inner)}\n\n${inner}`;
    expect(split(Buffer.from(last)).seen).toHaveLength(1);
  });

  it('a truncated last message: its header block is reported as not closed', () => {
    const { bytes } = mbox(2);
    const cut = Buffer.concat([
      bytes,
      Buffer.from(`${fromLine(3)}\nReturn-Path: <a@example.com>\nReceived: from x (x [192`),
    ]);
    for (const chunk of [cut.length, 11]) {
      const { seen } = split(cut, chunk);
      expect(seen).toHaveLength(3);
      expect(seen[2]?.offset).toBe(bytes.length);
      expect(seen[2]?.complete).toBe(false);
      expect(seen[2]?.header).toBe('Return-Path: <a@example.com>\nReceived: from x (x [192');
      expect(seen[0]?.complete).toBe(true);
    }
  });

  it('a message with no header block is still a message (the analysis turns it into an error record)', () => {
    const text = `${fromLine(1)}\n\nonly a body\n\n${fromLine(2)}\n${message(2)}`;
    const { seen } = split(Buffer.from(text));
    expect(seen).toHaveLength(2);
    expect(seen[0]?.header).toBe('\n');
    // A header that runs straight into the next From_ line: no empty line, no body.
    const run = `${fromLine(1)}\nSubject: x\n${fromLine(2)}\n${message(2)}`;
    const r = split(Buffer.from(run)).seen;
    expect(r).toHaveLength(2);
    expect(r[0]?.header).toBe('Subject: x\n');
    expect(r[0]?.complete).toBe(false);
  });

  it('an empty mbox has no message; junk before the first From_ line is reported with its offset', () => {
    expect(split(new Uint8Array(0)).seen).toEqual([]);
    expect(split(Buffer.from('\n\n\r\n')).seen).toEqual([]);
    expect(split(Buffer.from('\n\n\r\n')).problems).toEqual([]);
    const { bytes } = mbox(1);
    const junk = Buffer.concat([Buffer.from('\nnot mail\n'), bytes]);
    const r = split(junk, 4);
    expect(r.seen.map((m) => m.offset)).toEqual([10]);
    expect(r.problems).toEqual([{ offset: 1, bytes: 9 }]);
  });

  it('cuts a header block at the size cap and finds the next message', () => {
    const long = `X-Long: ${'a'.repeat(5000)}\n`;
    const text = `${fromLine(1)}\n${long.repeat(4)}${message(1)}\n${fromLine(2)}\n${message(2)}`;
    const { seen } = split(Buffer.from(text), 1000, 'mbox', 8000);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.truncated).toBe(true);
    expect(seen[0]?.header.length).toBeLessThanOrEqual(8000 + long.length);
    expect(seen[1]?.truncated).toBe(false);
  });

  it('single-message mode stops after the header block', () => {
    const bytes = Buffer.from(message(5));
    const { seen } = split(bytes, 13, 'single');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.offset).toBe(0);
    expect(seen[0]?.fromLine).toBeNull();
    expect(seen[0]?.header.endsWith('Message-ID: <m5@example.com>\n\n')).toBe(true);
  });

  it('recognises the From_ lines of Takeout, Thunderbird, Mailman and mutt', () => {
    expect(isFromLine('From 1621960717160485603@xxx Mon Jan 07 09:51:18 +0000 2019')).toBe(true);
    expect(isFromLine('From - Mon Jan  1 00:00:00 2024')).toBe(true);
    expect(isFromLine('From andy at example.com  Sat Nov 14 21:29:28 2015')).toBe(true);
    expect(isFromLine('From jm@dogma.slashnull.org  Wed May 16 00:40:34 2001')).toBe(true);
    expect(isFromLine('From the desk of the editor')).toBe(false);
    expect(isFromLine('From: someone@example.com')).toBe(false);
  });

  it('agrees with the generator on a Takeout-like mailbox: every offset, LF and CRLF', () => {
    const dir = tempDir();
    for (const eol of ['lf', 'mixed']) {
      const file = join(dir, `g-${eol}.mbox`);
      const truth = generate(
        ['--messages', '60', '--seed', '7', '--eol', eol, '--out', file],
        join(dir, `t-${eol}.jsonl`),
      );
      const bytes = readFileSync(file);
      const { seen } = split(bytes, 64 * 1024 + 3);
      expect(seen.map((m) => m.offset)).toEqual(truth.map((t) => t.offset));
      expect(seen.every((m) => m.complete && !m.truncated)).toBe(true);
    }
  });

  it('finds as many messages as there are From_ lines in each mbox of the shared corpus', () => {
    const files = [
      'mbox/assembled-real-auth.mbox',
      'mbox/spamassassin-nice.mbox',
      'mbox/perceval/hyperkitty_2016_april.mbox',
      'mbox/perceval/mbox_complex.mbox',
      'mbox/perceval/mbox_iso8859_encoding.mbox',
      'mbox/perceval/mbox_multipart.mbox',
      'mbox/perceval/mbox_no_fields.mbox',
      'mbox/perceval/mbox_single.mbox',
      'mbox/perceval/mbox_unixfrom_encoding.mbox',
      'mbox/perceval/mbox_unknown_encoding.mbox',
      'mbox/perceval/pipermail_2015_november.mbox',
    ];
    for (const f of files) {
      const bytes = readFileSync(corpusPath(f));
      const grep = Number(
        execFileSync('sh', ['-c', `grep -c '^From ' "${corpusPath(f)}" || true`], {
          encoding: 'utf8',
        }).trim(),
      );
      const { seen } = split(bytes, 1000);
      expect(seen.length, f).toBe(grep);
      expect(seen.length, f).toBeGreaterThan(0);
    }
  });
});
