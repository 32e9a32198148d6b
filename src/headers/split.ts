import type { HeaderBlock, HeaderField } from './types.js';

/** Default cap on the header text read per message: real headers stay far below it (Gmail's are < 20 KB). */
export const DEFAULT_MAX_HEADER_BYTES = 2 * 1024 * 1024;

/**
 * Finds where the header block ends: the first empty line (LF or CRLF). Returns the offset of the
 * body, or the text length when there is no body (a bare header block, maybe without the blank line).
 */
export function headerEnd(text: string): { headerLength: number; bodyStart: number } {
  // analyzeMessage and detectInput ask this of the same text several times per message: the last
  // answer is kept (a fresh object is returned each time, so no caller shares one).
  if (text === lastText) return { headerLength: lastHeaderLength, bodyStart: lastBodyStart };
  const r = findHeaderEnd(text);
  lastText = text;
  lastHeaderLength = r.headerLength;
  lastBodyStart = r.bodyStart;
  return r;
}

let lastText: string | null = null;
let lastHeaderLength = 0;
let lastBodyStart = 0;

function findHeaderEnd(text: string): { headerLength: number; bodyStart: number } {
  // Old Mac files end lines with a lone CR: with no LF at all, the empty line is "\r\r".
  if (text.indexOf('\n') === -1) {
    const cr = text.indexOf('\r\r');
    if (cr !== -1) return { headerLength: cr + 1, bodyStart: cr + 2 };
    return { headerLength: text.length, bodyStart: text.length };
  }
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    // The line is empty, or a lone CR: compared in place, not sliced (this runs per message, per line).
    if (lineEnd === pos || (lineEnd === pos + 1 && text.charCodeAt(pos) === 13)) {
      return { headerLength: pos, bodyStart: nl === -1 ? text.length : nl + 1 };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return { headerLength: text.length, bodyStart: text.length };
}

/**
 * Splits a header block into fields, unfolding continuation lines (RFC 5322 §2.2.3). Lines that are
 * neither a field nor a continuation are kept as `junk` so that findings can point at them.
 * Works on LF, CRLF and lone-CR text alike; runs in time linear in the input.
 */
export function splitHeaderFields(
  text: string,
  options: { maxBytes?: number; firstLine?: number } = {},
): HeaderBlock {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const truncated = text.length > maxBytes;
  const source = truncated ? text.slice(0, maxBytes) : text;
  const fields: HeaderField[] = [];
  const junk: { line: number; text: string }[] = [];
  const firstLine = options.firstLine ?? 1;

  // The field being read: its first line, and its continuation lines as they will be joined (raw
  // with CRLF, the value without line breaks). Strings are appended, not collected into arrays and
  // joined: this runs for every line of every message of a scanned mailbox.
  let name: string | null = null;
  let first = '';
  let raw = '';
  let rest = '';
  let fieldLine = 0;
  const flush = (): void => {
    if (name === null) return;
    const colon = first.indexOf(':');
    // Unfold: a line break followed by white space is not part of the value (§2.2.3).
    fields.push({
      name,
      lname: name.toLowerCase(),
      value: trimSpaceTab(first.slice(colon + 1) + rest),
      raw,
      index: fields.length,
      line: fieldLine,
    });
    name = null;
  };

  // Lines end at CRLF, LF or a lone CR (as `split(/\r\n|\n|\r/)` would cut them).
  // Line ends are found with indexOf (next LF, next CR, each searched again only once passed).
  const n = source.length;
  let pos = 0;
  let lf = source.indexOf('\n');
  let cr = source.indexOf('\r');
  for (let i = 0; pos <= n; i++) {
    if (lf !== -1 && lf < pos) lf = source.indexOf('\n', pos);
    if (cr !== -1 && cr < pos) cr = source.indexOf('\r', pos);
    const end = cr === -1 ? (lf === -1 ? n : lf) : lf === -1 ? cr : Math.min(cr, lf);
    // An empty line ends the header block (or is the trailing line break of the text).
    if (end === pos) break;
    const line = source.slice(pos, end);
    pos = end >= n ? n + 1 : end === cr && lf === cr + 1 ? end + 2 : end + 1;
    const c0 = line.charCodeAt(0);
    if (c0 === 0x20 || c0 === 0x09) {
      if (name !== null) {
        raw += `\r\n${line}`;
        rest += line;
      } else junk.push({ line: firstLine + i, text: line });
      continue;
    }
    const nameEnd = fieldNameEnd(line);
    flush();
    if (nameEnd > 0) {
      name = line.slice(0, nameEnd);
      first = line;
      raw = line;
      rest = '';
      fieldLine = firstLine + i;
    } else {
      junk.push({ line: firstLine + i, text: line });
    }
  }
  flush();
  return { fields, size: source.length, junk, truncated };
}

/**
 * RFC 5322 §2.2: a field name is printable US-ASCII except colon. We accept the common
 * `Name : value` spacing (obsolete syntax, §4.5.3) too. Returns the name's length when the line
 * starts with `/^([\x21-\x39\x3b-\x7e]+)[ \t]*:/`, else 0: a character loop, not a regex exec per
 * header line.
 */
function fieldNameEnd(line: string): number {
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 0x3a) break;
    i++;
  }
  if (i === 0) return 0;
  let j = i;
  while (j < line.length && (line.charCodeAt(j) === 0x20 || line.charCodeAt(j) === 0x09)) j++;
  return line.charCodeAt(j) === 0x3a ? i : 0;
}

/** `replace(/^[ \t]+/, '').replace(/[ \t]+$/, '')` without the regexes (the second is slow on long blank runs). */
function trimSpaceTab(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** The fields with this (case-insensitive) name, in message order. */
export function fieldsNamed(block: { fields: readonly HeaderField[] }, name: string): HeaderField[] {
  const lname = name.toLowerCase();
  return block.fields.filter((f) => f.lname === lname);
}

/** The first field with this name, or undefined. */
export function firstField(block: { fields: readonly HeaderField[] }, name: string): HeaderField | undefined {
  const lname = name.toLowerCase();
  return block.fields.find((f) => f.lname === lname);
}
