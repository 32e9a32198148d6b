/**
 * A linear scanner for Received field text. Every function here walks its input once (comments are
 * matched with a depth counter, never by recursion or backtracking), so a 1 MB value or thousands of
 * nested or unbalanced parentheses cost time proportional to their length.
 */

/** One lexical item of a Received value: a word (atom, bracketed literal…) or a comment. */
export interface Item {
  kind: 'word' | 'comment';
  /** Word text, or the comment's content without its outer parentheses (nested ones kept). */
  text: string;
  /** True when no white space separates this item from the previous one (`host(1.2.3.4)`). */
  glued: boolean;
  /** Offset of the item in the scanned string (of its `(` for a comment). */
  start: number;
}

/** The characters that end a word: white space, `(`, `)`, `;` (one table look-up per character). */
const WORD_END = new Uint8Array(128);
for (const c of [32, 9, 10, 13, 40, 41, 59]) WORD_END[c] = 1;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Splits text into words and comments. `;` separates like white space (Squirrelmail writes
 * `(… user admin); by host`); a `(` without its `)` runs to the end (RFC 5322 §3.2.2 comments can
 * nest; a broken one must not swallow more than the rest of the field); a stray `)` is dropped.
 */
export function scanItems(s: string): Item[] {
  const items: Item[] = [];
  const n = s.length;
  let i = 0;
  let glued = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 59) {
      i++;
      glued = false;
      continue;
    }
    if (c === 40) {
      const e = commentEnd(s, i, n);
      const closed = e >= 0;
      const end = closed ? e : -e - 1;
      items.push({ kind: 'comment', text: s.slice(i + 1, closed ? end - 1 : end), glued, start: i });
      i = end;
      glued = true;
      continue;
    }
    if (c === 41) {
      i++;
      glued = true;
      continue;
    }
    const j = wordEnd(s, i + 1, n);
    items.push({ kind: 'word', text: s.slice(i, j), glued, start: i });
    i = j;
    glued = true;
  }
  return items;
}

/** A comment as the Received reader keeps it: its content, and whether it touches the item before. */
export interface Comment {
  text: string;
  glued: boolean;
}

/**
 * An item as the Received reader keeps it: a word is its text itself (no object: a field has dozens
 * of words, and a huge field hundreds of thousands), a comment a Comment.
 */
export type Token = string | Comment;

/**
 * scanItems as tokens, in the same pass: the items of the whole text, their offsets, and the index
 * of its last `;` outside comments (-1 if none; RFC 5322 §3.6.7: the date-time follows the last
 * `;` of the field, and one may stand earlier, e.g. Squirrelmail's `…admin); by host`). The items
 * before it are scanItems of the text before it.
 */
export function scanField(s: string): { tokens: Token[]; starts: number[]; semi: number } {
  const found = { semi: -1 };
  const starts: number[] = [];
  const tokens = tokenize(s, starts, found);
  return { tokens, starts, semi: found.semi };
}

/** scanItems(s) as tokens. */
export function scanTokens(s: string): Token[] {
  return tokenize(s, null, null);
}

/** The loop of scanItems, making tokens (and recording offsets when asked). */
function tokenize(s: string, starts: number[] | null, found: { semi: number } | null): Token[] {
  const tokens: Token[] = [];
  // Reaching the last `;` of all at the top level, the last top-level one is found: the date after
  // it is not cut into items that would be dropped.
  const lastSemi = found !== null ? s.lastIndexOf(';') : -1;
  const n = s.length;
  let i = 0;
  let glued = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 59) {
      if (c === 59 && found !== null) {
        found.semi = i;
        if (i === lastSemi) break;
      }
      i++;
      glued = false;
      continue;
    }
    if (c === 40) {
      const e = commentEnd(s, i, n);
      const end = e >= 0 ? e : -e - 1;
      tokens.push({ text: s.slice(i + 1, e >= 0 ? end - 1 : end), glued });
      if (starts !== null) starts.push(i);
      i = end;
      glued = true;
      continue;
    }
    if (c === 41) {
      i++;
      glued = true;
      continue;
    }
    const j = wordEnd(s, i + 1, n);
    tokens.push(s.slice(i, j));
    if (starts !== null) starts.push(i);
    i = j;
    glued = true;
  }
  return tokens;
}

/**
 * The end of the comment that opens at `i` (just past its closing parenthesis), or, when it never
 * closes, `-n - 1` (the comment runs to the end). Comments nest; a backslash quotes the next
 * character (a quoted-pair, RFC 5322 §3.2.1). A number, not an object: this runs for every comment
 * of every Received field of a scanned mailbox.
 */
function commentEnd(s: string, i: number, n: number): number {
  let depth = 1;
  let j = i + 1;
  while (j < n && depth > 0) {
    const d = s.charCodeAt(j);
    if (d === 92) j++;
    else if (d === 40) depth++;
    else if (d === 41) depth--;
    j++;
  }
  const end = Math.min(j, n);
  return depth === 0 ? end : -end - 1;
}

/** Where the word running at `j` ends: at white space, a parenthesis or `;` (WORD_END), or at `n`. */
function wordEnd(s: string, j: number, n: number): number {
  let k = j;
  while (k < n) {
    const d = s.charCodeAt(k);
    if (d < 128 && WORD_END[d] === 1) break;
    k++;
  }
  return k;
}

/**
 * The words of scanItems(s), each also cut at its commas (empty pieces dropped), without the item
 * objects: comments are skipped the way scanItems skips them.
 */
export function scanWords(s: string): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 40) {
      const e = commentEnd(s, i, n);
      i = e >= 0 ? e : -e - 1;
      continue;
    }
    if (c < 128 && WORD_END[c] === 1) {
      i++;
      continue;
    }
    let piece = i;
    let j = i;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (d < 128 && WORD_END[d] === 1) break;
      if (d === 44) {
        if (j > piece) out.push(s.slice(piece, j));
        piece = j + 1;
      }
      j++;
    }
    if (j > piece) out.push(s.slice(piece, j));
    i = j;
  }
  return out;
}

/** Appends to out the texts of the comments of scanItems(s), without making the word items. */
export function scanComments(s: string, out: string[]): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 40) {
      const e = commentEnd(s, i, n);
      const end = e >= 0 ? e : -e - 1;
      out.push(s.slice(i + 1, e >= 0 ? end - 1 : end));
      i = end;
      continue;
    }
    if (c < 128 && WORD_END[c] === 1) {
      i++;
      continue;
    }
    // A word: it ends at white space, a parenthesis or `;`.
    i = wordEnd(s, i + 1, n);
  }
}

/** Replaces control characters (C0, DEL) by spaces, collapses runs of white space and trims. */
export function cleanText(s: string): string {
  // Each run of white space and control characters becomes one space (one native pass; a lone
  // space, already right, is not matched, and text with nothing to change comes back as it is);
  // then at most one space is left at each end.
  const r = s.replace(BLANK_RUNS, ' ');
  if (r.length === 0) return r;
  const a = r.charCodeAt(0) === 32 ? 1 : 0;
  const b = r.length > a && r.charCodeAt(r.length - 1) === 32 ? r.length - 1 : r.length;
  return a === 0 && b === r.length ? r : r.slice(a, b);
}

const BLANK_RUNS = /[\x00-\x1f\x7f][\x00-\x20\x7f]*| [\x00-\x20\x7f]+/g;
