/**
 * A mailbox handed to `explain` (or dropped on the page): an mbox file holds messages one after the
 * other, and reading it as one message would explain the first and pass over the rest in silence.
 * Pure: the CLI and the page split with the scan's own splitter.
 */
import { isFromLine, splitMbox, unquoteMboxrd } from '../scan/split.js';
import { HEADER_LINE } from './detect.js';

/** Fields every message has one of (RFC 5322 §3.6 requires From and Date; relays add the others). */
const MESSAGE_FIELD = /^(?:from|date|received|return-path|delivered-to|message-id|subject)[ \t]*:/im;
/** How much of a part is looked at to decide whether it is a message. */
const LOOK = 64 * 1024;

function firstLine(bytes: Uint8Array, skipBlank: boolean): string {
  let at = 0;
  // Blank lines before the file's From_ line are skipped, as the input reader does.
  while (skipBlank && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  const nl = bytes.indexOf(0x0a, at);
  const end = Math.min(nl < 0 ? bytes.length : nl, at + 4096);
  return new TextDecoder('latin1').decode(bytes.subarray(at, end)).replace(/\r$/, '');
}

/** A header block starts the part, and has a field that messages have (not a body line like `X: y`). */
function looksLikeMessage(bytes: Uint8Array): boolean {
  if (!HEADER_LINE.test(firstLine(bytes, false))) return false;
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, LOOK));
  const end = text.search(/\r?\n\r?\n/);
  return MESSAGE_FIELD.test(end < 0 ? text : text.slice(0, end));
}

/**
 * The messages of an mbox with more than one, mboxrd quoting undone; null when the input is one
 * message (with or without a From_ line before it), which the reader takes as it is.
 *
 * An mboxo writer does not quote a body line that looks like a From_ line, so the splitter may cut a
 * message there. Explain puts such a piece back: a part that does not start with a header block
 * holding a field messages have (From, Date, Received…) belongs to the message before it.
 */
export function mailboxMessages(bytes: Uint8Array): Uint8Array[] | null {
  if (!startsWithFromLine(bytes)) return null;
  const parts = splitMbox(bytes);
  if (parts.length < 2) return null;
  const starts = parts.filter((p, i) => i === 0 || looksLikeMessage(p.bytes)).map((p) => p.offset);
  if (starts.length < 2) return null;
  return starts.map((offset, k) => {
    const end = starts[k + 1] ?? bytes.length;
    const nl = bytes.indexOf(0x0a, offset);
    const bodyStart = nl < 0 || nl >= end ? end : nl + 1;
    return unquoteMboxrd(bytes.subarray(bodyStart, end));
  });
}

/** Whether the input starts with an mbox From_ line (blank lines before it skipped). */
export function startsWithFromLine(bytes: Uint8Array): boolean {
  return isFromLine(firstLine(bytes, true));
}

/** The name a message of a mailbox goes by: the file and its number in it (`mail.mbox #2`). */
export function mailboxPartName(name: string, index: number): string {
  return `${name} #${index}`;
}
