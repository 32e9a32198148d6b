// Property: however a mailbox's bytes are cut into windows, the splitter finds the same messages,
// offsets and header blocks as when it sees the whole mailbox at once; and splitMbox gives back
// every message byte for byte after mboxrd quoting and unquoting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SplitMessage } from '../../src/scan/split.js';
import { MailSplitter, splitMbox } from '../../src/scan/split.js';

type Seen = Omit<SplitMessage, 'header'> & { header: string };

function run(bytes: Uint8Array, cuts: number[]): Seen[] {
  const seen: Seen[] = [];
  const splitter = new MailSplitter({
    format: 'mbox',
    maxHeaderBytes: 300,
    onMessage: (m) => seen.push({ ...m, header: Buffer.from(m.header).toString('latin1') }),
  });
  let carry: Uint8Array = new Uint8Array(0);
  let base = 0;
  let at = 0;
  for (const cut of cuts) {
    const end = Math.min(bytes.length, at + cut);
    const win = Buffer.concat([carry, bytes.subarray(at, end)]);
    const used = splitter.push(win, base, false);
    base += used;
    carry = win.subarray(used);
    at = end;
  }
  splitter.push(Buffer.concat([carry, bytes.subarray(at)]), base, true);
  return seen;
}

const line = fc.oneof(
  fc.constantFrom('From the desk', '>From x', '>>From 1@x Mon Jan 01 00:00:00 2024', '', 'X: y', 'From: a@b'),
  fc.stringMatching(/^[ -~]{0,40}$/),
);
const message = fc.record({
  header: fc.array(fc.stringMatching(/^[A-Z][a-z-]{0,10}: [ -~]{0,30}$/), { maxLength: 8 }),
  body: fc.array(line, { maxLength: 8 }),
  crlf: fc.boolean(),
});

function mboxrd(messages: { header: string[]; body: string[]; crlf: boolean }[]): {
  bytes: Buffer;
  raw: string[];
} {
  const raw: string[] = [];
  let text = '';
  messages.forEach((m, i) => {
    const eol = m.crlf ? '\r\n' : '\n';
    const content = `${[...m.header, '', ...m.body].join(eol)}${eol}`;
    raw.push(content);
    const quoted = content.replace(/^(>*From )/gm, '>$1');
    text += `From ${i}@xxx Mon Jan 01 00:00:00 +0000 2024${eol}${quoted}${eol}`;
  });
  return { bytes: Buffer.from(text, 'latin1'), raw };
}

describe('MailSplitter properties', () => {
  it('is independent of how the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 60 }),
        (msgs, cuts) => {
          const { bytes } = mboxrd(msgs);
          const whole = run(bytes, []);
          expect(whole).toHaveLength(msgs.length);
          expect(run(bytes, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives back every message byte for byte (mboxrd round trip)', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (msgs) => {
        const { bytes, raw } = mboxrd(msgs);
        const out = splitMbox(bytes).map((m, i) => {
          const eol = msgs[i]?.crlf ? '\r\n' : '\n';
          // The writer's separator line (an empty line) is part of the stored record, not the message.
          const text = Buffer.from(m.bytes).toString('latin1');
          return text.endsWith(eol) ? text.slice(0, -eol.length) : text;
        });
        expect(out).toEqual(raw);
      }),
      { numRuns: 300 },
    );
  });
});
