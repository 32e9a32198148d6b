/**
 * RFC 8601 Authentication-Results (and the ARC-Authentication-Results payload, RFC 8617 §4.1.1),
 * read tolerantly: every vendor layout real receivers write is read the way the vendor means it,
 * departures are listed in `deviations`, and text that cannot be read is skipped with an entry in
 * `errors`. One left-to-right pass; every loop advances the position, so time is linear in the input.
 */

import { isRegisteredMethod } from './results.js';
import { collapse, isWsp } from './text.js';
import type { AuthProperty, AuthResult, AuthResultsField } from './types.js';

// A 100 KB field of garbage would otherwise yield thousands of identical messages.
const MAX_ERRORS = 50;
const MAX_DEVIATIONS = 50;

interface State {
  s: string;
  pos: number;
  errors: string[];
  errorCount: number;
  deviations: string[];
  /** Made with the first deviation (most fields have none). */
  deviationSet: Set<string> | null;
  /** Comments met since the last item took them. */
  pending: string[];
  /** Whether the last readValue read a quoted-string (kept here to spare an object per value). */
  quoted: boolean;
  /** Whether the last unquoted value read is a TOKEN or an ADDR (see VALUE_CLASS). */
  rfcValue: boolean;
}

function addError(st: State, message: string): void {
  st.errorCount++;
  if (st.errors.length < MAX_ERRORS) st.errors.push(message);
}

function addDeviation(st: State, message: string): void {
  // The same departure repeated for every result says nothing more.
  st.deviationSet ??= new Set();
  if (st.deviationSet.has(message) || st.deviations.length >= MAX_DEVIATIONS) return;
  st.deviationSet.add(message);
  st.deviations.push(message);
}

/**
 * Appends in a loop: `push(...xs)` passes every element as an argument and overflows the stack
 * for the hundred-thousand-element arrays a hostile field produces. Two fixed parameters rather
 * than a rest parameter: this runs for every result and property, and a rest array per call shows.
 */
function append<T>(target: T[], a: readonly T[], b?: readonly T[]): T[] {
  for (let i = 0; i < a.length; i++) target.push(a[i] as T);
  if (b !== undefined) for (let i = 0; i < b.length; i++) target.push(b[i] as T);
  return target;
}

// The scanners compare char codes (charCodeAt gives NaN past the end, which matches nothing):
// cheaper than one-character strings, and this is the hot loop of every stamp.

// RFC 8601 keyword = ALPHA / DIGIT / "-" (and "_", which Yahoo and Fastmail use in names).
function isKeywordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x2d ||
    c === 0x5f
  );
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Reads a (possibly nested) comment at `(`; returns its text without the outer parentheses. */
function readComment(st: State): string {
  const start = st.pos;
  st.pos++;
  let depth = 1;
  const s = st.s;
  let pos = st.pos;
  // Whether collapse() would return the text as it is (single-spaced printable ASCII, no space at
  // either end), found on the way instead of in a second pass; if not, collapse() decides.
  let clean = true;
  let space = true;
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c === 0x5c /* \\ */) {
      const next = s.charCodeAt(pos + 1);
      if (!(next >= 0x21 && next <= 0x7e)) clean = false;
      space = false;
      pos += 2;
      continue;
    }
    if (c === 0x28 /* ( */) depth++;
    else if (c === 0x29 /* ) */) {
      depth--;
      if (depth === 0) {
        st.pos = pos + 1;
        const text = s.slice(start + 1, pos);
        return clean && !space ? text : collapse(text);
      }
    }
    if (c === 0x20) {
      if (space) clean = false;
      space = true;
    } else if (c > 0x7e || c < 0x21) clean = false;
    else space = false;
    pos++;
  }
  st.pos = s.length;
  addError(st, `unterminated comment at offset ${start}`);
  return collapse(s.slice(start + 1));
}

