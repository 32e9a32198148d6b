/**
 * Received dates: RFC 5322 §3.3 date-time and the obsolete or non-standard forms stamped in the wild
 * (§4.3 obs-date: 2-digit years, named zones; asctime; `2018-03-26 13:35:36.270951634 +0000 UTC`
 * from SendGrid's Go stamp; `4/20/2018 11:01:16 PM` from Exchange tools). Token based and linear;
 * a date that cannot be read is `undefined`, never "now".
 */
import { cleanText } from './scan.js';

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  sept: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const WEEKDAYS = new Set(['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);

/**
 * Named zones in minutes east of UTC. RFC 5322 §4.3 defines UT, GMT and the North American ones;
 * the others are the abbreviations MTAs print in trailing comments (`(JST)`, `(CEST)`, `(WIB)`).
 * Ambiguous abbreviations (IST, CST-China…) resolve to the RFC meaning or are left out.
 */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  west: 60,
  bst: 60,
  cet: 60,
  met: 60,
  cest: 120,
  mest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  wib: 420,
  hkt: 480,
  sgt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

/** Longest date text looked at: real dates are < 100 characters; the rest is trailing junk. */
export const MAX_DATE_TEXT = 256;

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// Hoisted: built once, these run for every word of every Received date.
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const short = w.slice(0, 3);
  const m = MONTHS[w] ?? MONTHS[short];
  if (m === undefined) return undefined;
  // Full names ("September") and the 3- or 4-letter forms only.
  const full = MONTH_NAMES[m];
  if (w.length <= 4 || w === full) return m;
  return undefined;
}

function isWeekday(word: string): boolean {
  const w = word.toLowerCase();
  if (WEEKDAYS.has(w)) return true;
  return WEEKDAY_NAMES.includes(w);
}

/** RFC 5322 §4.3: a 2-digit year is 19xx when ≥ 50, else 20xx; a 3-digit year adds 1900. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length === 2) return y >= 50 ? 1900 + y : 2000 + y;
  if (text.length === 3) return 1900 + y;
  return y;
}

interface Time {
  h: number;
  m: number;
  s: number;
  ms: number;
}

/** `hh:mm`, `hh:mm:ss`, `hh:mm:ss.fraction`; returns the rest of the word (a glued zone). */
function readTime(word: string): { time: Time; rest: string } | undefined {
  let i = 0;
  const parts: string[] = [];
  let cur = '';
  while (i < word.length) {
    const ch = word[i] as string;
    if (ch >= '0' && ch <= '9') cur += ch;
    else if (ch === ':' && parts.length < 2) {
      parts.push(cur);
      cur = '';
    } else break;
    i++;
  }
  parts.push(cur);
  if (parts.length < 2) return undefined;
  let ms = 0;
  if (word[i] === '.' && parts.length === 3) {
    let j = i + 1;
    let frac = '';
    while (j < word.length && (word[j] as string) >= '0' && (word[j] as string) <= '9') {
      frac += word[j];
      j++;
    }
    if (frac.length === 0) return undefined;
    // Milliseconds, truncated: `.270951634` → 270 (what JavaScript Date can hold).
    ms = Number(`${frac}00`.slice(0, 3));
    i = j;
  }
  const [hs, ms_, ss] = parts;
  if (!hs || hs.length > 2 || ms_?.length !== 2 || (ss !== undefined && ss.length !== 2)) return undefined;
  return {
    time: { h: Number(hs), m: Number(ms_), s: ss === undefined ? 0 : Number(ss), ms },
    rest: word.slice(i),
  };
}

/** `+0900`, `-04:00`, `+9` (hours only, seen in broken stamps). Minutes east of UTC. */
function readOffset(word: string): number | undefined {
  const sign = word[0] === '-' ? -1 : word[0] === '+' ? 1 : 0;
  if (sign === 0) return undefined;
  const body = word.slice(1).replace(':', '');
  if (!isDigits(body) || body.length > 4) return undefined;
  let h: number;
  let m: number;
  if (body.length <= 2) {
    h = Number(body);
    m = 0;
  } else {
    h = Number(body.slice(0, body.length - 2));
    m = Number(body.slice(-2));
  }
  if (h > 23 || m > 59) return undefined;
  return sign * (h * 60 + m);
}

/** Numeric dates: `4/20/2018`, `4-20-2018` (month first, US), `2018-4-20` (ISO order). */
function readNumericDate(word: string): { y: number; mo: number; d: number } | undefined {
  const sep = word.includes('/') ? '/' : word.includes('-') ? '-' : '';
  if (!sep) return undefined;
  const parts = word.split(sep);
  if (parts.length !== 3 || !parts.every(isDigits)) return undefined;
  const [a, b, c] = parts as [string, string, string];
  if (a.length === 4) return { y: Number(a), mo: Number(b) - 1, d: Number(c) };
  if (c.length === 4 || c.length === 2) return { y: fullYear(c), mo: Number(a) - 1, d: Number(b) };
  return undefined;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The character code at i, or -1 past the end: the fast reader looks ahead without length checks,
 * and reading past the end with charCodeAt would send optimised code back to the interpreter.
 */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

/** Three ASCII letters at i, lower-cased into one number (`mon` → 0x6d6f6e), or -1. */
function letters3(s: string, i: number): number {
  const a = at(s, i);
  const b = at(s, i + 1);
  const c = at(s, i + 2);
  if (!isAsciiLetter(a) || !isAsciiLetter(b) || !isAsciiLetter(c)) return -1;
  return ((a | 32) << 16) | ((b | 32) << 8) | (c | 32);
}

const key3 = (w: string): number => (w.charCodeAt(0) << 16) | (w.charCodeAt(1) << 8) | w.charCodeAt(2);
const MONTH3 = new Map(MONTH_NAMES.map((name, i) => [key3(name), i]));
const WEEKDAY3 = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(key3));

/** Where this is absent, no word can be `am` or `pm`. */
const AM_PM = /[ap]m/i;

/**
 * Comments `(…)` from i to the end, each after one space (or at the start), none nested or
 * escaped: true when the rest of the text is only that. The general reader skips such comments
 * word by word; their zone names matter only when no zone was written, and then the fast path
 * is not taken.
 */
function onlyComments(s: string, i: number): boolean {
  const n = s.length;
  while (i < n) {
    if (i > 0) {
      if (at(s, i) !== 32) return false;
      i++;
    }
    if (at(s, i) !== 40) return false;
    i++;
    for (;;) {
      if (i >= n) return false;
      const c = at(s, i++);
      if (c === 41) break;
      if (c === 40 || c === 92) return false;
    }
  }
  return true;
}

/** The value of the `len` digits at i (all known to be digits). */
function digitsAt(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = i; k < i + len; k++) v = v * 10 + (at(s, k) - 48);
  return v;
}

