/**
 * One Received field → one Hop. The value is scanned once into words and comments
 * (scan.ts), split into RFC 5321 §4.4 clauses (from, by, via, with, id, for), and the `from` clause
 * is read by shape rather than by MTA name: `name (rdns [ip])` (Postfix, Sendmail, Gmail),
 * `name ([ip] helo=x)` (Exim), `name (HELO x) (ident@ip)` (qmail), `name (ip)` (Exchange)…
 * Which lines are not relay hops at all follows SpamAssassin's Received.pm decisions.
 */
import { MAX_DATE_TEXT, parseCleanDate, parseReceivedDate } from './date.js';
import { readIp } from './ip.js';
import {
  type Comment,
  cleanText,
  scanComments,
  scanField,
  scanItems,
  scanTokens,
  scanWords,
  type Token,
} from './scan.js';
import type { Hop } from './types.js';

type Keyword = 'from' | 'by' | 'via' | 'with' | 'id' | 'for';

/** A clause: the items `from` to `to` (exclusive) of the field's items, after its keyword. */
interface Clause {
  kw: Keyword | null;
  all: readonly Token[];
  from: number;
  to: number;
}

/**
 * A set of lower-case ASCII words, asked with `has(w)` what `set.has(w.toLowerCase())` answers.
 * Words written all in lower or all in upper case (`esmtps`, `ESMTPS`: nearly all) are looked up as
 * they are; only mixed-case or non-ASCII words are lower-cased (a runtime call and a new string).
 */
function foldedSet(words: readonly string[]): { has(w: string): boolean } {
  const lower = new Set(words);
  const upper = new Set(words.map((w) => w.toUpperCase()));
  return {
    has(w: string): boolean {
      if (lower.has(w) || upper.has(w)) return true;
      let hasUpper = false;
      let hasLower = false;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        if (c >= 128) return lower.has(w.toLowerCase());
        if (c >= 65 && c <= 90) hasUpper = true;
        else if (c >= 97 && c <= 122) hasLower = true;
      }
      // One case only: lower-casing gives w itself, or the word whose upper case w would be.
      return hasUpper && hasLower ? lower.has(w.toLowerCase()) : false;
    },
  };
}

/** `with` words that say the client authenticated (RFC 3848 §2, plus ASMTP and webmail HTTP). */
const AUTH_PROTOCOLS = foldedSet([
  'esmtpa',
  'esmtpsa',
  'lmtpa',
  'lmtpsa',
  'utf8smtpa',
  'utf8smtpsa',
  'asmtp',
  'http',
  'httpu',
]);

/** Protocol words a `with` clause may hold; the first one found names the hop's protocol. */
const PROTOCOLS = foldedSet([
  'smtp',
  'esmtp',
  'esmtps',
  'esmtpa',
  'esmtpsa',
  'lmtp',
  'lmtps',
  'lmtpa',
  'lmtpsa',
  'utf8smtp',
  'utf8smtps',
  'utf8smtpa',
  'utf8smtpsa',
  'smtps',
  'asmtp',
  'http',
  'https',
  'httpu',
  'local',
  'imap',
  'pop3',
  'qmqp',
  'bsmtp',
  'smtpsvc',
  'mapi',
]);

/** The result of reading one field: what it says, and whether it is a relay hop at all. */
export interface ReadReceived {
  hop: Hop;
  relay: boolean;
}

function isFoldSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function stripName(field: string): string {
  // Accept `Received: …` as well as the bare value; the name match is anchored and linear. Values
  // (`from …`, `by …`) are told apart by their first letter, without a slice and a match.
  let i = 0;
  while (i < field.length && isFoldSpace(field.charCodeAt(i))) i++;
  if (i === field.length || (field.charCodeAt(i) | 32) !== 114) return field;
  const m = /^[ \t\r\n]*received[ \t]*:/i.exec(field.slice(0, 40));
  return m ? field.slice(m[0].length) : field;
}

/** Unfolds (RFC 5322 §2.2.3: CRLF before WSP is removed) and trims, keeping the text otherwise. */
function unfold(value: string): string {
  // Field values from splitHeaderFields are unfolded already: no regular expression pass then.
  const folded = value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
  return (folded ? value.replace(/\r\n|\r|\n/g, '') : value).trim();
}

/** c is the ASCII letter whose lower-case code is l, in either case (only those two codes give l). */
function isLetter(c: number, l: number): boolean {
  return (c | 32) === l;
}

