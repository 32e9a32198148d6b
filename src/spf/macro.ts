/** SPF macros (RFC 7208 §7): parsing a macro-string into tokens and expanding it. Pure. */

export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

export type MacroToken =
  | { kind: 'literal'; text: string }
  | {
      kind: 'macro';
      letter: MacroLetter;
      /** Uppercase letter: the value is URL-escaped after expansion (§7.3). */
      escape: boolean;
      /** Keep this many right-hand parts (§7.3); undefined = all. */
      digits?: number;
      reverse: boolean;
      /** Delimiters to split on (§7.1 `delimiter`); default ".". */
      delimiters: string;
      text: string;
    };

/** Letters allowed everywhere, and the three allowed only in exp= text (§7.1). */
const DOMAIN_LETTERS = 'slodiphv';
const EXP_ONLY_LETTERS = 'crt';

export type MacroParse = { ok: true; tokens: MacroToken[] } | { ok: false; detail: string };

/**
 * Parses a macro-string. `explain` allows the c, r, t letters and spaces (explain-string, §7.1);
 * otherwise only macro-literal characters (%x21-24 / %x26-7E) may appear outside macros.
 */
export function parseMacroString(text: string, explain: boolean): MacroParse {
  const tokens: MacroToken[] = [];
  let literal = '';
  const letters = explain ? DOMAIN_LETTERS + EXP_ONLY_LETTERS : DOMAIN_LETTERS;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = ch.charCodeAt(0);
    if (ch !== '%') {
      // macro-literal = %x21-24 / %x26-7E; explain-string also allows SP (§7.1).
      if (code > 0x7e || code < 0x20 || (code === 0x20 && !explain)) {
        return { ok: false, detail: `character U+${code.toString(16).padStart(4, '0')} not allowed` };
      }
      literal += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '%') {
      literal += '%';
      i++;
    } else if (next === '_') {
      literal += ' ';
      i++;
    } else if (next === '-') {
      literal += '%20';
      i++;
    } else if (next === '{') {
      const close = text.indexOf('}', i + 2);
      if (close < 0) return { ok: false, detail: `unterminated macro at "${text.slice(i)}"` };
      const body = text.slice(i + 2, close);
      const m = /^([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)$/i.exec(body);
      if (m === null) return { ok: false, detail: `bad macro "%{${body}}"` };
      const rawLetter = m[1] as string;
      const letter = rawLetter.toLowerCase();
      if (!letters.includes(letter)) {
        return { ok: false, detail: `macro letter "${rawLetter}" not allowed here` };
      }
      const digitText = m[2] ?? '';
      // §7.3: "If a DIGIT is specified, the value MUST be nonzero."
      if (digitText !== '' && Number(digitText) === 0) return { ok: false, detail: 'zero digit transformer' };
      if (literal !== '') tokens.push({ kind: 'literal', text: literal });
      literal = '';
      const token: MacroToken = {
        kind: 'macro',
        letter: letter as MacroLetter,
        escape: rawLetter !== letter,
        reverse: (m[3] ?? '') !== '',
        delimiters: (m[4] ?? '') === '' ? '.' : (m[4] as string),
        text: `%{${body}}`,
      };
      if (digitText !== '') token.digits = Number(digitText);
      tokens.push(token);
      i = close;
    } else {
      // §7.1: a "%" not followed by "{", "%", "_" or "-" is a syntax error.
      return { ok: false, detail: `"%" must be followed by {, %, _ or - (at "${text.slice(i, i + 3)}")` };
    }
  }
  if (literal !== '') tokens.push({ kind: 'literal', text: literal });
  return { ok: true, tokens };
}

/** Values of the macro letters for one expansion; `p` is computed lazily (it costs DNS queries). */
export interface MacroValues {
  s: string;
  l: string;
  o: string;
  d: string;
  i: string;
  h: string;
  c: string;
  r: string;
  t: string;
  v: string;
  p: () => Promise<string>;
}

/** §7.3: uppercase macros are URL-escaped: every octet outside the unreserved set becomes %XX. */
export function urlEscape(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** §7.3 transformers: split on the delimiters, optionally reverse, keep the rightmost N, join with ".". */
export function transform(
  value: string,
  delimiters: string,
  reverse: boolean,
  digits: number | undefined,
): string {
  let parts: string[] = [];
  let current = '';
  for (const ch of value) {
    if (delimiters.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  if (reverse) parts = parts.reverse();
  if (digits !== undefined && digits < parts.length) parts = parts.slice(parts.length - digits);
  return parts.join('.');
}

export async function expandMacros(tokens: readonly MacroToken[], values: MacroValues): Promise<string> {
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const raw = token.letter === 'p' ? await values.p() : values[token.letter];
    const transformed = transform(raw, token.delimiters, token.reverse, token.digits);
    out += token.escape ? urlEscape(transformed) : transformed;
  }
  return out;
}