/** Reads a quoted-string at `"`; returns its content with quoted-pairs resolved. */
function readQuoted(st: State): string {
  const start = st.pos;
  st.pos++;
  const s = st.s;
  // Pieces joined once at the end: appending to a string per quoted-pair builds deep ropes.
  const parts: string[] = [];
  let chunk = st.pos;
  while (st.pos < s.length) {
    const c = s.charCodeAt(st.pos);
    if (c === 0x5c /* \\ */) {
      parts.push(s.slice(chunk, st.pos), s[st.pos + 1] ?? '');
      st.pos += 2;
      chunk = st.pos;
      continue;
    }
    if (c === 0x22 /* " */) {
      parts.push(s.slice(chunk, st.pos));
      st.pos++;
      return parts.join('');
    }
    st.pos++;
  }
  st.pos = s.length;
  addError(st, `unterminated quoted string at offset ${start}`);
  parts.push(s.slice(Math.min(chunk, s.length)));
  return parts.join('');
}

/** Skips white space and comments; comments go to `pending`. */
function skipCfws(st: State): void {
  const s = st.s;
  while (st.pos < s.length) {
    const c = s.charCodeAt(st.pos);
    if (isWsp(c)) st.pos++;
    else if (c === 0x28 /* ( */) st.pending.push(readComment(st));
    else break;
  }
}

// Most items carry no comment: sharing one frozen empty list keeps a 100 KB field of bare words
// from allocating a list per item (frozen, so that a stray push fails loudly instead of leaking).
const NO_COMMENTS: string[] = Object.freeze([]) as unknown as string[];

function takeComments(st: State): string[] {
  if (st.pending.length === 0) return NO_COMMENTS;
  const taken = st.pending;
  st.pending = [];
  return taken;
}

function readKeyword(st: State): string {
  const s = st.s;
  const start = st.pos;
  let pos = start;
  while (pos < s.length && isKeywordChar(s.charCodeAt(pos))) pos++;
  st.pos = pos;
  return s.slice(start, pos);
}

/** A name part: a keyword, or a quoted string (Perl's test suite quotes every token). */
function readName(st: State): string | null {
  if (st.s.charCodeAt(st.pos) === 0x22 /* " */) return readQuoted(st);
  const word = readKeyword(st);
  return word === '' ? null : word;
}

// RFC 2045 token (no tspecials) and the `[local-part "@"] domain` form RFC 8601 §2.2 also allows,
// as the regexes
//   TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~\u0080-\uffff]+$/
//   ADDR = /^[!#$%&'*+\-/=?^_`{|}~.0-9A-Za-z\u0080-\uffff]*@[-.0-9A-Za-z_\u0080-\uffff]+$/
// read them, but tested in readValue's own pass (every property value goes through it).
// Bits per ASCII code: 1 token, 2 local part, 4 domain (code units ≥ 0x80 are in all three).
const VALUE_CLASS = (() => {
  const t = new Uint8Array(128);
  const mark = (chars: string, bit: number): void => {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      t[c] = (t[c] ?? 0) | bit;
    }
  };
  const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  mark(`${alnum}!#$%&'*+-.^_\`{|}~`, 1);
  mark(`${alnum}!#$%&'*+-/=?^_\`{|}~.`, 2);
  mark(`${alnum}-._`, 4);
  return t;
})();

// A value runs to white space, `;`, a comment, or a quote: wide enough for `header.b=oF80QtY/`,
// `address=thisisa=test@example.com` and unquoted IPv6 literals, which real receivers all write.
// Sets `st.quoted`, and `st.rfcValue` (whether an unquoted value is a TOKEN or an ADDR, tested in
// the same pass).
function readValue(st: State): string {
  const s = st.s;
  if (s.charCodeAt(st.pos) === 0x22 /* " */) {
    st.quoted = true;
    return readQuoted(st);
  }
  st.quoted = false;
  const start = st.pos;
  let pos = start;
  // The TOKEN / ADDR test's state: the class bits every code unit so far has, where the first `@`
  // is, and whether the part before it already failed.
  let all = 7;
  let at = -1;
  let failed = false;
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (isWsp(c) || c === 0x3b /* ; */ || c === 0x28 || c === 0x29 || c === 0x22) break;
    if (c < 0x80) {
      if (c === 0x40 /* @ */ && at < 0) {
        if ((all & 2) === 0) failed = true;
        at = pos;
        all = 4;
      } else all &= VALUE_CLASS[c] ?? 0;
    }
    pos++;
  }
  st.pos = pos;
  st.rfcValue = !failed && (at < 0 ? (all & 1) !== 0 : at < pos - 1 && (all & 4) !== 0);
  return s.slice(start, pos);
}