/**
 * Where the day starts when the text opens with `YYYY-M-D ` (month and day of one or two digits),
 * else -1.
 */
function readIsoDay(s: string): number {
  for (let k = 0; k < 4; k++) if (!isDigitCode(at(s, k))) return -1;
  if (at(s, 4) !== 45) return -1;
  let i = 5;
  while (isDigitCode(at(s, i))) i++;
  if (i === 5 || i > 7 || at(s, i) !== 45) return -1;
  const d = ++i;
  while (isDigitCode(at(s, i))) i++;
  if (i === d || i > d + 2 || at(s, i) !== 32) return -1;
  return d;
}

/**
 * The shape nearly every stamp has, `[Www, ]D Mon YYYY HH:MM[:SS[.frac]] ±HHMM|ZONE[ (comment)…]`
 * (or `YYYY-M-D` for the day),
 * read in one pass over the characters of the cleaned text (no split, no lower-casing, no word
 * objects). Gives the same answer as the general reader below for every text it accepts; returns
 * null for anything else (then the general reader decides). A text of comments only has no date.
 */
function readCommonDate(s: string): Date | undefined | null {
  const n = s.length;
  if (n === 0 || at(s, 0) === 40) return onlyComments(s, 0) ? undefined : null;
  let i = 0;
  let year = 0;
  let month: number | undefined;
  let day = 0;
  const iso = readIsoDay(s);
  if (iso >= 0) {
    // `2018-03-26` (SendGrid): year, month and day in one word, as readNumericDate reads it.
    year = digitsAt(s, 0, 4);
    month = digitsAt(s, 5, iso - 1 - 5) - 1;
    day = digitsAt(s, iso, s.indexOf(' ', iso) - iso);
    i = s.indexOf(' ', iso) + 1;
  } else {
    // Weekday: three letters, then a comma and/or a space.
    if (isAsciiLetter(at(s, 0))) {
      if (!WEEKDAY3.has(letters3(s, 0))) return null;
      i = 3;
      if (at(s, i) === 44) i++;
      if (at(s, i) === 32) i++;
      if (i === 3) return null;
    }
    // Day: one or two digits.
    const d0 = i;
    while (i < n && isDigitCode(at(s, i))) day = day * 10 + (at(s, i++) - 48);
    if (i === d0 || i - d0 > 2 || at(s, i) !== 32) return null;
    // Month: three letters.
    month = MONTH3.get(letters3(s, i + 1));
    if (month === undefined || at(s, i + 4) !== 32) return null;
    i += 5;
    // Year: two to four digits (RFC 5322 §4.3 reading of the short ones).
    const y0 = i;
    while (i < n && isDigitCode(at(s, i))) year = year * 10 + (at(s, i++) - 48);
    const yearDigits = i - y0;
    if (yearDigits < 2 || yearDigits > 4 || at(s, i) !== 32) return null;
    if (yearDigits === 2) year += year >= 50 ? 1900 : 2000;
    else if (yearDigits === 3) year += 1900;
    i++;
  }
  // Time: H or HH, then :MM, then optionally :SS and a fraction.
  let hour = 0;
  const h0 = i;
  while (i < n && isDigitCode(at(s, i))) hour = hour * 10 + (at(s, i++) - 48);
  if (i === h0 || i - h0 > 2 || at(s, i) !== 58) return null;
  const mi = i + 1;
  if (!isDigitCode(at(s, mi)) || !isDigitCode(at(s, mi + 1))) return null;
  const minute = (at(s, mi) - 48) * 10 + (at(s, mi + 1) - 48);
  i = mi + 2;
  let second = 0;
  let ms = 0;
  if (at(s, i) === 58) {
    const si = i + 1;
    if (!isDigitCode(at(s, si)) || !isDigitCode(at(s, si + 1))) return null;
    second = (at(s, si) - 48) * 10 + (at(s, si + 1) - 48);
    i = si + 2;
    if (at(s, i) === 46) {
      // Milliseconds, truncated: `.270951634` → 270.
      const f0 = ++i;
      while (i < n && isDigitCode(at(s, i))) {
        if (i - f0 < 3) ms += (at(s, i) - 48) * (i === f0 ? 100 : i === f0 + 1 ? 10 : 1);
        i++;
      }
      if (i === f0) return null;
    }
  }
  if (i === n) return makeDate(year, month, day, hour, minute, second, ms, 0);
  if (at(s, i) !== 32) return null;
  i++;
  // Zone: ±HHMM or a name; a comment right after the time may name it: general reader.
  let zone: number;
  const c = at(s, i);
  if (c === 43 || c === 45) {
    const z = i + 1;
    for (let k = z; k < z + 4; k++) if (!isDigitCode(at(s, k))) return null;
    i = z + 4;
    if (i < n && at(s, i) !== 32) return null;
    const h = (at(s, z) - 48) * 10 + (at(s, z + 1) - 48);
    const m = (at(s, z + 2) - 48) * 10 + (at(s, z + 3) - 48);
    // `+9999`: a numeric zone out of range makes the whole date unreadable (RFC 5322 §3.3).
    if (h > 23 || m > 59) return undefined;
    zone = (c === 45 ? -1 : 1) * (h * 60 + m);
  } else if (isAsciiLetter(c)) {
    const z = i;
    while (i < n && isAsciiLetter(at(s, i))) i++;
    if (i < n && at(s, i) !== 32) return null;
    const named = ZONES[s.slice(z, i).toLowerCase()];
    if (named === undefined) return null;
    zone = named;
  } else return null;
  // Once a zone is written, the general reader lets no later word change the date except a bare
  // `AM`/`PM` (a zone, a month, numbers, comments… are all passed over). SendGrid-style tails and
  // the `… +0000 PST` that trailingDateStart joins from items are read here too.
  if (i < n && AM_PM.test(s.slice(i)) && !onlyComments(s, i)) return null;
  return makeDate(year, month, day, hour, minute, second, ms, zone);
}

