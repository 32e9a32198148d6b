/**
 * The checks both readers make before analysing (the CLI's Node reader and the web page): whether
 * the bytes can be a message at all, and whether a MIME reader is needed to decode what people read.
 * Pure, so that the CLI and the page decide alike.
 */
import { headerEnd } from '../headers/split.js';

/**
 * Why bytes are not a message: `empty`; `archive` (zip, gzip, tar, bzip2, xz, 7z: what `scan`
 * reads, or unpacks first); or `binary` (with NUL bytes: `binary-nul`).
 */
export type NotAMessage = 'empty' | 'archive' | 'binary' | 'binary-nul';

/** Magic numbers of archives and compressed files (zip, gzip, bzip2, xz, 7z) at offset 0. */
const ARCHIVE_MAGIC: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // zip
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2 "BZh"
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
];

function isArchive(bytes: Uint8Array): boolean {
  if (ARCHIVE_MAGIC.some((m) => m.every((b, i) => bytes[i] === b))) return true;
  // POSIX tar: "ustar" at offset 257.
  return [0x75, 0x73, 0x74, 0x61, 0x72].every((b, i) => bytes[257 + i] === b);
}

/**
 * Why these bytes are not a message, or null when they may be one. Only the start is judged (up to
 * the first empty line, at most 64 KiB): real messages may carry NUL bytes in a broken body, but a
 * header block never does, while images, archives and executables show them at once.
 */
export function notAMessage(bytes: Uint8Array): NotAMessage | null {
  if (bytes.length === 0) return 'empty';
  if (isArchive(bytes)) return 'archive';
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
