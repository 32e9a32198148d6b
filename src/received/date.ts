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
const MAX_DATE_TEXT = 256;

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

/**
 * Reads a Received date. Unknown words are skipped (the SendGrid `m=+12345.6` monotonic clock, `id`
 * tails after the date); a missing zone reads as UTC (RFC 5322 §4.3: `-0000`, "no information").
 * Returns undefined when day, month or year is missing or any field is out of range.
 */
export function parseReceivedDate(text: string): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = cleanText(text.slice(0, MAX_DATE_TEXT));
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
  // Leap second (RFC 5322 §3.3 allows 60): read as :59 rather than rolling into the next minute.
  const sec = t.s === 60 ? 59 : t.s;
  if (year < 1900 || year > 9999 || month < 0 || month > 11 || day < 1 || day > 31) return undefined;
  if (hour > 23 || t.m > 59 || sec > 59) return undefined;
  const zone = offset ?? commentZone ?? 0;
  const ms = Date.UTC(year, month, day, hour, t.m, sec, t.ms) - zone * 60_000;
  const check = new Date(Date.UTC(year, month, day));
  // `31 Feb` would roll over into March: refuse instead.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return undefined;
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms);
}