/** Skips to just past the next top-level `;` (or the end), stepping over comments and quotes. */
function recover(st: State): void {
  const s = st.s;
  while (st.pos < s.length) {
    const c = s.charCodeAt(st.pos);
    if (c === 0x3b /* ; */) {
      st.pos++;
      return;
    }
    if (c === 0x28 /* ( */) readComment(st);
    else if (c === 0x22 /* " */) readQuoted(st);
    else st.pos++;
  }
}

// Every item is built with all its fields (absent ones undefined), so that all items share one
// shape and the code reading them stays monomorphic.
interface Item {
  /** Lower-cased. */
  key: string;
  /** Lower-cased property after `.`, when the key was `ptype.property`. */
  prop: string | undefined;
  version: string | undefined;
  hasValue: boolean;
  value: string;
  quoted: boolean;
  comments: string[];
  /** Comments met after the value (they describe it); never modified (may be NO_COMMENTS). */
  trailing: string[];
  /** A bare `a.b.c` word: a repeated authserv-id (Microsoft). */
  domainWord: string | undefined;
  offset: number;
}

/** Reads one `key[.prop][/version][=value]` item, or a bare dotted word; null on a syntax error. */
function readItem(st: State): Item | null {
  const s = st.s;
  const offset = st.pos;
  const leading = takeComments(st);
  // A bare dotted word (`outlook.com;`) is Microsoft's repeated authserv-id, not a property.
  // The same scan finds where the first keyword ends (at the first dot, or the end of the run).
  let runEnd = st.pos;
  let firstDot = -1;
  for (; runEnd < s.length; runEnd++) {
    const c = s.charCodeAt(runEnd);
    if (c === 0x2e /* . */) {
      if (firstDot < 0) firstDot = runEnd;
    } else if (!isKeywordChar(c)) break;
  }
  if (firstDot >= 0) {
    const save = st.pos;
    const word = s.slice(st.pos, runEnd);
    st.pos = runEnd;
    skipCfws(st);
    if (st.pos >= s.length || s.charCodeAt(st.pos) === 0x3b /* ; */) {
      return {
        key: word.toLowerCase(),
        prop: undefined,
        version: undefined,
        hasValue: false,
        value: '',
        quoted: false,
        comments: append([], leading, takeComments(st)),
        trailing: NO_COMMENTS,
        domainWord: word,
        offset,
      };
    }
    st.pos = save;
    st.pending = [];
  }
  // readName, with the keyword's end known from the scan above.
  let first: string | null;
  if (s.charCodeAt(st.pos) === 0x22 /* " */) first = readQuoted(st);
  else {
    const end = firstDot >= 0 ? firstDot : runEnd;
    first = end === st.pos ? null : s.slice(st.pos, end);
    st.pos = end;
  }
  if (first === null) {
    const c = s[st.pos];
    addError(
      st,
      c === '='
        ? `result with no method at offset ${st.pos}`
        : `unexpected ${describeChar(c)} at offset ${st.pos}`,
    );
    return null;
  }
  const item: Item = {
    key: first.toLowerCase(),
    prop: undefined,
    version: undefined,
    hasValue: false,
    value: '',
    quoted: false,
    comments: leading,
    trailing: NO_COMMENTS,
    domainWord: undefined,
    offset,
  };
  skipCfws(st);
  if (s.charCodeAt(st.pos) === 0x2e /* . */) {
    st.pos++;
    skipCfws(st);
    const prop = readName(st);
    if (prop === null) {
      addError(st, `expected a property name after '.' at offset ${st.pos}`);
      return null;
    }
    item.prop = prop.toLowerCase();
    skipCfws(st);
    if (s.charCodeAt(st.pos) === 0x2e /* . */) {
      addError(st, `unexpected second '.' at offset ${st.pos}`);
      return null;
    }
  }
  if (s.charCodeAt(st.pos) === 0x2f /* / */) {
    st.pos++;
    skipCfws(st);
    const start = st.pos;
    while (isDigit(s.charCodeAt(st.pos))) st.pos++;
    if (st.pos === start) {
      addError(st, `method version must be digits at offset ${start}`);
      return null;
    }
    item.version = s.slice(start, st.pos);
    skipCfws(st);
  }
  if (s.charCodeAt(st.pos) === 0x3d /* = */) {
    st.pos++;
    skipCfws(st);
    const more = takeComments(st);
    if (more.length > 0) item.comments = item.comments.length === 0 ? more : append(item.comments, more);
    item.hasValue = true;
    if (s.charCodeAt(st.pos) === 0x3d /* = */) {
      addError(st, `unexpected '=' at offset ${st.pos}`);
      return null;
    }
    const text = readValue(st);
    item.value = text;
    item.quoted = st.quoted;
    if (!st.quoted && text !== '' && !st.rfcValue) {
      addDeviation(st, `value "${clip(text)}" should have been quoted`);
    }
  }
  skipCfws(st);
  item.trailing = takeComments(st);
  return item;
}

