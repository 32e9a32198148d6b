/** Character tests and small text helpers shared by the parsers (hot loops: char codes, no regex). */

/** Folding white space as the header parsers see it: SP, HTAB, CR, LF. */
export function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** JavaScript's `\s` (WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** White-space runs to one space, trimmed (as `text.replace(/\s+/g, ' ').trim()`). */
export function collapse(text: string): string {
  // Most comments are one line of single-spaced ASCII words, which the regex would copy unchanged:
  // a scan tells so without building a string. Anything else (tabs, folds, runs of spaces,
  // space at either end, non-ASCII, where \s also matches U+00A0, U+3000 …) takes the regex.
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (space) return text.replace(/\s+/g, ' ').trim();
      space = true;
    } else if (c > 0x7e || c < 0x21) return text.replace(/\s+/g, ' ').trim();
    else space = false;
  }
  return space && text.length > 0 ? text.replace(/\s+/g, ' ').trim() : text;
}