/**
 * The clause keyword a word is, in any case, else null: what a set look-up of `w.toLowerCase()` says,
 * without lower-casing every word. Only ASCII letters lower-case to the keywords' letters (İ becomes
 * two characters, the Kelvin sign a k), so comparing ASCII letters case-blind is the same test.
 * Letters by code: a 97, b 98, d 100, f 102, h 104, i 105, m 109, o 111, r 114, t 116, v 118, w 119, y 121.
 */
function keywordOf(w: string): Keyword | null {
  const n = w.length;
  if (n < 2 || n > 4) return null;
  const c0 = w.charCodeAt(0);
  const c1 = w.charCodeAt(1);
  if (n === 2) {
    if (isLetter(c0, 98) && isLetter(c1, 121)) return 'by';
    if (isLetter(c0, 105) && isLetter(c1, 100)) return 'id';
    return null;
  }
  const c2 = w.charCodeAt(2);
  if (n === 3) {
    if (isLetter(c0, 118) && isLetter(c1, 105) && isLetter(c2, 97)) return 'via';
    if (isLetter(c0, 102) && isLetter(c1, 111) && isLetter(c2, 114)) return 'for';
    return null;
  }
  const c3 = w.charCodeAt(3);
  if (isLetter(c0, 102) && isLetter(c1, 114) && isLetter(c2, 111) && isLetter(c3, 109)) return 'from';
  if (isLetter(c0, 119) && isLetter(c1, 105) && isLetter(c2, 116) && isLetter(c3, 104)) return 'with';
  return null;
}

/** A token's text: the word, or the comment's content. */
function tokenText(t: Token): string {
  return typeof t === 'string' ? t : t.text;
}

/** Splits the items at the keywords; clauses are ranges of the same array (nothing is copied). */
function splitClauses(items: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let current: Clause = { kw: null, all: items, from: 0, to: 0 };
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as Token;
    const kw = typeof it === 'string' ? keywordOf(it) : null;
    if (kw !== null) {
      current.to = i;
      clauses.push(current);
      current = { kw, all: items, from: i + 1, to: i + 1 };
    }
  }
  current.to = items.length;
  clauses.push(current);
  return clauses;
}

function words(clause: Clause | undefined): string[] {
  const out: string[] = [];
  if (!clause) return out;
  for (let i = clause.from; i < clause.to; i++) {
    const it = clause.all[i] as Token;
    if (typeof it === 'string' && it !== ',') out.push(it);
  }
  return out;
}

/** `words(clause)[0]`, without collecting the others. */
function firstWord(clause: Clause | undefined): string | undefined {
  if (!clause) return undefined;
  for (let i = clause.from; i < clause.to; i++) {
    const it = clause.all[i] as Token;
    if (typeof it === 'string' && it !== ',') return it;
  }
  return undefined;
}

// The comments that show SMTP AUTH (see readReceived), built once.
const VIA_HTTP = /^via HTTP$/i;
const COURIER_AUTH = /^AUTH: /;
const POSTFIX_AUTH = /^authenticated sender\b/i;
const SENDMAIL_AUTH = /authenticated/i;
const CRITICALPATH_AUTH = /^authenticated as /i;

/** The first comment of the clause whose text (trimmed first if asked) matches re. */
function findComment(clause: Clause | undefined, re: RegExp, trim: boolean): string | undefined {
  if (!clause) return undefined;
  for (let i = clause.from; i < clause.to; i++) {
    const it = clause.all[i] as Token;
    if (typeof it !== 'string' && re.test(trim ? it.text.trim() : it.text)) return it.text;
  }
  return undefined;
}

function trimPunct(s: string): string {
  let a = 0;
  let b = s.length;
  while (b > a && (s[b - 1] === ',' || s[b - 1] === ';')) b--;
  while (a < b && s[a] === ',') a++;
  return s.slice(a, b);
}

/** w.toUpperCase(), without the call when w is ASCII with no lower-case letter (`ESMTPS`). */
function upperAscii(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128 || (c >= 97 && c <= 122)) return w.toUpperCase();
  }
  return w;
}

/** What `w.replace(/[;,]$/, '')` gives. */
function dropFinalPunct(w: string): string {
  if (w.length === 0) return w;
  const c = w.charCodeAt(w.length - 1);
  return c === 59 || c === 44 ? w.slice(0, -1) : w;
}

function stripAngles(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === '<' || s[a] === '"')) a++;
  while (b > a && (s[b - 1] === '>' || s[b - 1] === '"' || s[b - 1] === ',' || s[b - 1] === ';')) b--;
  return s.slice(a, b);
}