function describeChar(c: string | undefined): string {
  return c === undefined ? 'end of field' : `'${c}'`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Reads the items of one `;`-separated clause. Returns null when the clause had a syntax error. */
function readClause(st: State): Item[] | null {
  const items: Item[] = [];
  const s = st.s;
  skipCfws(st);
  while (st.pos < s.length && s.charCodeAt(st.pos) !== 0x3b /* ; */) {
    const item = readItem(st);
    if (item === null) {
      recover(st);
      return null;
    }
    // readItem always consumes text, so this loop ends; a character it cannot read makes the
    // next readItem fail and recover.
    items.push(item);
  }
  if (s.charCodeAt(st.pos) === 0x3b /* ; */) st.pos++;
  return items;
}

function newResult(item: Item): AuthResult {
  const r: AuthResult = {
    method: item.key,
    result: item.value.toLowerCase(),
    known: isRegisteredMethod(item.key),
    comments: append([], item.comments, item.trailing),
    properties: [],
  };
  if (item.version !== undefined) r.version = item.version;
  return r;
}

function toProperty(item: Item): AuthProperty {
  const p: AuthProperty =
    item.prop === undefined
      ? { ptype: '', property: item.key, value: item.value }
      : { ptype: item.key, property: item.prop, value: item.value };
  if (item.trailing.length > 0) p.comment = item.trailing.join(' ');
  return p;
}

interface FieldContext {
  st: State;
  field: AuthResultsField;
  fieldComments: string[];
  sawNone: boolean;
  sawResults: boolean;
  microsoft: boolean;
  yahoo: boolean;
}

/** Turns one clause's items into results, following the layout the items show. */
function interpretClause(ctx: FieldContext, items: Item[]): void {
  const { st } = ctx;
  const first = items[0];
  if (first === undefined) return;
  const clauseComments = (): string[] => {
    const out: string[] = [];
    for (const i of items) append(out, i.comments, i.trailing);
    return out;
  };

  if (items.length === 1 && first.domainWord !== undefined) {
    // Microsoft repeats its authserv-id after results (`header.d=none;outlook.com; dmarc=…`).
    ctx.microsoft = true;
    if (ctx.field.authservId === undefined) {
      ctx.field.authservId = first.domainWord;
      addDeviation(st, 'results before the authserv-id');
    } else addDeviation(st, 'authserv-id repeated between results');
    append(ctx.fieldComments, clauseComments());
    return;
  }
  if (first.key === 'none' && first.prop === undefined && !first.hasValue) {
    if (items.length > 1) {
      addError(st, `'none' followed by more text at offset ${first.offset}`);
      return;
    }
    if (ctx.sawNone || ctx.sawResults) {
      addError(st, `'none' where results were expected at offset ${first.offset}`);
      return;
    }
    ctx.sawNone = true;
    ctx.field.none = true;
    append(ctx.fieldComments, clauseComments());
    return;
  }
  const results = readResults(ctx, items);
  if (results.length === 0) return;
  if (ctx.sawNone) {
    addError(st, `results after 'none' at offset ${first.offset}`);
    return;
  }
  ctx.sawResults = true;
  append(ctx.field.results, results);
}

function readResults(ctx: FieldContext, items: Item[]): AuthResult[] {
  const { st } = ctx;
  const first = items[0];
  if (first === undefined) return [];

  // Yahoo: `spfDomain=d spfResult=pass` instead of `spf=pass smtp.mailfrom=d`.
  let spfResult: Item | undefined;
  for (const i of items) {
    if (i.prop === undefined && i.key === 'spfresult' && i.hasValue) {
      spfResult = i;
      break;
    }
  }
  if (spfResult !== undefined) {
    ctx.yahoo = true;
    addDeviation(st, "Yahoo's spfResult= layout");
    const r: AuthResult = {
      method: 'spf',
      result: spfResult.value.toLowerCase(),
      known: true,
      comments: [],
      properties: [],
    };
    for (const item of items) {
      append(r.comments, item.comments, item.trailing);
      if (item !== spfResult) r.properties.push(toProperty(item));
    }
    return [r];
  }

  if (first.prop !== undefined) return readPropertiesFirst(ctx, items);

  if (!first.hasValue) {
    if (items.length > 1 || first.domainWord !== undefined) {
      addError(st, `unexpected word '${clip(first.key)}' at offset ${first.offset}`);
      return [];
    }
    // Perl's test suite reads a bare `two` as `two=""`; so do we, and say so.
    addDeviation(st, `method '${clip(first.key)}' without a result`);
    return [newResult(first)];
  }

  const results: AuthResult[] = [];
  let current = newResult(first);
  results.push(current);
  for (let k = 1; k < items.length; k++) {
    const item = items[k];
    if (item === undefined) continue;
    if (item.domainWord !== undefined || !item.hasValue) {
      addError(st, `unexpected word '${clip(item.key)}' at offset ${item.offset}`);
      return [];
    }
    if (item.prop !== undefined) {
      current.properties.push(toProperty(item));
      append(current.comments, item.comments, item.trailing);
    } else if (item.key === 'reason' && current.reason === undefined && item.version === undefined) {
      current.reason = item.value;
      append(current.comments, item.comments, item.trailing);
    } else if (isRegisteredMethod(item.key)) {
      // `dkim=pass header.d=a dmarc=pass …`: a registered method inside a clause starts a result.
      addDeviation(st, "missing ';' between results");
      current = newResult(item);
      results.push(current);
    } else {
      addDeviation(st, `property '${clip(item.key)}' without a ptype`);
      current.properties.push(toProperty(item));
      append(current.comments, item.comments, item.trailing);
    }
  }
  return results;
}

/** Yahoo: `header.i=@a header.s=s1 dkim=pass (ok) header.i=@b … dkim=pass (ok)`. */
function readPropertiesFirst(ctx: FieldContext, items: Item[]): AuthResult[] {
  const { st } = ctx;
  const results: AuthResult[] = [];
  let props: Item[] = [];
  for (const item of items) {
    if (item.domainWord !== undefined || !item.hasValue) {
      addError(st, `unexpected word '${clip(item.key)}' at offset ${item.offset}`);
      return [];
    }
    if (item.prop !== undefined) {
      props.push(item);
      continue;
    }
    const r = newResult(item);
    for (const p of props) {
      r.properties.push(toProperty(p));
      append(r.comments, p.comments, p.trailing);
    }
    props = [];
    results.push(r);
  }
  const last = results[results.length - 1];
  if (last === undefined) {
    addError(st, `properties with no method at offset ${items[0]?.offset ?? st.pos}`);
    return [];
  }
  ctx.yahoo = true;
  addDeviation(st, 'properties written before the method');
  for (const p of props) last.properties.push(toProperty(p));
  return results;
}

// `Name:` at the start: the function accepts a whole field as well as a value.
const FIELD_PREFIX = /^[ \t]*([A-Za-z0-9-]*authentication-results)[ \t]*:/i;

/**
 * False when FIELD_PREFIX cannot match: its name is the run of `[A-Za-z0-9-]` after the leading
 * blanks, and ends in the 22 characters of `authentication-results`. A value (the usual input)
 * starts with a shorter run (`mx.google.com`, `spf=`), told in a few char codes instead of a regex
 * call per field.
 */
function mayHaveFieldName(text: string): boolean {
  let p = 0;
  while (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x09) p++;
  const start = p;
  for (;;) {
    const c = text.charCodeAt(p);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d))
      break;
    p++;
  }
  return p - start >= 22;
}
const ARC_INSTANCE = /^[ \t\r\n]*i[ \t]*=[ \t]*([0-9]{1,9})[ \t\r\n]*;/i;

