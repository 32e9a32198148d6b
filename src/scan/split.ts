/**
 * Finding messages and their header blocks in a stream of mailbox bytes, without decoding anything.
 * Pure: no `node:*` imports, so the same splitter serves the CLI, the library and the browser.
 *
 * The splitter is fed *windows*: a window is a contiguous byte range of the stream at an absolute
 * offset. `push` returns how many bytes of the window it consumed; the caller presents the rest again
 * at the start of the next window (that is the carry). The carry stays small: in a body it is at most
 * a partial `From ` line; in a header block it is the header read so far, bounded by `maxHeaderBytes`.
 * Bodies are only searched (`indexOf`) for the next separator, never copied or decoded.
 */

/** Where a message came from: enough to find it again by hand. */
export interface SourceRef {
  /** The file (or archive) path, `-` for standard input. */
  path: string;
  /** The entry inside an archive, when there is one. */
  entry?: string;
  /** Byte offset of the message (its From_ line) in the mbox stream (uncompressed), when in an mbox. */
  offset?: number;
  /** 1-based number of the message within its file or entry. */
  index: number;
}

export interface SplitMessage {
  /** Absolute offset of the message: the From_ line in an mbox, 0 for a single message. */
  offset: number;
  /** 1-based message number in this stream. */
  index: number;
  /** The From_ line without its end of line, or null when the stream is a single message. */
  fromLine: string | null;
  /**
   * The header block including its terminating empty line when there is one, with mboxrd quoting
   * undone. A view valid only during the callback: copy it to keep it.
   */
  header: Uint8Array;
  /** False when the stream ended (or the next message began) before the empty line closing the header. */
  headerComplete: boolean;
  /** True when the header block was longer than `maxHeaderBytes` and was cut there. */
  headerTruncated: boolean;
}

export interface SplitProblem {
  offset: number;
  reason: 'junk-before-first-message';
  bytes: number;
}

export interface SplitOptions {
  /** `mbox`: messages separated by From_ lines; `single`: the whole stream is one message. */
  format: 'mbox' | 'single';
  /** Header blocks longer than this are cut (a 5 MB base64 "header" is a broken message, not a header). */
  maxHeaderBytes?: number;
  onMessage: (m: SplitMessage) => void;
  onProblem?: (p: SplitProblem) => void;
}

export const DEFAULT_SCAN_HEADER_BYTES = 1024 * 1024;

/** A From_ line is a sender and a date; a longer "From " line is body text, and is not carried. */
const MAX_FROM_LINE = 4096;
/** How far ahead a Content-Length may be checked (the window grows up to this much for it). */
const MAX_CONTENT_LENGTH_LOOKAHEAD = 8 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
const NL_FROM = new Uint8Array([LF, ...FROM_]);
const GT_FROM = new Uint8Array([GT, ...FROM_]);

/**
 * A From_ line: "From " then a sender, then a ctime-like date. Requiring a weekday and a time keeps
 * an unquoted body line such as "From the desk of..." (mboxo writers do not quote) from splitting a
 * message, while every writer we know (Takeout `From 1234@xxx Mon Jan 01 00:00:00 +0000 2024`,
 * Thunderbird `From - Mon Jan  1 …`, Mailman `From user at host  Sat Nov 14 21:29:28 2015`, Apple
 * Mail, Postfix/procmail) passes.
 */
const FROM_LINE = /^From \S.*\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*\b\d{1,2}:\d{2}/;

export function isFromLine(line: string): boolean {
  return FROM_LINE.test(line);
}

function startsWithFrom(b: Uint8Array, at: number): boolean {
  return (
    b[at] === 0x46 && b[at + 1] === 0x72 && b[at + 2] === 0x6f && b[at + 3] === 0x6d && b[at + 4] === 0x20
  );
}

/**
 * Latin-1 view of a short line (From_ lines are ASCII in practice; no decoder needed to test them).
 * Made in one call: appending a character at a time allocated a new string per byte, and this runs
 * on the thread that reads the mailbox, for every message.
 */
function latin1(b: Uint8Array, start: number, end: number): string {
  let e = end;
  if (e > start && b[e - 1] === CR) e--;
  // From_ lines are at most MAX_FROM_LINE bytes (fromLineAt): well within what one call may take.
  if (e - start > MAX_FROM_LINE) e = start + MAX_FROM_LINE;
  return String.fromCharCode.apply(null, b.subarray(start, e) as unknown as number[]);
}

/**
 * Whether a From_ line starts at `at`: true, false, or 'more' when the line is not complete in the
 * window yet (and is still short enough to be one).
 */