function isIpLiteralName(s: string): boolean {
  return s.startsWith('[') && s.endsWith(']');
}

function isHostLike(s: string): boolean {
  if (s.length === 0 || s.length > 255) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 45 ||
      c === 46 ||
      c === 95;
    if (!ok) return false;
  }
  return true;
}

/** What one comment of the `from` clause says about the client. */
interface ClientNote {
  ipLike: boolean;
  ip?: string;
  version?: 4 | 6;
  bracketed: boolean;
  port: boolean;
  /** The name written before `[ip]`: the reverse DNS name the MTA found (Postfix, Sendmail, Gmail). */
  host?: string;
  ident?: string;
  /** `HELO x` / `EHLO x` / `LHLO x` (qmail, CommuniGate) or `helo=x` (Exim). */
  helo?: string;
  heloForm?: 'keyword' | 'equals';
  verified: boolean;
  words: number;
}

/**
 * Splits comment content into words, also at commas (`(IP, HELO x)` from smap). Not memoised: the
 * envelope and TLS readers split only the few comments that name what they look for, so a comment
 * is rarely split twice, and a map keyed by comment text cost more than it saved.
 */
function commentWords(text: string): string[] {
  return scanWords(text);
}

function readClientComment(text: string): ClientNote {
  const note: ClientNote = { ipLike: false, bracketed: false, port: false, verified: false, words: 0 };
  const ws = commentWords(text);
  note.words = ws.length;
  let prev: string | undefined;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    // The words looked for start with h, e, l, i, a or v (ASCII letters only lower-case to those):
    // other words are not lower-cased.
    const f = w.charCodeAt(0) | 32;
    const lower =
      f === 104 || f === 101 || f === 108 || f === 105 || f === 97 || f === 118 ? w.toLowerCase() : '';
    if (lower === 'helo' || lower === 'ehlo' || lower === 'lhlo') {
      const next = ws[i + 1];
      note.helo = next ?? '';
      note.heloForm = 'keyword';
      i++;
      prev = undefined;
      continue;
    }
    if (lower.startsWith('helo=')) {
      note.helo = w.slice(5);
      note.heloForm = 'equals';
      prev = undefined;
      continue;
    }
    if (lower.startsWith('ident=')) {
      note.ident = w.slice(6);
      prev = undefined;
      continue;
    }
    if (lower === 'account') {
      // CommuniGate: `(account user@domain HELO x)`; the account name is not a host.
      i++;
      prev = undefined;
      continue;
    }
    if (lower === 'verified') {
      note.verified = true;
      continue;
    }
    const lb = w.indexOf('[');
    if (lb >= 0 && !note.ipLike) {
      const rb = w.indexOf(']', lb);
      const inside = w.slice(lb + 1, rb >= 0 ? rb : w.length);
      const r = readIp(inside);
      if (r.like) {
        note.ipLike = true;
        note.bracketed = true;
        if (r.ip) note.ip = r.ip;
        if (r.version) note.version = r.version;
        if (rb >= 0 && rb + 1 < w.length && w.charCodeAt(rb + 1) === 58) note.port = true;
        let before = w.slice(0, lb);
        if (before === '' && prev !== undefined) before = prev;
        if (before !== '') {
          // `IDENT:user@host`, `user@host`, `user@` before the literal carry an RFC 1413 ident.
          const at = before.lastIndexOf('@');
          if (at >= 0) {
            let ident = before.slice(0, at);
            if (ident.toUpperCase().startsWith('IDENT:')) ident = ident.slice(6);
            note.ident = ident;
            before = before.slice(at + 1);
          }
          if (before !== '') note.host = before;
        }
      }
      prev = undefined;
      continue;
    }
    if (!note.ipLike) {
      const at = w.lastIndexOf('@');
      const candidate = at >= 0 ? w.slice(at + 1) : w;
      const r = readIp(candidate);
      if (r.like && (r.ip !== undefined || candidate.split('.').length === 4)) {
        note.ipLike = true;
        if (r.ip) note.ip = r.ip;
        if (r.version) note.version = r.version;
        if (candidate.includes(':') && r.version === 4) note.port = true;
        if (at >= 0) note.ident = w.slice(0, at);
        prev = undefined;
        continue;
      }
    }
    prev = w;
  }
  return note;
}

/**
 * What a word says about the envelope sender: true when the address is the next word
 * (`envelope-from <x>`, `return-path: <x>`), the address itself for `envelope-from=x`, else
 * undefined. Such words are 12 characters or longer and start with e or r; no other word is
 * lower-cased (lower-casing never shortens a word, and only E and e become e, R and r become r).
 */
