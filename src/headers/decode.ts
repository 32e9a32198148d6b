/**
 * Decoding what people read: raw header bytes to text, RFC 2047 encoded-words, addresses.
 * Pure (TextDecoder exists in Node and in browsers), so the CLI and the web page decode alike.
 */

import { BoundedCache } from '../cache.js';

export type TextEncodingGuess = 'utf-8' | 'iso-2022-jp' | 'shift_jis' | 'euc-jp' | 'windows-1252';

// Decoders are made once per label and reused: constructing one per call showed in the scan's
// profile (every message is decoded). A non-streaming decode() starts from a fresh state each time,
// also after a fatal decoder threw, so a reused decoder decodes exactly as a new one would.
const UTF8 = new TextDecoder('utf-8');
const WINDOWS_1252 = new TextDecoder('windows-1252');
const fatalDecoders = new Map<string, TextDecoder>();
/**
 * Decoders for charset labels read from encoded-words; null = not a label TextDecoder knows. Labels
 * come from the mail: the cache stays small whatever a mailbox holds.
 */
const labelDecoders = new BoundedCache<TextDecoder | null>(64);

function fatalDecoder(label: string): TextDecoder {
  let d = fatalDecoders.get(label);
  if (d === undefined) {
    d = new TextDecoder(label, { fatal: true });
    fatalDecoders.set(label, d);
  }
  return d;
}

/** `new TextDecoder(label)`, cached; null where that constructor throws (an unknown label). */
function labelDecoder(label: string): TextDecoder | null {
  const known = labelDecoders.get(label);
  if (known !== undefined) return known;
  return labelDecoders.add(label, (l) => {
    try {
      return new TextDecoder(l);
    } catch {
      return null;
    }
  });
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return fatalDecoder(label).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Turns raw message bytes into text. Headers should be 7-bit, but Japanese mail in the wild carries
 * raw ISO-2022-JP, Shift_JIS or EUC-JP; we try UTF-8 first (it fails loudly on other encodings), then
 * the Japanese legacy encodings, then windows-1252, which accepts every byte.
 */
export function bytesToText(bytes: Uint8Array): { text: string; encoding: TextEncodingGuess } {
  const kind = byteClass(bytes);
  if (kind !== EIGHT_BIT) {
    if (kind === SEVEN_BIT_ESC) {
      const jis = tryDecode('iso-2022-jp', bytes);
      if (jis !== null) return { text: jis, encoding: 'iso-2022-jp' };
    }
    return { text: UTF8.decode(bytes), encoding: 'utf-8' };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const sjis = tryDecode('shift_jis', bytes);
  if (sjis !== null) return { text: sjis, encoding: 'shift_jis' };
  const euc = tryDecode('euc-jp', bytes);
  if (euc !== null) return { text: euc, encoding: 'euc-jp' };
  return { text: WINDOWS_1252.decode(bytes), encoding: 'windows-1252' };
}

/** Only bytes below 0x80, no ESC: every decoder above reads the same characters. */
export const SEVEN_BIT = 0;
/** Below 0x80 with an ESC (0x1b): maybe ISO-2022-JP. */
export const SEVEN_BIT_ESC = 1;
/** Some byte is 0x80 or above. */
export const EIGHT_BIT = 2;

/**
 * Classifies bytes as SEVEN_BIT, SEVEN_BIT_ESC or EIGHT_BIT, four bytes at a time: every message of
 * a scanned mailbox passes here, and a byte-at-a-time loop showed in the scan's profile.
 */
export function byteClass(bytes: Uint8Array): 0 | 1 | 2 {
  const n = bytes.length;
  let high = 0;
  let esc = 0;
  let i = 0;
  // Bytes before the first 4-byte boundary of the underlying buffer, then whole words, then the rest.
  const head = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < head; i++) {
    const b = bytes[i] as number;
    high |= b;
    if (b === 0x1b) esc = 1;
  }
  const words = (n - i) >> 2;
  if (words > 0) {
    const w32 = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let k = 0; k < words; k++) {
      const w = w32[k] as number;
      high |= w;
      // A byte of w equal to 0x1b is a zero byte of x; (x - 0x01…) & ~x & 0x80… is non-zero exactly
      // when x has a zero byte (the bytes are below 0x80 here, or `high` decides anyway).
      const x = w ^ 0x1b1b1b1b;
      esc |= (x - 0x01010101) & ~x & 0x80808080;
    }
    i += words * 4;
  }
  for (; i < n; i++) {
    const b = bytes[i] as number;
    high |= b;
    if (b === 0x1b) esc = 1;
  }
  if ((high & 0x80808080) !== 0) return EIGHT_BIT;
  return esc !== 0 ? SEVEN_BIT_ESC : SEVEN_BIT;
}

/** Bytes as characters one for one (windows-1252): offsets in the text are byte offsets. */
export function byteView(bytes: Uint8Array): string {
  return WINDOWS_1252.decode(bytes);
}

