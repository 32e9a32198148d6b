/**
 * The checks both readers make before analysing (the CLI's Node reader and the web page): whether
 * the bytes can be a message at all, and whether a MIME reader is needed to decode what people read.
 * Pure, so that the CLI and the page decide alike.
 */
import { headerEnd } from '../headers/split.js';

/** Why bytes are not a message: `empty`, or `binary` (with NUL bytes: `binary-nul`). */
export type NotAMessage = 'empty' | 'binary' | 'binary-nul';

/**
 * Why these bytes are not a message, or null when they may be one. Only the start is judged (up to
 * the first empty line, at most 64 KiB): real messages may carry NUL bytes in a broken body, but a
 * header block never does, while images, archives and executables show them at once.
 */
export function notAMessage(bytes: Uint8Array): NotAMessage | null {
  if (bytes.length === 0) return 'empty';
  let end = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i + 1 < end; i++) {
    if (bytes[i] === 0x0a && (bytes[i + 1] === 0x0a || (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a))) {
      end = i;
      break;
    }
  }
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 0) return 'binary-nul';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > end / 10) return 'binary';
  return null;
}

/**
 * A MIME reader (mailparser in Node, postal-mime in the page) is needed only when its work changes
 * something: a MIME message whose header block holds RFC 2047 encoded-words or raw 8-bit text.
 * Otherwise every header value already reads as it is (and start-up stays fast).
 */
export function needsMimeDecoding(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256 * 1024));
  const header = head.slice(0, headerEnd(head).headerLength);
  if (!/^(?:mime-version|content-type)\s*:/im.test(header)) return false;
  return /=\?[^?\s]+\?[bq]\?/i.test(header) || /[\x80-\xff]/.test(header);
}