function envelopeWord(w: string): string | true | undefined {
  if (w.length < 12) return undefined;
  const c = w.charCodeAt(0) | 32;
  if (c !== 101 && c !== 114) return undefined;
  const lower = w.toLowerCase();
  if (lower === 'envelope-from' || lower === 'envelope-sender' || lower === 'return-path:') return true;
  if (lower.startsWith('envelope-from=') || lower.startsWith('envelope-sender=')) {
    return lower.slice(lower.indexOf('=') + 1);
  }
  return undefined;
}

/** A comment without this holds no word envelopeWord reads (ASCII letters only match it). */
const ENVELOPE_HINT = /envelope-|return-path:/i;

/**
 * A comment without this holds no word that readTls reads, except `bits=` (TLS_BITS_HINT), which
 * counts only once TLS was found.
 */
const TLS_HINT = /tls|ssl|cipher=|encrypted/i;
const TLS_BITS_HINT = /bits=/i;

/** TLS details as MTAs write them in comments. */
function readTls(texts: string[]): { version?: string; cipher?: string; bits?: string } | undefined {
  const tls: { version?: string; cipher?: string; bits?: string } = {};
  let found = false;
  let bitsLooked = false;
  for (const text of texts) {
    if (!TLS_HINT.test(text) && !(found && TLS_BITS_HINT.test(text))) continue;
    const ws = commentWords(text);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as string;
      // Every test below needs a first letter v, c, b, u, t, s or e (ASCII, in either case).
      const f = w.charCodeAt(0) | 32;
      if (f !== 118 && f !== 99 && f !== 98 && f !== 117 && f !== 116 && f !== 115 && f !== 101) continue;
      const lower = w.toLowerCase();
      if (lower.startsWith('version=') && /tls|ssl/i.test(w)) {
        tls.version ??= w.slice(8);
        found = true;
      } else if (lower.startsWith('cipher=')) {
        tls.cipher ??= w.slice(7);
        found = true;
      } else if (lower.startsWith('bits=') && found) {
        tls.bits ??= w.slice(5);
      } else if (lower === 'using' && /^(tls|ssl)/i.test(ws[i + 1] ?? '')) {
        // Postfix: `(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))`.
        tls.version ??= ws[i + 1] as string;
        if ((ws[i + 2] ?? '').toLowerCase() === 'with' && (ws[i + 3] ?? '').toLowerCase() === 'cipher') {
          // A line cut right after "with cipher" names none: then no key at all, rather than a
          // `cipher` key holding undefined (found by scripts/fuzz.mjs).
          const cipher = ws[i + 4];
          if (cipher !== undefined) tls.cipher ??= cipher;
          // The key size is a nested comment: `(256/256 bits)`.
          if (tls.bits === undefined && !bitsLooked) {
            // Once per field: a comment repeating `using …` must not be rescanned each time.
            bitsLooked = true;
            const nested = scanItems(text).find(
              (it) => it.kind === 'comment' && /^\d+\/\d+ bits$/.test(it.text),
            );
            if (nested) tls.bits = nested.text.slice(0, -5);
          }
        }
        found = true;
      } else if (/^(tls|ssl)v?-?[0-9][0-9._]*(:|$)/i.test(w)) {
        // Exim: `(TLS1.2)`, `(TLSv1:AES256-SHA:256)`, `(TLS-1.0:RSA_ARCFOUR_MD5:16)`.
        const [v, c, b] = w.split(':');
        tls.version ??= v as string;
        if (c) tls.cipher ??= c;
        if (b) tls.bits ??= b;
        found = true;
      } else if (lower === 'encrypted' && i > 0) {
        // qmail with the TLS patch: `with (DHE-RSA-AES256-SHA encrypted) SMTP`.
        tls.cipher ??= ws[i - 1] as string;
        found = true;
      }
    }
  }
  return found ? tls : undefined;
}

/**
 * Finds a date at the end of a field that has no `;` (SendGrid writes `… id X 2018-03-26
 * 13:35:36.27 +0000 UTC`): the last word holding a time, with up to four date-looking words before it.
 */