/**
 * Parses an Authentication-Results field (RFC 8601), an ARC-Authentication-Results field
 * (`i=N;` + payload) or a vendor variant (Microsoft, Yahoo, iCloud …). Accepts the whole field
 * (`Authentication-Results: …`) or only its value, folded or unfolded. Never throws: syntax
 * problems are reported in `errors` and the parse goes on at the next `;`.
 */
export function parseAuthenticationResults(field: string): AuthResultsField {
  return parseField(field, null);
}

/**
 * Payloads read so far in one message (text after `i=N;` and leading white space → the field read
 * from it without an error). Gmail writes the same payload in its Authentication-Results and in
 * its ARC-Authentication-Results: with a memo, the second is a copy of the first (with its own
 * instance) instead of a second parse. A payload with errors is always read again: the errors
 * name offsets in their own field.
 */
export type PayloadMemo = Map<string, AuthResultsField>;

/** parseAuthenticationResults, sharing the reading of identical payloads through `memo`. */
export function parseAuthenticationResultsWith(field: string, memo: PayloadMemo): AuthResultsField {
  return parseField(field, memo);
}

/**
 * A copy of `p` (read without errors) with `instance`: new objects throughout (readStamps tells
 * results apart by identity) and the keys in the order a parse adds them.
 */
function copyField(p: AuthResultsField, instance: number | undefined): AuthResultsField {
  const results: AuthResult[] = [];
  for (const r of p.results) {
    const c: AuthResult = {
      method: r.method,
      result: r.result,
      known: r.known,
      comments: r.comments.slice(),
      properties: r.properties.map((x) => ({ ...x })),
    };
    if (r.version !== undefined) c.version = r.version;
    if (r.reason !== undefined) c.reason = r.reason;
    results.push(c);
  }
  const out: AuthResultsField = { none: p.none, results, errors: [], layout: p.layout };
  if (instance !== undefined) out.instance = instance;
  if (p.authservId !== undefined) out.authservId = p.authservId;
  if (p.version !== undefined) out.version = p.version;
  if (p.comments !== undefined) out.comments = p.comments.slice();
  if (p.deviations !== undefined) out.deviations = p.deviations.slice();
  return out;
}