function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  try {
    const bin = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function decodeQ(text: string): Uint8Array {
  // RFC 2047 §4.2: "_" is a space, "=XX" a byte.
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') out.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(text.charCodeAt(i) & 0xff);
  }
  return Uint8Array.from(out);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded-words. Adjacent encoded-words separated only by white space are joined
 * (§6.2), and their bytes are concatenated before decoding so that a multi-byte character split
 * across two words (common with ISO-2022-JP and UTF-8) decodes correctly.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  // The analysis decodes the same Subject and From more than once per message (the body check, the
  // message facts): the last few answers are kept. Strings only, so sharing them is safe.
  return decodedCache.get(value) ?? decodedCache.add(value, decodeWords);
}

const decodedCache = new BoundedCache<string>(64);

function decodeWords(value: string): string {
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: number[] } | null = null;
  const flushPending = (): void => {
    if (!pending) return;
    const bytes = Uint8Array.from(pending.bytes);
    const label = pending.charset.replace(/\*.*$/, ''); // RFC 2231 language suffix
    out += (labelDecoder(label) ?? WINDOWS_1252).decode(bytes);
    pending = null;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const charset = (m[1] ?? '').toLowerCase();
    const enc = (m[2] ?? '').toUpperCase();
    const payload = m[3] ?? '';
    const bytes = enc === 'B' ? decodeBase64(payload) : decodeQ(payload);
    if (pending && /^[ \t\r\n]*$/.test(between) && pending.charset === charset) {
      // joined with the previous word
    } else {
      flushPending();
      out += between;
    }
    if (bytes === null) {
      out += m[0];
    } else {
      if (!pending) pending = { charset, bytes: [] };
      for (const b of bytes) pending.bytes.push(b);
    }
    last = (m.index ?? 0) + m[0].length;
  }
  flushPending();
  out += value.slice(last);
  return out;
}

export interface Mailbox {
  name: string | null;
  address: string;
  /** Lower-cased domain part, or null when the address has none. */
  domain: string | null;
}

/** The domain of an address (`user@Example.COM` → `example.com`), without brackets or a trailing dot. */
export function domainOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  if (at === -1) return null;
  const domain = address
    .slice(at + 1)
    .replace(/[>\s].*$/, '')
    .replace(/\.$/, '')
    .toLowerCase();
  return domain === '' ? null : domain;
}

/**
 * Removes RFC 5322 comments (nested parentheses, §3.2.2) in one pass, returning the text outside
 * them and the first comment. An unclosed comment runs to the end (linear, whatever the nesting).
 */
function stripComments(value: string): { text: string; first: string | null } {
  let text = '';
  let comment = '';
  let first: string | null = null;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (depth === 0) {
      if (quoted) {
        if (ch === '\\' && i + 1 < value.length) {
          text += ch + (value[i + 1] as string);
          i++;
          continue;
        }
        if (ch === '"') quoted = false;
        text += ch;
      } else if (ch === '"') {
        quoted = true;
        text += ch;
      } else if (ch === '(') {
        depth = 1;
        comment = '';
      } else text += ch;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth === 0) first ??= comment;
    else comment += ch;
  }
  return { text, first };
}

/**
 * Reads the mailboxes of an address header (From, To, Return-Path) with a small scanner that
 * respects quoted strings and comments (RFC 5322 §3.4). Groups are flattened.
 */
export function parseMailboxes(value: string, options: { names?: boolean } = {}): Mailbox[] {
  // `names: false`: the display names are left undecoded (null), for callers that only need the
  // addresses (the analysis reads each From once more, whole, for display).
  const withNames = options.names ?? true;
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if ((ch === ',' || ch === ';') && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  const out: Mailbox[] = [];
  for (let part of parts) {
    // group syntax: "name: a, b;" — drop the group label (a colon before any quote or angle bracket)
    const colon = part.indexOf(':');
    if (colon !== -1 && !part.slice(0, colon).includes('"') && !part.slice(0, colon).includes('<')) {
      part = part.slice(colon + 1);
    }
    const angle = part.lastIndexOf('<');
    let address: string;
    let name: string | null = null;
    if (angle !== -1) {
      const close = part.indexOf('>', angle);
      address = part.slice(angle + 1, close === -1 ? undefined : close).trim();
      if (withNames) {
        const display = stripComments(part.slice(0, angle)).text.trim();
        if (display) name = decodeEncodedWords(display.replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1'));
      }
    } else {
      const { text, first } = stripComments(part);
      address = text.trim();
      if (withNames && first?.trim()) name = decodeEncodedWords(first.trim());
    }
    address = address.replace(/^"|"$/g, '').trim();
    if (address === '') continue;
    out.push({ name, address, domain: domainOf(address) });
  }
  return out;
}