function trailingDateStart(items: readonly Token[]): number {
  let t = -1;
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i] as Token;
    if (typeof it === 'string' && /^\d{1,2}:\d\d/.test(it)) {
      t = i;
      break;
    }
  }
  if (t < 0) return -1;
  let s = t;
  for (let k = t - 1; k >= 0 && k >= t - 4; k--) {
    const it = items[k] as Token;
    if (typeof it !== 'string') break;
    const w = it.replace(/,$/, '');
    const dateish =
      /^\d{1,4}$/.test(w) ||
      /^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$/.test(w) ||
      /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/i.test(w) ||
      /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$/i.test(w);
    if (!dateish) break;
    s = k;
  }
  let joined = '';
  for (let k = s; k < items.length; k++)
    joined += k > s ? ` ${tokenText(items[k] as Token)}` : tokenText(items[k] as Token);
  if (parseReceivedDate(joined) === undefined) return -1;
  return s;
}

/** Reads a whole Received field (or its value) into what it says; never throws. */
export function readReceived(field: string): ReadReceived {
  const raw = unfold(stripName(typeof field === 'string' ? field : ''));
  const text = cleanText(raw);
  const hop: Hop = { raw };
  let relay = true;

  const scanned = scanField(text);
  const semi = scanned.semi;
  let pre = semi >= 0 ? text.slice(0, semi) : text;
  let tail = semi >= 0 ? text.slice(semi + 1).trim() : '';
  // The items before the last top-level `;` (the date's items after it are dropped).
  let items = scanned.tokens;
  const starts = scanned.starts;
  if (semi >= 0) {
    let k = items.length;
    while (k > 0 && (starts[k - 1] as number) > semi) k--;
    if (k < items.length) items.length = k; // (rare: the scan stops at the last `;` when it can)
  }
  if (semi < 0) {
    const s = trailingDateStart(items);
    if (s >= 0) {
      const start = starts[s] as number;
      tail = pre.slice(start).trim();
      pre = pre.slice(0, start);
      items = items.slice(0, s);
    }
  }
  if (tail !== '') {
    hop.dateRaw = tail;
    // A trimmed piece of the cleaned text: clean already, so not cleaned again when short enough.
    const d = tail.length <= MAX_DATE_TEXT ? parseCleanDate(tail) : parseReceivedDate(tail);
    if (d) hop.date = d;
  }

  // `(from host [ip]) by …` (Norton AntiVirus gateway) wraps the from clause in a comment;
  // any other leading comment is gateway noise such as `(qmail 123 invoked by uid 0)`.
  const first = items[0];
  if (first !== undefined && typeof first !== 'string') {
    if (/^\s*from\s/i.test(first.text.slice(0, 6))) items = [...scanTokens(first.text), ...items.slice(1)];
    else relay = false;
  }

  const clauses = splitClauses(items);
  const fromClause = clauses[1]?.kw === 'from' && (clauses[0] as Clause).to === 0 ? clauses[1] : undefined;
  // The first clause of each keyword, and the second `from` (one pass over the clauses).
  let byClause: Clause | undefined;
  let withClause: Clause | undefined;
  let viaClause: Clause | undefined;
  let idClause: Clause | undefined;
  let forClause: Clause | undefined;
  let firstFrom: Clause | undefined;
  let secondFrom: Clause | undefined;
  for (const c of clauses) {
    if (c.kw === 'by') byClause ??= c;
    else if (c.kw === 'with') withClause ??= c;
    else if (c.kw === 'via') viaClause ??= c;
    else if (c.kw === 'id') idClause ??= c;
    else if (c.kw === 'for') forClause ??= c;
    else if (c.kw === 'from') {
      if (firstFrom === undefined) firstFrom = c;
      else secondFrom ??= c;
    }
  }

  let slashedCipher: string | undefined;
  const by = firstWord(byClause);
  if (by) hop.by = trimPunct(by);
  const withWords = words(withClause);
  if (withWords.length > 0) {
    hop.with = withWords.length === 1 ? (withWords[0] as string) : withWords.join(' ');
    let proto: string | undefined;
    for (const w of withWords) {
      const t = trimPunct(w);
      if (PROTOCOLS.has(t)) {
        proto = t;
        break;
      }
    }
    hop.protocol = upperAscii(proto ?? trimPunct(withWords[0] as string));
    // IronPort: `with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256` (protocol, TLS, cipher in one word).
    const slashed = hop.protocol.includes('/') ? hop.protocol.split('/') : [];
    if (slashed.length === 3 && slashed[1] === 'TLS') {
      hop.protocol = slashed[0] as string;
      slashedCipher = trimPunct(withWords[0] ?? '').split('/')[2];
    }
  }
  const viaWords = words(viaClause);
  if (viaWords.length > 0) {
    let via = trimPunct(viaWords[0] as string);
    for (let i = 1; i < viaWords.length; i++) via += ` ${trimPunct(viaWords[i] as string)}`;
    hop.via = via;
  }
  let id = firstWord(idClause);
  if (!id) {
    // An id after the date (`…; Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.43735815`).
    const tw = /id/i.test(tail) ? tail.split(' ') : [];
    const k = tw.findIndex((w) => w.toLowerCase() === 'id');
    if (k >= 0) id = tw[k + 1];
  }
  if (id) {
    const cleanId = stripAngles(id);
    const gt = cleanId.indexOf('>');
    const value = gt >= 0 ? cleanId.slice(0, gt) : cleanId;
    if (value.length >= 3) hop.id = value;
  }
  const forWord = firstWord(forClause);
  if (forWord) hop.for = trimPunct(forWord);

  // Envelope sender: `(envelope-from <x>)` (Exim, Sendmail, Postfix), `envelope-from <x>` (Haraka),
  // `(envelope-sender <x>)` (qmail-ldap), `… from <x>` after `for` (XMail, IBM); only an address.
  const allComments: string[] = [];
  for (const it of items) if (typeof it !== 'string') allComments.push(it.text);
  // Only a `(` starts a comment: a date without one is not scanned again.
  if (tail.includes('(')) scanComments(tail, allComments);
  const envCandidates: string[] = [];
  for (const c of allComments) {
    // Most comments name no envelope sender: those are not split into words for it.
    if (!ENVELOPE_HINT.test(c)) continue;
    const ws = commentWords(c);
    for (let i = 0; i < ws.length; i++) {
      const e = envelopeWord(ws[i] as string);
      if (e === true) {
        const next = ws[i + 1];
        if (next) envCandidates.push(next);
      } else if (e !== undefined) envCandidates.push(e);
    }
  }
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as Token;
    if (typeof it !== 'string') continue;
    const e = envelopeWord(it);
    if (e === true) {
      // The next word (comments in between are skipped).
      let j = i + 1;
      while (j < items.length && typeof items[j] !== 'string') j++;
      const next = items[j];
      if (typeof next === 'string') envCandidates.push(next);
    } else if (e !== undefined) envCandidates.push(e);
  }
  const sfw = firstWord(secondFrom);
  if (sfw?.startsWith('<')) envCandidates.push(sfw);
  for (const cand of envCandidates) {
    const bracketed = cand.startsWith('<');
    const addr = stripAngles(cand);
    if (bracketed ? addr.length > 0 || cand.startsWith('<>') : addr.includes('@')) {
      hop.envelopeFrom = addr;
      break;
    }
  }

  const tls = readTls(allComments);
  if (tls) hop.tls = tls;
  else if (slashedCipher) hop.tls = { cipher: slashedCipher };
  else if (
    hop.protocol &&
    /^(ESMTPS|ESMTPSA|LMTPS|LMTPSA|UTF8SMTPS|UTF8SMTPSA|SMTPS|HTTPS)$/.test(hop.protocol)
  ) {
    // RFC 3848: the S suffix states TLS even when no cipher is written.
    hop.tls = {};
  }

  // SMTP AUTH, in SpamAssassin's order of evidence.
  const firstWith = dropFinalPunct(withWords[0] ?? '');
  const firstVia = dropFinalPunct(viaWords[0] ?? '');
  if (AUTH_PROTOCOLS.has(firstWith)) {
    hop.auth = firstWith;
    hop.authText = `with ${firstWith}`;
  } else if (firstVia.toUpperCase() === 'HTTP' || findComment(byClause, VIA_HTTP, true) !== undefined) {
    hop.auth = 'HTTP';
    hop.authText = 'via HTTP';
  } else {
    // Each reader is asked only when the ones before it found nothing.
    const courier = findComment(fromClause, COURIER_AUTH, false);
    const postfix = courier ? undefined : findComment(fromClause, POSTFIX_AUTH, true);
    const sendmail = courier || postfix ? undefined : findComment(fromClause, SENDMAIL_AUTH, false);
    const criticalPath =
      courier || postfix || sendmail ? undefined : findComment(byClause, CRITICALPATH_AUTH, true);
    if (courier) {
      // Courier: `(AUTH: LOGIN user@example.com)` names the SASL mechanism.
      hop.auth = (courier.slice(6).split(/[ ,]/)[0] as string) || 'AUTH';
      hop.authText = courier;
    } else if (postfix) {
      hop.auth = 'Postfix';
      hop.authText = postfix.trim();
    } else if (sendmail) {
      hop.auth = 'Sendmail';
      hop.authText = sendmail.trim();
    } else if (criticalPath) {
      hop.auth = 'CriticalPath';
      hop.authText = criticalPath.trim();
    }
  }

  if (!fromClause) return { hop, relay: false };
  readClient(hop, fromClause, raw);

  // Not relay hops (SpamAssassin Received.pm): local pickup, POP/IMAP fetches, scanners re-injecting,
  // `user@host` senders (AOL, qmail-scanner), localhost-to-localhost, and lines with no client IP.
  const name = hop.from ?? '';
  // Only the lengths of `mail` and `localhost` are lower-cased (lower-casing never shortens).
  const lowerName = name.length === 4 || name.length === 9 ? name.toLowerCase() : '';
  // Both tests on the head need the client name `mail` (`from mail pickup service`) or `localhost`.
  const head = lowerName === 'mail' || lowerName === 'localhost' ? text.slice(0, 80).toLowerCase() : '';
  // The words below start with q, l or b (in either case, and only ASCII letters lower-case to those).
  const w0 = firstWith.length > 0 ? firstWith.charCodeAt(0) | 32 : 0;
  const withLower = w0 === 113 || w0 === 108 || w0 === 98 ? firstWith.toLowerCase() : '';
  if (
    name.includes('@') ||
    /^from mail pickup service\b/.test(head) ||
    allComments.some((c) => c.length > 0 && (c.charCodeAt(0) | 32) === 102 && /^fetchmail/i.test(c)) ||
    withLower.startsWith('qmail-scanner') ||
    withLower === 'local' ||
    withLower === 'local-esmtp' ||
    withLower === 'local-smtp' ||
    withLower === 'bsmtp' ||
    (lowerName === 'localhost' && /^from localhost \((?:\S+@)?localhost[)\s[]/.test(head))
  ) {
    relay = false;
  }
  if (hop.ip === undefined && !hop.ipInvalid) relay = false;
  return { hop, relay };
}