function fromLineAt(win: Uint8Array, at: number, final: boolean): boolean | 'more' {
  const nl = win.indexOf(LF, at);
  if (nl < 0) {
    if (win.length - at >= MAX_FROM_LINE) return false;
    if (!final) return 'more';
  }
  const end = nl < 0 ? win.length : nl;
  if (end - at >= MAX_FROM_LINE) return false;
  return isFromLine(latin1(win, at, end));
}

const CONTENT_LENGTH = [
  new Uint8Array([...'\nContent-Length:'].map((c) => c.charCodeAt(0))),
  new Uint8Array([...'\nContent-length:'].map((c) => c.charCodeAt(0))),
  new Uint8Array([...'\ncontent-length:'].map((c) => c.charCodeAt(0))),
];

/** The Content-Length field of a header block (mboxcl, Solaris/SVR4 mailers), or null. */
export function contentLength(header: Uint8Array): number | null {
  for (const needle of CONTENT_LENGTH) {
    const at = indexOfSeq(header, needle, 0);
    if (at < 0) continue;
    let i = at + needle.length;
    while (header[i] === 0x20 || header[i] === 0x09) i++;
    let v = 0;
    let digits = 0;
    while (digits < 12 && (header[i] as number) >= 0x30 && (header[i] as number) <= 0x39) {
      v = v * 10 + ((header[i] as number) - 0x30);
      i++;
      digits++;
    }
    return digits > 0 ? v : null;
  }
  return null;
}

function indexOfByte(b: Uint8Array, byte: number, from: number): number {
  return b.indexOf(byte, from);
}

