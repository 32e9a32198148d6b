// A small header splitter for the tests (the project's own reader lives in src/headers; these tests
// only need name/value pairs): split at the first blank line, unfold lines starting with space/tab.
import type { HeaderField } from '../../src/headers/types.js';

export function splitHeaders(message: string): HeaderField[] {
  const text = message.replace(/\r\n/g, '\n');
  const blank = text.search(/\n\n/);
  const head = blank >= 0 ? text.slice(0, blank) : text;
  const fields: HeaderField[] = [];
  let line = 0;
  for (const l of head.split('\n')) {
    line++;
    const last = fields[fields.length - 1];
    if ((l.startsWith(' ') || l.startsWith('\t')) && last) {
      last.raw += `\n${l}`;
      last.value += l;
      continue;
    }
    const colon = l.indexOf(':');
    if (colon <= 0) continue;
    const name = l.slice(0, colon);
    fields.push({
      name,
      lname: name.toLowerCase(),
      value: l.slice(colon + 1).replace(/^[ \t]+/, ''),
      raw: l,
      index: fields.length,
      line,
    });
  }
  return fields;
}

/** Header fields from `Name: value` strings (folded or not), in the order given. */
export function fieldsOf(headers: readonly string[]): HeaderField[] {
  return splitHeaders(headers.map((h) => h.replace(/\r?\n(?=[ \t])/g, '\n')).join('\n'));
}
