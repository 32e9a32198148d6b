/**
 * The page's edge: bytes of a dropped file or pasted text → the same analysis the CLI runs.
 *
 * It mirrors src/input/node.ts step by step so that the page's report equals `mailwhy --format json`
 * (test/web/corpus.test.ts compares them): read at most 8 MiB, refuse what is not a message, and for a
 * MIME message let a MIME reader decode the fields people read (Subject, From, To). In Node that
 * reader is mailparser, which needs Node streams and Buffer; in the browser it is postal-mime (same
 * author, written for browsers and workers: no Node built-ins, decodes RFC 2047 words and charsets
 * with the browser's TextDecoder). The checks before analysis are the CLI's own (src/input/guard.ts).
 */
import type { Address } from 'postal-mime';
import PostalMime from 'postal-mime';
import type { AnalyzeOptions } from '../src/analyze.js';
import { analyzeMessage } from '../src/analyze.js';
import { headerEnd } from '../src/headers/split.js';
import { notAMessage as guardNotAMessage, needsMimeDecoding } from '../src/input/guard.js';
import { mailboxMessages, mailboxPartName, startsWithFromLine } from '../src/input/mailbox.js';
import type { Lang, Report } from '../src/report.js';

/** As the CLI: headers only matter, and a Gmail page adds its summary. */
export const MAX_READ_BYTES = 8 * 1024 * 1024;

/** Why an input shows no report; `internal` is a bug in mailwhy (the CLI says "internal error"). */
export type ReadErrorCode =
  | 'empty'
  | 'archive'
  | 'binary'
  | 'no-header'
  | 'unreadable'
  | 'mailbox-too-large'
  | 'internal';

/**
 * Said beside a report that is shown: the input starts like a mailbox but its first message fills the
 * 8 MiB the page reads, so any messages after it were not seen (the CLI prints the same note).
 */
export type ReadNoticeCode = 'first-message-fills-read';

export type Display = NonNullable<AnalyzeOptions['display']>;

/** One input as read: kept so that switching language re-runs the analysis on the same bytes. */
export interface LoadedInput {
  name: string;
  bytes: Uint8Array;
  display?: Display;
  notice?: ReadNoticeCode;
}

export type Analysed =
  | { ok: true; input: LoadedInput; report: Report }
  | { ok: false; name: string; error: ReadErrorCode };

/** The shared check (src/input/guard.ts), with the page's error codes. */
export function notAMessage(bytes: Uint8Array): ReadErrorCode | null {
  const why = guardNotAMessage(bytes);
  if (why === null) return null;
  return why === 'empty' || why === 'archive' ? why : 'binary';
}

export { needsMimeDecoding };

/** Formats addresses as mailparser's `text` does: display names quoted, groups as `"name": members;`. */
export function formatAddresses(list: Address[]): string {
  return list
    .map((a) => {
      let s = '';
      if (a.name) s += `"${a.name.replace(/["\\]/g, '\\$&')}"${a.group ? ': ' : ''}`;
      if (a.address) s += a.name ? ` <${a.address}>` : a.address;
      if (a.group) s += `${formatAddresses(a.group)};`;
      return s;
    })
    .join(', ');
}

/**
 * Unfolds header lines as mailparser (libmime) does: a line break and the blanks after it become one
 * space. postal-mime keeps the blanks (RFC 5322 unfolding to the letter), so a folded Subject would
 * read "Now    Available!" in the page and "Now Available!" in the CLI.
 */
export function unfold(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const lf = b === 0x0a ? i : b === 0x0d && bytes[i + 1] === 0x0a ? i + 1 : b === 0x0d ? i : -1;
    const next = lf === -1 ? undefined : bytes[lf + 1];
    if (lf !== -1 && (next === 0x20 || next === 0x09)) {
      let j = lf + 1;
      while (bytes[j] === 0x20 || bytes[j] === 0x09) j++;
      out[n++] = 0x20;
      i = j - 1;
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Subject, From and To decoded by postal-mime from the header block only (as the CLI hands mailparser). */
export async function readDisplayFields(bytes: Uint8Array): Promise<Display> {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4 * 1024 * 1024)));
  const { headerLength } = headerEnd(text);
  const unfolded = unfold(bytes.subarray(0, headerLength));
  const header = new Uint8Array(unfolded.length + 4);
  header.set(unfolded);
  header.set([0x0d, 0x0a, 0x0d, 0x0a], unfolded.length);
  try {
    const email = await PostalMime.parse(header);
    return {
      subject: email.subject ?? null,
      from: email.from ? formatAddresses([email.from]) : null,
      to: email.to ? formatAddresses(email.to) : null,
    };
  } catch {
    // A header postal-mime cannot read leaves the core's own decoding in place (as the CLI does).
    return {};
  }
}

export type Loaded = { ok: true; input: LoadedInput } | { ok: false; name: string; error: ReadErrorCode };

/**
 * Reads one input, the checks and the MIME reading once, as the messages it holds: one, or each
 * message of an mbox (`mail.mbox #2`), as the CLI's explain does. `complete` says whether `data` is
 * all of the file (the page reads the first 8 MiB); a mailbox larger than that is refused.
 */
export async function load(
  name: string,
  data: Uint8Array,
  complete = data.length <= MAX_READ_BYTES,
): Promise<Loaded[]> {
  const bytes = data.length > MAX_READ_BYTES ? data.subarray(0, MAX_READ_BYTES) : data;
  const why = notAMessage(bytes);
  if (why) return [{ ok: false, name, error: why }];
  const parts = mailboxMessages(bytes);
  if (parts === null) {
    const one = await loadOne(name, bytes);
    // An mbox whose first message is larger than what the page reads: the others are out of sight.
    if (one.ok && !complete && startsWithFromLine(bytes)) one.input.notice = 'first-message-fills-read';
    return [one];
  }
  if (!complete) return [{ ok: false, name, error: 'mailbox-too-large' }];
  const out: Loaded[] = [];
  for (const [i, part] of parts.entries()) out.push(await loadOne(mailboxPartName(name, i + 1), part));
  return out;
}

async function loadOne(name: string, bytes: Uint8Array): Promise<Loaded> {
  const input: LoadedInput = { name, bytes };
  if (needsMimeDecoding(bytes)) input.display = await readDisplayFields(bytes);
  return { ok: true, input };
}

/** Analyses a loaded input in a language: synchronous, as fast as the CLI's core. */
export function analyseLoaded(input: LoadedInput, lang: Lang): Analysed {
  const options: AnalyzeOptions = { lang, name: input.name };
  if (input.display) options.display = input.display;
  let report: Report;
  try {
    report = analyzeMessage(input.bytes, options);
  } catch (error) {
    // Shown for this file only; the other files' reports still appear.
    console.error('mailwhy: internal error', error);
    return { ok: false, name: input.name, error: 'internal' };
  }
  if (report.input.headerFields === 0) return { ok: false, name: input.name, error: 'no-header' };
  return { ok: true, input, report };
}

/** Reads a File from the picker or a drop (only the first 8 MiB, as the CLI). */
export async function readFile(file: File): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await file.slice(0, MAX_READ_BYTES).arrayBuffer());
  } catch {
    return null;
  }
}