/** Index of `needle` in `hay` from `from`: Buffer's indexOf is memchr-fast; plain Uint8Arrays get a loop. */
function indexOfSeq(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const asBuffer = hay as Uint8Array & { indexOf(v: Uint8Array, from: number): number };
  if (typeof (hay as { readUInt8?: unknown }).readUInt8 === 'function') return asBuffer.indexOf(needle, from);
  const first = needle[0] as number;
  let i = hay.indexOf(first, from);
  while (i >= 0 && i + needle.length <= hay.length) {
    let ok = true;
    for (let k = 1; k < needle.length; k++) {
      if (hay[i + k] !== needle[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
    i = hay.indexOf(first, i + 1);
  }
  return -1;
}

/**
 * Undoes mboxrd quoting: a line matching `^>+From ` loses one `>`. Returns the input itself when
 * there is nothing to undo (the common case costs one search).
 */
export function unquoteMboxrd(bytes: Uint8Array): Uint8Array {
  let probe = indexOfSeq(bytes, GT_FROM, 0);
  if (probe < 0) return bytes;
  const out = new Uint8Array(bytes.length);
  let o = 0;
  let lineStart = 0;
  while (lineStart < bytes.length) {
    const nl = indexOfByte(bytes, LF, lineStart);
    const end = nl < 0 ? bytes.length : nl + 1;
    let q = lineStart;
    while (q < end && bytes[q] === GT) q++;
    if (q > lineStart && startsWithFrom(bytes, q)) {
      out.set(bytes.subarray(lineStart + 1, end), o);
      o += end - lineStart - 1;
    } else {
      out.set(bytes.subarray(lineStart, end), o);
      o += end - lineStart;
    }
    lineStart = end;
  }
  probe = o;
  return out.subarray(0, probe);
}

type Mode = 'preamble' | 'fromline' | 'header' | 'body' | 'done';

/**
 * The streaming splitter. Feed windows with `push(window, windowOffset, final)`; it calls `onMessage`
 * once per message, in order, as soon as the message's header block is known.
 */
export class MailSplitter {
  private mode: Mode;
  private readonly max: number;
  private index = 0;
  /** Absolute offset where the current message begins / its header begins. */
  private msgStart = 0;
  private headerStart = 0;
  private fromLine: string | null = null;
  /** In a body, whether the next window begins at the start of a line. */
  private atLineStart = true;
  private preambleJunk = 0;
  /** mboxcl: absolute end of the current body according to its Content-Length field. */
  private clEnd: number | null = null;
  private preambleStart = -1;

  constructor(private readonly options: SplitOptions) {
    this.max = options.maxHeaderBytes ?? DEFAULT_SCAN_HEADER_BYTES;
    this.mode = options.format === 'mbox' ? 'preamble' : 'header';
  }

  /** True once nothing more can come out of this stream (a single message's header is read). */
  get finished(): boolean {
    return this.mode === 'done';
  }

  /** Messages found so far. */
  get count(): number {
    return this.index;
  }

  /**
   * Processes `win` (which starts at absolute offset `base`). Returns the number of bytes consumed:
   * the caller must present `win.subarray(consumed)` again, followed by more bytes, unless `final`.
   */
  push(win: Uint8Array, base: number, final: boolean): number {
    let p = 0;
    for (;;) {
      switch (this.mode) {
        case 'done':
          return win.length;
        case 'preamble': {
          // Before the first From_ line: blank lines are tolerated, anything else is reported.
          let sep = -1;
          if (p === 0 && this.atLineStart && startsWithFrom(win, 0)) sep = 0;
          else {
            const i = indexOfSeq(win, NL_FROM, p === 0 ? 0 : p - 1);
            if (i >= 0) sep = i + 1;
          }
          if (sep >= 0) {
            const verdict = fromLineAt(win, sep, final);
            if (verdict === 'more') {
              this.countJunk(win, p, sep, base);
              this.atLineStart = true;
              return sep;
            }
            if (verdict) {
              this.countJunk(win, p, sep, base);
              this.flushJunk();
              p = sep;
              this.mode = 'fromline';
              continue;
            }
            this.countJunk(win, p, sep + 1, base);
            p = sep + 1;
            continue;
          }
          // Keep the last bytes: they may be the start of "\nFrom ".
          const keep = Math.max(p, win.length - NL_FROM.length);
          if (final) {
            this.countJunk(win, p, win.length, base);
            this.flushJunk();
            this.mode = 'done';
            return win.length;
          }
          this.countJunk(win, p, keep, base);
          this.atLineStart = keep === 0 ? this.atLineStart : win[keep - 1] === LF;
          return keep;
        }
        case 'fromline': {
          const nl = indexOfByte(win, LF, p);
          if (nl < 0 && !final) return p;
          const lineEnd = nl < 0 ? win.length : nl;
          this.msgStart = base + p;
          this.fromLine = latin1(win, p, lineEnd);
          p = nl < 0 ? win.length : nl + 1;
          this.headerStart = base + p;
          this.mode = 'header';
          continue;
        }
        case 'header': {
          const hs = this.headerStart - base;
          let line = hs;
          // Walk the header block line by line: it is small, and the loop sees the empty line,
          // a From_ line (a message without body) and the size cap in one pass.
          for (;;) {
            if (line - hs > this.max) {
              this.emit(win, hs, line, true, true);
              this.mode = this.options.format === 'single' ? 'done' : 'body';
              this.atLineStart = true;
              p = line;
              break;
            }
            if (line >= win.length) {
              if (!final) return this.carryFrom(base);
              this.emit(win, hs, win.length, false, false);
              this.mode = 'done';
              return win.length;
            }
            const nl = indexOfByte(win, LF, line);
            if (nl < 0 && !final) {
              if (win.length - hs <= this.max) return this.carryFrom(base);
              // One endless line: cut the header here and look for the next message.
              this.emit(win, hs, win.length, false, true);
              this.mode = this.options.format === 'single' ? 'done' : 'body';
              this.atLineStart = false;
              p = win.length;
              break;
            }
            const end = nl < 0 ? win.length : nl + 1;
            const empty = nl >= 0 && (nl === line || (nl === line + 1 && win[line] === CR));
            if (empty) {
              this.emit(win, hs, end, true, false);
              this.mode = this.options.format === 'single' ? 'done' : 'body';
              this.atLineStart = true;
              p = end;
              break;
            }
            if (this.options.format === 'mbox' && startsWithFrom(win, line)) {
              if (fromLineAt(win, line, true) === true) {
                // The next message starts before this header block ended: no empty line, no body.
                this.emit(win, hs, line, false, false);
                this.mode = 'fromline';
                p = line;
                break;
              }
            }
            line = end;
          }
          continue;
        }
        case 'body': {
          if (this.options.format === 'single') {
            this.mode = 'done';
            return win.length;
          }
          let sep = -1;
          if (p === 0 && this.atLineStart && startsWithFrom(win, 0)) sep = 0;
          else if (p > 0 && win[p - 1] === LF && startsWithFrom(win, p)) sep = p;
          else {
            const i = indexOfSeq(win, NL_FROM, p);
            if (i >= 0) sep = i + 1;
          }
          if (sep < 0) {
            if (final) {
              this.mode = 'done';
              return win.length;
            }
            const keep = Math.max(p, win.length - NL_FROM.length + 1);
            this.atLineStart = keep === 0 ? this.atLineStart : win[keep - 1] === LF;
            return keep;
          }
          const verdict = fromLineAt(win, sep, final);
          if (verdict === 'more') {
            this.atLineStart = true;
            return sep;
          }
          if (verdict && this.clEnd !== null && base + sep < this.clEnd) {
            // mboxcl: a From_ line inside a body that Content-Length says is longer. Believe the
            // length only if a From_ line (or the end) really follows where it says the body ends.
            const check = this.checkContentLength(win, base, final, sep);
            if (check === 'more') {
              this.atLineStart = true;
              return sep;
            }
            if (check !== null) {
              p = check;
              continue;
            }
          }
          if (verdict) {
            this.mode = 'fromline';
            this.clEnd = null;
            p = sep;
          } else {
            p = sep + FROM_.length;
          }
          continue;
        }
      }
    }
  }

  /**
   * Where scanning resumes when Content-Length is confirmed (the body end, relative to the window),
   * 'more' when the window does not reach that far yet, null when the length is not to be believed.
   */
  private checkContentLength(
    win: Uint8Array,
    base: number,
    final: boolean,
    sep: number,
  ): number | 'more' | null {
    const end = (this.clEnd as number) - base;
    if (end - sep > MAX_CONTENT_LENGTH_LOOKAHEAD) {
      this.clEnd = null;
      return null;
    }
    let q = end;
    if (q < win.length && win[q] === CR && win[q + 1] === LF) q += 2;
    else if (q < win.length && win[q] === LF) q += 1;
    if (q >= win.length) {
      if (!final) return 'more';
      this.clEnd = null;
      // The body ends at the end of the stream: believed unless the length points past it.
      return end <= win.length ? end : null;
    }
    if (win.length - q < FROM_.length && !final) return 'more';
    const atLine = q > 0 && win[q - 1] === LF;
    const verdict = atLine && startsWithFrom(win, q) ? fromLineAt(win, q, final) : false;
    if (verdict === 'more') return 'more';
    this.clEnd = null;
    return verdict ? q : null;
  }

  private carryFrom(base: number): number {
    // Keep the whole message (From_ line + header so far) for the next window.
    const from = this.options.format === 'mbox' && this.fromLine !== null ? this.msgStart : this.headerStart;
    return from - base;
  }

  private emit(win: Uint8Array, start: number, end: number, complete: boolean, truncated: boolean): void {
    this.index++;
    const raw = win.subarray(start, end);
    this.clEnd = null;
    if (this.options.format === 'mbox' && complete) {
      const length = contentLength(raw);
      if (length !== null) this.clEnd = this.headerStart + (end - start) + length;
    }
    const header = unquoteMboxrd(raw);
    this.options.onMessage({
      offset: this.options.format === 'mbox' ? this.msgStart : this.headerStart,
      index: this.index,
      fromLine: this.options.format === 'mbox' ? this.fromLine : null,
      header,
      headerComplete: complete,
      headerTruncated: truncated,
    });
  }

  private countJunk(win: Uint8Array, from: number, to: number, base: number): void {
    for (let i = from; i < to; i++) {
      const b = win[i];
      if (b === LF || b === CR || b === 0x20 || b === 0x09) continue;
      if (this.preambleStart < 0) this.preambleStart = base + i;
      this.preambleJunk += to - i;
      return;
    }
  }

  private flushJunk(): void {
    if (this.preambleStart >= 0 && this.options.onProblem) {
      this.options.onProblem({
        offset: this.preambleStart,
        reason: 'junk-before-first-message',
        bytes: this.preambleJunk,
      });
    }
    this.preambleStart = -1;
    this.preambleJunk = 0;
  }
}

/** One message of an mbox held in memory, with its quoting undone. */
export interface MboxMessage {
  offset: number;
  fromLine: string | null;
  /** The whole message (header and body) after the From_ line, mboxrd quoting undone. */
  bytes: Uint8Array;
}

/**
 * Splits a whole mbox held in memory (small inputs, tests, the web page). The streaming scanner
 * never needs bodies; this is for callers that want the messages themselves.
 */
export function splitMbox(bytes: Uint8Array): MboxMessage[] {
  const starts: { offset: number; fromLine: string | null }[] = [];
  const splitter = new MailSplitter({
    format: 'mbox',
    onMessage: (m) => starts.push({ offset: m.offset, fromLine: m.fromLine }),
  });
  splitter.push(bytes, 0, true);
  return starts.map((s, k) => {
    const next = starts[k + 1]?.offset ?? bytes.length;
    const nl = bytes.indexOf(LF, s.offset);
    const bodyStart = nl < 0 || nl >= next ? next : nl + 1;
    return { offset: s.offset, fromLine: s.fromLine, bytes: unquoteMboxrd(bytes.subarray(bodyStart, next)) };
  });
}