function parseField(field: string, memo: PayloadMemo | null): AuthResultsField {
  let text = field;
  let isArc = false;
  const named = mayHaveFieldName(text) ? FIELD_PREFIX.exec(text) : null;
  if (named !== null) {
    isArc = (named[1] ?? '').toLowerCase() === 'arc-authentication-results';
    text = text.slice(named[0].length);
  }
  const arc = ARC_INSTANCE.exec(text);
  // The parse skips the white space after `i=N;` (or at the start) before anything else, and
  // reads the rest the same whatever precedes it; only error offsets depend on it. An ARC field
  // without `i=` has an error of its own, so it is neither looked up nor kept.
  let payload: string | null = null;
  if (memo !== null && (arc !== null || !isArc)) {
    let p = arc === null ? 0 : arc[0].length;
    while (isWsp(text.charCodeAt(p))) p++;
    payload = text.slice(p);
    const seen = memo.get(payload);
    if (seen !== undefined) return copyField(seen, arc === null ? undefined : Number(arc[1]));
  }
  const st: State = {
    s: text,
    pos: 0,
    errors: [],
    errorCount: 0,
    deviations: [],
    deviationSet: null,
    pending: [],
    quoted: false,
    rfcValue: true,
  };
  const field0: AuthResultsField = { none: false, results: [], errors: st.errors, layout: 'rfc8601' };
  const ctx: FieldContext = {
    st,
    field: field0,
    fieldComments: [],
    sawNone: false,
    sawResults: false,
    microsoft: false,
    yahoo: false,
  };

  if (arc !== null) {
    field0.instance = Number(arc[1]);
    st.pos = arc[0].length;
  } else if (isArc) {
    addError(st, 'ARC-Authentication-Results without i=');
  }

  readIdSegment(ctx);
  while (st.pos < text.length) {
    const items = readClause(st);
    if (items !== null) interpretClause(ctx, items);
  }
  append(ctx.fieldComments, takeComments(st));

  if (st.errorCount > MAX_ERRORS) {
    st.errors.push(`… and ${st.errorCount - MAX_ERRORS} more errors`);
  }
  if (ctx.fieldComments.length > 0) field0.comments = ctx.fieldComments;
  if (!ctx.sawNone && !ctx.sawResults && st.errorCount === 0 && field0.authservId !== undefined) {
    addDeviation(st, "no results and no 'none'");
  }
  if (st.deviations.length > 0) field0.deviations = st.deviations;
  field0.layout = ctx.microsoft
    ? 'microsoft'
    : ctx.yahoo
      ? 'yahoo'
      : st.errorCount > 0 || st.deviations.length > 0
        ? 'other'
        : 'rfc8601';
  if (payload !== null && memo !== null && st.errorCount === 0) memo.set(payload, field0);
  return field0;
}