/** Reads the client (ip, rdns, helo, ident) from the `from` clause. */
function readClient(hop: Hop, clause: Clause, raw: string): void {
  const its = clause.all.slice(clause.from, clause.to);
  let name = '';
  let k = 0;
  const it0 = its[0];
  if (typeof it0 === 'string') {
    name = it0;
    k = 1;
  }
  if (name !== '') hop.from = name;
  const nameLiteral = isIpLiteralName(name);
  // includes() first: the word-boundary regex walks the whole field, and most fields lack "Exim".
  const exim = raw.includes('Exim') && /\bExim\b/.test(raw);
  // Webmail submissions (`with HTTP`, CommuniGate's `HTTPU`, web.de's `(via HTTP)`).
  const httpFamily = hop.auth !== undefined && /^HTTPU?$/i.test(hop.auth);

  let address: ClientNote | undefined;
  let addressIndex = -1;
  let explicitHelo: string | undefined;
  let heloForm: 'keyword' | 'equals' | 'claim' | undefined;
  let ident: string | undefined;
  let bracketWord: { ip?: string; version?: 4 | 6; like: boolean } | undefined;
  let singleWordComment: string | undefined;
  for (let i = k; i < its.length; i++) {
    const it = its[i] as Token;
    if (typeof it !== 'string') {
      const note = readClientComment(it.text);
      if (note.helo !== undefined && explicitHelo === undefined) {
        explicitHelo = note.helo;
        heloForm = note.heloForm;
      }
      if (note.ident !== undefined && ident === undefined) ident = note.ident;
      if (note.ipLike && !address) {
        address = note;
        addressIndex = i;
      }
      if (!note.ipLike && note.words === 1 && singleWordComment === undefined) {
        const w = it.text.trim();
        if (isHostLike(w) && w.includes('.')) singleWordComment = w;
      }
    } else {
      const w = it;
      if (w.startsWith('[') && !bracketWord) {
        const r = readIp(w);
        if (r.like)
          bracketWord = {
            like: true,
            ...(r.ip ? { ip: r.ip } : {}),
            ...(r.version ? { version: r.version } : {}),
          };
      } else if (w.toLowerCase() === 'claiming' && typeof its[i + 3] === 'string') {
        // Obtuse smtpd: `host(ip), claiming to be "helo"`.
        const claim = stripAngles(its[i + 3] as string);
        if (explicitHelo === undefined) {
          explicitHelo = claim;
          heloForm = 'claim';
        }
      }
    }
  }

  let ip: string | undefined;
  let version: 4 | 6 | undefined;
  let like = false;
  let ipFromName = false;
  if (address) {
    like = true;
    ip = address.ip;
    version = address.version;
  } else if (bracketWord) {
    like = true;
    ip = bracketWord.ip;
    version = bracketWord.version;
  } else if (name !== '') {
    const r = readIp(name);
    if (r.like && (nameLiteral || r.ip !== undefined || name.split('.').length === 4)) {
      like = true;
      ip = r.ip;
      version = r.version;
      ipFromName = true;
    }
  }
  if (ip !== undefined) {
    hop.ip = ip;
    if (version) hop.ipVersion = version;
  } else if (like) {
    hop.ipInvalid = true;
  }

  let rdns: string | undefined;
  let helo: string | undefined;
  const nameAsRdns = (): string | undefined => (name !== '' && !nameLiteral ? name : undefined);
  if (address) {
    const glued = (its[addressIndex] as Comment).glued && addressIndex === k;
    if (address.host !== undefined) {
      // Postfix / Sendmail / Gmail: `helo (rdns [ip])`.
      rdns = address.host;
      helo = explicitHelo ?? (name || undefined);
    } else if (heloForm === 'keyword') {
      // qmail: `rdns (HELO helo) (ident@ip)`.
      rdns = name.includes('.') ? name : undefined;
      helo = explicitHelo;
    } else if (glued) {
      // Obtuse smtpd / smap: `rdns(ip)`, the HELO only when it differs (`claiming to be`).
      rdns = nameAsRdns();
      helo = explicitHelo;
    } else if (address.bracketed) {
      if (heloForm === 'equals') {
        // Exim: `rdns ([ip] helo=helo)`; a bare IP in front is no reverse name.
        rdns = readIp(name).ip === undefined ? nameAsRdns() : undefined;
        helo = explicitHelo;
      } else if (exim || address.verified) {
        // Exim omits helo= when it equals the rDNS; CommuniGate `([ip] verified)` checked the name.
        rdns = nameAsRdns();
        helo = name || undefined;
      } else if (nameLiteral) {
        helo = explicitHelo;
      } else {
        // Sendmail / Exchange SMTPSVC `helo ([ip])`: no reverse name was found or written.
        helo = explicitHelo ?? (name || undefined);
      }
    } else if (address.port || nameLiteral) {
      helo = explicitHelo ?? (name || undefined);
    } else {
      // qmail / Exchange `rdns (ip)`: qmail drops HELO when it equals the rDNS.
      rdns = name.includes('.') ? name : undefined;
      helo = explicitHelo ?? (name || undefined);
    }
  } else if (bracketWord) {
    if (exim) {
      rdns = nameAsRdns();
      helo = explicitHelo ?? singleWordComment ?? (name || undefined);
    } else if (explicitHelo !== undefined) {
      rdns = nameAsRdns();
      helo = explicitHelo;
    } else {
      helo = name || undefined;
    }
  } else if (ipFromName) {
    helo = explicitHelo ?? (nameLiteral ? name : undefined);
  } else {
    helo = explicitHelo ?? (name || undefined);
  }
  // Webmail (HTTP) hops have no SMTP greeting: whatever stands there is not a HELO name.
  if (httpFamily) helo = undefined;
  if (rdns !== undefined) {
    const r = rdns.endsWith('.') ? rdns.slice(0, -1) : rdns;
    // The placeholders are 7 or 10 letters long; other names are not lower-cased.
    const lower = r.length === 7 || r.length === 10 ? r.toLowerCase() : '';
    // Placeholders MTAs write where no reverse name was found (Postfix `unknown`, courier
    // `softdnserr`, Rockliffe `unverified`).
    if (r !== '' && lower !== 'unknown' && lower !== 'softdnserr' && lower !== 'unverified') hop.rdns = r;
  }
  if (helo !== undefined && helo !== '') hop.helo = helo;
  if (ident !== undefined && ident !== '') hop.ident = ident;
}

/**
 * Parses one Received field (`Received: from …`, possibly folded, or just its value) into a Hop.
 * Returns null when the line is not a relay hop (SpamAssassin's decision: gateway noise such as
 * `(qmail 123 invoked by uid 0)`, `from mail pickup service`, fetchmail/IMAP/POP fetches, `by`-only
 * lines, local submissions, lines without a client IP). Never throws.
 */
export function parseReceived(field: string): Hop | null {
  const r = readReceived(field);
  return r.relay ? r.hop : null;
}
