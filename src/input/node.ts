/**
 * Node edge: reads a message from a file or standard input, refuses what is not a message with a
 * one-line reason, and reads .eml files with mailparser for the fields people read.
 */
import { open, stat } from 'node:fs/promises';
import { type InputProblem, type InputProblemArgs, inputProblemText } from '../explain/input.js';
import { headerEnd } from '../headers/split.js';
import type { Lang } from '../report.js';
import { needsMimeDecoding, notAMessage } from './guard.js';
import { mailboxMessages, mailboxPartName, startsWithFromLine } from './mailbox.js';

export { needsMimeDecoding, notAMessage } from './guard.js';

/** How much of a file explain reads: headers only matter, and a Gmail page adds its summary. */
export const MAX_READ_BYTES = 8 * 1024 * 1024;
const MAX_READ_MIB = MAX_READ_BYTES / 1024 / 1024;

/**
 * An input explain cannot read: its problem, worded by src/explain/input.ts in the report's
 * language (the error's own message is the English line), or an unexpected system error's message.
 */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly problem: InputProblem | { message: string },
    readonly args: InputProblemArgs = { mib: MAX_READ_MIB, messages: 0 },
  ) {
    super(inputErrorLine('en', source, problem, args));
  }

  /** The line explain prints, in a language. */
  text(lang: Lang): string {
    return inputErrorLine(lang, this.source, this.problem, this.args);
  }
}

function inputErrorLine(
  lang: Lang,
  source: string,
  problem: InputProblem | { message: string },
  args: InputProblemArgs,
): string {
  return `${source}: ${typeof problem === 'string' ? inputProblemText(lang, problem, args) : problem.message}`;
}

export interface ReadMessage {
  name: string;
  bytes: Uint8Array;
  /** Display fields decoded by mailparser (only for MIME messages with a body). */
  display?: { subject?: string | null; from?: string | null; to?: string | null };
  /** Said on standard error with the report: what the reader could not do with this input. */
  notice?: { problem: InputProblem; args: InputProblemArgs };
}

/** Up to `max` bytes of a file, and whether that was all of it. */
async function readAtMost(path: string, max: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(max);
    let filled = 0;
    while (filled < max) {
      const { bytesRead } = await handle.read(buf, filled, max - filled, null);
      if (bytesRead === 0) return { bytes: buf.subarray(0, filled), complete: true };
      filled += bytesRead;
    }
    const { bytesRead } = await handle.read(new Uint8Array(1), 0, 1, null);
    return { bytes: buf, complete: bytesRead === 0 };
  } finally {
    await handle.close();
  }
}

/**
 * Standard input up to `max` bytes. Reading stops there (what follows is a body nobody reads, or
 * input that never ends: `mailwhy - < /dev/zero`, `yes | mailwhy -`); the writer then sees its pipe
 * closed, as with `| head`.
 */
async function readStdin(max: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    chunks.push(b.subarray(0, max - total));
    total += b.length;
    if (total > max) break;
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), complete: total <= max };
}

const ERRNO_PROBLEM: Record<string, InputProblem> = {
  ENOENT: 'no-such-file',
  EACCES: 'permission-denied',
  EISDIR: 'directory',
  ENOTDIR: 'not-a-directory',
  ELOOP: 'link-loop',
};

/** Reads one input (`-` = standard input). Throws InputError with a one-line reason. */
export async function readMessage(source: string): Promise<ReadMessage> {
  const { name, bytes } = await readInput(source);
  return withDisplay(name, bytes);
}

/**
 * Reads one input as the messages it holds: one, or each message of an mbox (`mail.mbox #2`), so
 * that none is passed over. A mailbox larger than explain reads is refused with a pointer to `scan`.
 */
export async function readMessages(source: string): Promise<ReadMessage[]> {
  const { name, bytes, complete } = await readInput(source);
  const parts = mailboxMessages(bytes);
  if (parts === null) {
    const one = await withDisplay(name, bytes);
    // An mbox whose first message is larger than what explain reads: the others are out of sight.
    if (!complete && startsWithFromLine(bytes))
      one.notice = {
        problem: 'first-message-fills-read',
        args: { mib: MAX_READ_MIB, messages: 1 },
      };
    return [one];
  }
  if (!complete)
    throw new InputError(name, 'mailbox-too-large', {
      mib: MAX_READ_MIB,
      messages: parts.length - 1,
    });
  const out: ReadMessage[] = [];
  for (const [i, part] of parts.entries()) out.push(await withDisplay(mailboxPartName(name, i + 1), part));
  return out;
}

async function readInput(source: string): Promise<{ name: string; bytes: Uint8Array; complete: boolean }> {
  let read: { bytes: Uint8Array; complete: boolean };
  try {
    if (source === '-') read = await readStdin(MAX_READ_BYTES);
    else {
      const info = await stat(source);
      if (info.isDirectory()) throw new InputError(source, 'directory');
      read = await readAtMost(source, MAX_READ_BYTES);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const problem = ERRNO_PROBLEM[code];
    throw new InputError(source, problem ?? { message: (error as Error).message });
  }
  const name = source === '-' ? '(stdin)' : source;
  const why = notAMessage(read.bytes);
  if (why) throw new InputError(name, why);
  return { name, ...read };
}

async function withDisplay(name: string, bytes: Uint8Array): Promise<ReadMessage> {
  const message: ReadMessage = { name, bytes };
  if (needsMimeDecoding(bytes)) message.display = await readDisplayFields(bytes);
  return message;
}

/**
 * A whole .eml is read with mailparser (the MIME reader of the Node ecosystem): it decodes what people
 * read (Subject, From, To; RFC 2047, charsets). Only the header block is handed to it.
 */
export async function readDisplayFields(
  bytes: Uint8Array,
): Promise<{ subject?: string | null; from?: string | null; to?: string | null }> {
  const { MailParser } = await import('mailparser');
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4 * 1024 * 1024)));
  const { headerLength } = headerEnd(text);
  const header = Buffer.from(bytes.subarray(0, headerLength));
  return new Promise((resolve) => {
    const parser = new MailParser({
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
    parser.once('headers', (headers: Map<string, unknown>) => {
      const addr = (key: string): string | null => {
        const v = headers.get(key) as { text?: string } | undefined;
        return v?.text ?? null;
      };
      const subject = headers.get('subject');
      resolve({ subject: typeof subject === 'string' ? subject : null, from: addr('from'), to: addr('to') });
      parser.destroy();
    });
    // A header mailparser cannot read leaves the core's own decoding in place.
    parser.once('error', () => resolve({}));
    parser.on('data', () => {});
    parser.end(Buffer.concat([header, Buffer.from('\r\n\r\n')]));
  });
}