/** Reads `authserv-id [version]` (or notices Microsoft's id-less start) and what follows before `;`. */
function readIdSegment(ctx: FieldContext): void {
  const { st } = ctx;
  const s = st.s;
  skipCfws(st);
  append(ctx.fieldComments, takeComments(st));
  if (st.pos >= s.length) {
    addError(st, 'empty field: no authserv-id');
    return;
  }
  if (s.charCodeAt(st.pos) === 0x3b /* ; */) {
    addError(st, `missing authserv-id at offset ${st.pos}`);
    st.pos++;
    return;
  }
  // Microsoft starts with a result (`spf=softfail (…) smtp.mailfrom=…; dkim=…`): a keyword then `=`.
  const save = st.pos;
  const word = readKeyword(st);
  if (word !== '') {
    const afterWord = st.pos;
    skipCfws(st);
    const c = s.charCodeAt(st.pos);
    if (c === 0x3d /* = */ || c === 0x2f /* / */) {
      ctx.microsoft = true;
      addDeviation(st, 'no authserv-id: the field starts with a result');
      st.pos = save;
      st.pending = [];
      return;
    }
    st.pos = afterWord;
  }
  st.pos = save;
  st.pending = [];

  const id = readValue(st);
  if (id === '') {
    addError(st, `unexpected ${describeChar(s[st.pos])} where the authserv-id was expected`);
    recover(st);
    return;
  }
  ctx.field.authservId = id;
  skipCfws(st);
  const versionStart = st.pos;
  while (isDigit(s.charCodeAt(st.pos))) st.pos++;
  if (st.pos > versionStart) {
    const next = s.charCodeAt(st.pos);
    if (st.pos >= s.length || next === 0x3b /* ; */ || isWsp(next) || next === 0x28 /* ( */) {
      ctx.field.version = s.slice(versionStart, st.pos);
    } else st.pos = versionStart;
  }
  skipCfws(st);
  append(ctx.fieldComments, takeComments(st));
  if (st.pos >= s.length) return;
  if (s.charCodeAt(st.pos) === 0x3b /* ; */) {
    st.pos++;
    return;
  }
  // Yahoo omits the `;` after the authserv-id (`mta1192.mail.ir2.yahoo.com header.i=… dkim=pass`).
  addDeviation(st, "no ';' after the authserv-id");
  const items = readClause(st);
  if (items !== null) interpretClause(ctx, items);
}
