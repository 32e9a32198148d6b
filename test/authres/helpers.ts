// A tiny header splitter for the tests (the real one lives in src/headers): split at the first
// blank line, unfold continuation lines, keep name, raw text and position.

import { receivedByHost } from '../../src/authres/index.js';
import type { HeaderField } from '../../src/headers/types.js';

export function headerFields(text: string): HeaderField[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blank = normalized.search(/\n\n/);
  const head = blank < 0 ? normalized : normalized.slice(0, blank);
  const fields: HeaderField[] = [];
  let current: { lines: string[]; line: number } | null = null;
  const flush = (): void => {
    if (current === null) return;
    const raw = current.lines.join('\n');
    const colon = raw.indexOf(':');
    if (colon > 0) {
      const name = raw.slice(0, colon).trim();
      fields.push({
        name,
        lname: name.toLowerCase(),
        value: raw
          .slice(colon + 1)
          .replace(/\n[ \t]/g, (m) => m.slice(1))
          .replace(/^[ \t]+/, ''),
        raw,
        index: fields.length,
        line: current.line,
      });
    }
    current = null;
  };
  head.split('\n').forEach((line, i) => {
    if (/^[ \t]/.test(line) && current !== null) current.lines.push(line);
    else {
      flush();
      // An mbox "From " separator line is not a field.
      if (line === '' || line.startsWith('From ')) return;
      current = { lines: [line], line: i + 1 };
    }
  });
  flush();
  return fields;
}

/** The topmost Received `by` host that is a DNS name (Gmail's own `by 2002:…` hops are skipped). */
export function topReceiverHost(fields: HeaderField[]): string[] {
  for (const f of fields) {
    if (f.lname !== 'received') continue;
    const by = receivedByHost(f.value);
    if (by !== null && /[a-z]/i.test(by) && by.includes('.') && !by.includes(':')) return [by];
  }
  return [];
}

/** Builds fields from `Name: value` lines (continuation lines start with white space). */
export function block(text: string): HeaderField[] {
  return headerFields(`${text.replace(/^\n/, '')}\n\nbody`);
}