/**
 * Reads a Received date. Unknown words are skipped (the SendGrid `m=+12345.6` monotonic clock, `id`
 * tails after the date); a missing zone reads as UTC (RFC 5322 §4.3: `-0000`, "no information").
 * Returns undefined when day, month or year is missing or any field is out of range.
 */
export function parseReceivedDate(text: string): Date | undefined {
  if (typeof text !== 'string') return undefined;
  return parseCleanDate(cleanText(text.slice(0, MAX_DATE_TEXT)));
}

/**
 * parseReceivedDate of text that cleanText would leave as it is and no longer than MAX_DATE_TEXT
 * (the Received reader's date, a trimmed piece of text it cleaned already).
 */
export function parseCleanDate(clean: string): Date | undefined {
  const fast = readCommonDate(clean);
  if (fast !== null) return fast;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let time: Time | undefined;
  let offset: number | undefined;
  let commentZone: number | undefined;
  let pm: boolean | undefined;
  const numbers: string[] = [];

  let depth = 0;
  const words = clean.replace(/,/g, ' ').split(' ');
  for (const raw of words) {
    if (raw === '') continue;
    // Zones in comments (`(JST)`, `(UTC)`) are used only when no numeric zone is written.
    let w = raw;
    const opens = w.startsWith('(');
    if (opens) {
      depth++;
      w = w.slice(1);
    }
    const closes = w.endsWith(')');
    if (closes) w = w.slice(0, -1);
    if (depth > 0) {
      const z = ZONES[w.toLowerCase()];
      if (z !== undefined && commentZone === undefined) commentZone = z;
      if (closes && depth > 0) depth--;
      continue;
    }
    if (w === '') continue;
    const lower = w.toLowerCase();
    if (isWeekday(lower)) continue;
    const mo = monthOf(lower);
    if (mo !== undefined && /^[a-z]+\.?$/.test(lower)) {
      if (month === undefined) month = mo;
      continue;
    }
    if (lower === 'am' || lower === 'pm') {
      if (time) pm = lower === 'pm';
      continue;
    }
    if (time === undefined) {
      const t = readTime(w);
      if (t) {
        time = t.time;
        if (t.rest) {
          const glued = readOffset(t.rest) ?? ZONES[t.rest.toLowerCase()];
          if (glued !== undefined) offset = glued;
        }
        continue;
      }
    }
    if (offset === undefined && (w[0] === '+' || w[0] === '-') && time !== undefined) {
      const o = readOffset(w);
      if (o !== undefined) {
        offset = o;
        continue;
      }
      // `+9999`: a numeric zone out of range makes the whole date unreadable (RFC 5322 §3.3).
      if (/^[+-]\d{4}$/.test(w)) return undefined;
    }
    const z = ZONES[lower];
    if (z !== undefined) {
      if (offset === undefined && time !== undefined) offset = z;
      continue;
    }
    if (year === undefined && month === undefined && day === undefined) {
      const nd = readNumericDate(w);
      if (nd) {
        year = nd.y;
        month = nd.mo;
        day = nd.d;
        continue;
      }
    }
    if (isDigits(w) && w.length <= 4) {
      numbers.push(w);
    }
  }

  // With a month name: the first short number is the day, the next (or a 4-digit one) the year.
  for (const n of numbers) {
    if (day === undefined && n.length <= 2 && year === undefined) day = Number(n);
    else if (year === undefined && day !== undefined) year = fullYear(n);
    else if (year === undefined && n.length === 4) year = Number(n);
    else if (day === undefined && n.length <= 2) day = Number(n);
  }
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const t: Time = time ?? { h: 0, m: 0, s: 0, ms: 0 };
  let hour = t.h;
  if (pm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return makeDate(year, month, day, hour, t.m, t.s, t.ms, offset ?? commentZone ?? 0);
}

/** Days in a month of the proleptic Gregorian calendar (what Date uses). */
function daysInMonth(year: number, month: number): number {
  if (month !== 1) return month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * Days from 1970-01-01 to the given day of the proleptic Gregorian calendar (month 0-11), the
 * day count Date.UTC uses (H. Hinnant's days_from_civil).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const m = month + 1;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The checks and the arithmetic both readers end with; zone in minutes east of UTC. */
function makeDate(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: number,
): Date | undefined {
  // Leap second (RFC 5322 §3.3 allows 60): read as :59 rather than rolling into the next minute.
  const sec = second === 60 ? 59 : second;
  if (year < 1900 || year > 9999 || month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (hour > 23 || minute > 59 || sec > 59) return undefined;
  // `31 Feb` would roll over into March: refuse instead.
  if (day > daysInMonth(year, month)) return undefined;
  // Date.UTC's MakeDay/MakeTime, by arithmetic: every field is in range here.
  const t =
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    sec * 1000 +
    ms -
    zone * 60_000;
  if (!Number.isFinite(t)) return undefined;
  return new Date(t);
}
