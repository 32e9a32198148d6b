import type { HeaderBlock, HeaderField } from './types.js';

/** Default cap on the header text read per message: real headers stay far below it (Gmail's are < 20 KB). */
export const DEFAULT_MAX_HEADER_BYTES = 2 * 1024 * 1024;

// RFC 5322 §2.2: a field name is printable US-ASCII except colon. We accept the common
// `Name : value` spacing (obsolete syntax, §4.5.3) too.
const FIELD_NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/**
 * Finds where the header block ends: the first empty line (LF or CRLF). Returns the offset of the
 * body, or the text length when there is no body (a bare header block, maybe without the blank line).
 */
export function headerEnd(text: string): { headerLength: number; bodyStart: number } {
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    if (line === '' || line === '\r') {
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
  const lines = source.split(/\r\n|\n|\r/);
  const fields: HeaderField[] = [];
  const junk: { line: number; text: string }[] = [];
  const firstLine = options.firstLine ?? 1;

  let current: { name: string; rawLines: string[]; line: number } | null = null;
  const flush = (): void => {
    if (!current) return;
    const raw = current.rawLines.join('\r\n');
    const first = current.rawLines[0] ?? '';
    const colon = first.indexOf(':');
    // Unfold: a line break followed by white space is not part of the value (§2.2.3).
    const joined = [first.slice(colon + 1), ...current.rawLines.slice(1)].join('');
    fields.push({
      name: current.name,
      lname: current.name.toLowerCase(),
      value: joined.replace(/^[ \t]+/, '').replace(/[ \t]+$/, ''),
      raw,
      index: fields.length,
      line: current.line,
    });
    current = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') {
      if (i === lines.length - 1) break; // trailing line break
      flush();
      break; // end of the header block
    }
    const c = line.charCodeAt(0);
    if (c === 0x20 || c === 0x09) {
      if (current) current.rawLines.push(line);
      else junk.push({ line: firstLine + i, text: line });
      continue;
    }
    const m = FIELD_NAME.exec(line);
    if (m?.[1]) {
      flush();
      current = { name: m[1], rawLines: [line], line: firstLine + i };
    } else {
      flush();
      junk.push({ line: firstLine + i, text: line });
    }
  }
  flush();
  return { fields, size: source.length, junk, truncated };
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
