/**
 * Received-SPF (RFC 7208 §9.1) and the facts receivers state in their SPF and DMARC comments.
 * The comment wordings come from real stamps: Gmail, Microsoft, Yahoo, rspamd, Mail::SPF /
 * pypolicyd-spf and mailauth (see ../shared/docs/domain.md §1.2 and §2).
 */

import { BoundedCache } from '../cache.js';
import { isIpLiteral } from './receivers.js';
import { collapse, isSpace, isWsp } from './text.js';
import type { AuthResult, DmarcCommentFacts, ReceivedSpf, SpfCommentFacts } from './types.js';

// SPF comments are one sentence; reading only the start keeps the phrase search bounded even for
// a hostile 100 KB comment.
const MAX_COMMENT = 2048;

const FIELD_PREFIX = /^[ \t]*received-spf[ \t]*:/i;

// Char-code tests for the per-character loops (a regex test per character was most of the cost).
function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** `[A-Za-z0-9_.-]`: a Received-SPF key character. */
function isKeyChar(c: number): boolean {
  return isAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d;
}

/** Parses a Received-SPF field (whole field or value). Never throws. */
export function parseReceivedSpf(field: string): ReceivedSpf {
  // The regex only when the text can start with the name (after blanks): a value starts with its
  // result word, which is not `received-spf`, and is told by its first letter in most cases.
  let p = 0;
  while (field.charCodeAt(p) === 0x20 || field.charCodeAt(p) === 0x09) p++;
  const named = (field.charCodeAt(p) | 0x20) === 0x72 /* r */ ? FIELD_PREFIX.exec(field) : null;
  const s = named === null ? field : field.slice(named[0].length);
  const errors: string[] = [];
  let pos = 0;
  while (isWsp(s.charCodeAt(pos))) pos++;
  const resultStart = pos;
  while (isAlpha(s.charCodeAt(pos))) pos++;
  const result = s.slice(resultStart, pos).toLowerCase();
  if (result === '') errors.push('no result word');

  const keys: Record<string, string> = Object.create(null) as Record<string, string>;
  const out: ReceivedSpf = { result, keys, facts: {} };
  // Only the first comment is kept; the others are read past (and checked for their end).
  let comment: string | undefined;
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (isWsp(c) || c === 0x3b /* ; */) {
      pos++;
      continue;
    }
    if (c === 0x28 /* ( */) {
      const end = commentEnd(s, pos);
      if (end < 0) errors.push(`unterminated comment at offset ${pos}`);
      comment ??= collapse(end < 0 ? s.slice(pos + 1) : s.slice(pos + 1, end - 1));
      pos = end < 0 ? s.length : end;
      continue;
    }
    // key [CFWS] "=" ( dot-atom / quoted-string ); pairs are `;`-separated but some writers
    // (Haraka, as in mailauth's fixtures) separate them with a space only.
    const keyStart = pos;
    while (isKeyChar(s.charCodeAt(pos))) pos++;
    const key = s.slice(keyStart, pos).toLowerCase();
    while (isWsp(s.charCodeAt(pos))) pos++;
    if (key === '' || s.charCodeAt(pos) !== 0x3d /* = */) {
      if (key === '') pos++;
      errors.push(`unexpected text at offset ${keyStart}`);
      while (pos < s.length && s.charCodeAt(pos) !== 0x3b) pos++;
      continue;
    }
    pos++;
    while (isWsp(s.charCodeAt(pos))) pos++;
    let value: string;
    if (s.charCodeAt(pos) === 0x22 /* " */) {
      const q = readQuoted(s, pos);
      if (!q.closed) errors.push(`unterminated quoted string at offset ${pos}`);
      value = q.text;
      pos = q.end;
    } else {
      const vStart = pos;
      while (pos < s.length) {
        const v = s.charCodeAt(pos);
        if (isWsp(v) || v === 0x3b || v === 0x28) break;
        pos++;
      }
      value = s.slice(vStart, pos);
    }
    if (!(key in keys)) keys[key] = value;
  }

  if (comment !== undefined) {
    out.comment = comment;
    out.facts = parseSpfComment(comment);
  }
  // Named assignments, in this order (the report's key order): a store through a computed name
  // costs V8 a generic lookup each time.
  const clientIp = keys['client-ip'];
  if (clientIp !== undefined) out.clientIp = clientIp;
  const envelopeFrom = keys['envelope-from'];
  if (envelopeFrom !== undefined) out.envelopeFrom = envelopeFrom;
  const helo = keys['helo'];
  if (helo !== undefined) out.helo = helo;
  const receiver = keys['receiver'];
  if (receiver !== undefined) out.receiver = receiver;
  const identity = keys['identity'];
  if (identity !== undefined) out.identity = identity;
  const mechanism = keys['mechanism'];
  if (mechanism !== undefined) out.mechanism = mechanism;
  const problem = keys['problem'];
  if (problem !== undefined) out.problem = problem;
  if (errors.length > 0) out.errors = errors;
  return out;
}

/** Just past the `)` that closes the comment at `start`, or -1 when it is not closed. */
function commentEnd(s: string, start: number): number {
  let depth = 0;
  let pos = start;
  while (pos < s.length) {
    const c = s.charCodeAt(pos);
    if (c === 0x5c /* \\ */) {
      pos += 2;
      continue;
    }
    if (c === 0x28 /* ( */) depth++;
    else if (c === 0x29 /* ) */) {
      depth--;
      if (depth === 0) return pos + 1;
    }
    pos++;
  }
  return -1;
}

function readQuoted(s: string, start: number): { text: string; end: number; closed: boolean } {
  let pos = start + 1;
  const parts: string[] = [];
  let chunk = pos;
  while (pos < s.length) {
    const c = s[pos];
    if (c === '\\') {
      parts.push(s.slice(chunk, pos), s[pos + 1] ?? '');
      pos += 2;
      chunk = pos;
      continue;
    }
    if (c === '"') {
      parts.push(s.slice(chunk, pos));
      return { text: parts.join(''), end: pos + 1, closed: true };
    }
    pos++;
  }
  parts.push(s.slice(Math.min(chunk, s.length)));
  return { text: parts.join(''), end: s.length, closed: false };
}

/** Strips the quotes, brackets and punctuation receivers put around addresses and IPs. */
function cleanToken(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && isOpener(token.charCodeAt(start))) start++;
  while (end > start && isCloser(token.charCodeAt(end - 1))) end--;
  return token.slice(start, end);
}

/** One of `"'<[(`. */
function isOpener(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x3c || c === 0x5b || c === 0x28;
}

/** One of `"'>]),.;:`. */
function isCloser(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x3e ||
    c === 0x5d ||
    c === 0x29 ||
    c === 0x2c ||
    c === 0x2e ||
    c === 0x3b ||
    c === 0x3a
  );
}

function asIp(token: string): string | null {
  // Most words of a comment are not addresses: an IP literal has a digit (IPv4) or a colon (IPv6),
  // and stripping, lower-casing and normalising never add either.
  let maybe = false;
  for (let i = 0; i < token.length && !maybe; i++) {
    const c = token.charCodeAt(i);
    maybe = (c >= 0x30 && c <= 0x39) || c === 0x3a;
  }
  if (!maybe) return null;
  let t = cleanToken(token);
  if (t.toLowerCase().startsWith('ipv6:')) t = t.slice(5);
  return isIpLiteral(t) ? t : null;
}

function setIdentity(facts: SpfCommentFacts, token: string): void {
  let t = cleanToken(token);
  // Yahoo glues words: `transitioning<d>`, `newsletter.3suisses.frdesignates`.
  if (t.toLowerCase().startsWith('transitioning') && t.length > 'transitioning'.length) {
    facts.transitioning = true;
    t = cleanToken(t.slice('transitioning'.length));
  }
  if (t.toLowerCase().endsWith('designates') && t.length > 'designates'.length) {
    t = t.slice(0, -'designates'.length);
  }
  if (t === '') return;
  const at = t.lastIndexOf('@');
  if (at >= 0) {
    facts.sender = t;
    const domain = t.slice(at + 1);
    if (domain !== '') facts.domain = domain.toLowerCase();
  } else if (t.includes('.')) {
    facts.domain = t.toLowerCase();
  }
}

/** The text after the `: ` that follows `phrase` (Gmail: "… lookup of u@d: <reason>"). */
function reasonAfter(text: string, at: number): string {
  const rest = text.slice(at);
  const colon = rest.indexOf(': ');
  return (colon >= 0 ? rest.slice(colon + 2) : rest).trim();
}

/**
 * The `name` of a comment starting `name: ` (`/^([A-Za-z0-9][A-Za-z0-9.-]*):\s/`, its group), or
 * null. By hand: the name is the run of `[A-Za-z0-9.-]`, which cannot contain the colon.
 */
function authorityOf(text: string): string | null {
  let p = 0;
  for (;;) {
    const c = text.charCodeAt(p);
    const alnum = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
    if (!alnum && (p === 0 || (c !== 0x2e && c !== 0x2d))) break;
    p++;
  }
  if (p === 0 || text.charCodeAt(p) !== 0x3a /* : */ || !isSpace(text.charCodeAt(p + 1))) return null;
  return text.slice(0, p);
}
const TRANSITIONING = /\btransitioning/;
const TEMPORARY_ERROR = /\b(?:temporary error|error in processing)/;

/**
 * Reads the facts an SPF comment states: who wrote it, the IP checked, the domain and sender,
 * "best guess record" (no SPF record published), "transitioning" (the record ends in `~all`),
 * "neither permitted nor denied", "permanent error … : reason", "error in processing … : reason".
 * Accepts the comment with or without its parentheses.
 */
export function parseSpfComment(comment: string): SpfCommentFacts {
  // Gmail writes the same comment in its Received-SPF and its Authentication-Results (and ARC
  // copy), read for the stamp and again for the verdict: each text is read once. Every caller gets
  // its own copy (the facts are plain strings and flags).
  if (comment.length > SPF_COMMENT_CACHE_MAX_TEXT) return readSpfComment(comment);
  return { ...(SPF_COMMENT_CACHE.get(comment) ?? SPF_COMMENT_CACHE.add(comment, readSpfComment)) };
}

// Bounded in entries and in the text kept per entry.
const SPF_COMMENT_CACHE = new BoundedCache<SpfCommentFacts>(256);
const SPF_COMMENT_CACHE_MAX_TEXT = 1024;

function readSpfComment(comment: string): SpfCommentFacts {
  let text = comment.slice(0, MAX_COMMENT).trim();
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  const facts: SpfCommentFacts = {};
  const authority = authorityOf(text);
  if (authority !== null) facts.authority = authority.toLowerCase();

  // The words (`text.split(/\s+/)` without empty ones), split and lower-cased on demand: the
  // searches below mostly stop within the first few words.
  const words: string[] = [];
  let splitTo = 0;
  const word = (i: number): string | undefined => {
    while (words.length <= i && splitTo < text.length) {
      while (splitTo < text.length && isSpace(text.charCodeAt(splitTo))) splitTo++;
      if (splitTo === text.length) break;
      const start = splitTo;
      while (splitTo < text.length && !isSpace(text.charCodeAt(splitTo))) splitTo++;
      words.push(text.slice(start, splitTo));
    }
    return words[i];
  };
  const lowered: (string | undefined)[] = [];
  const lower = (i: number): string | undefined => {
    const w = word(i);
    if (w === undefined) return undefined;
    let l = lowered[i];
    if (l === undefined) {
      l = w.toLowerCase();
      lowered[i] = l;
    }
    return l;
  };
  for (let i = authority === null ? 0 : 1; word(i) !== undefined; i++) {
    const ip = asIp(words[i] ?? '');
    if (ip !== null) {
      facts.ip = ip;
      break;
    }
  }
  for (let i = 0; word(i) !== undefined; i++) {
    const w = lower(i);
    const next = lower(i + 1);
    // "domain of [transitioning] X", "lookup of X", "the domain X reports" (AOL),
    // "is authorized to use 'X'" (Mail::SPF).
    if ((w === 'domain' || w === 'lookup') && next === 'of') {
      let j = i + 2;
      if (lower(j) === 'transitioning') {
        facts.transitioning = true;
        j++;
      }
      const token = word(j);
      if (token !== undefined) setIdentity(facts, token);
      break;
    }
    if (w === 'the' && next === 'domain' && word(i + 2) !== undefined) {
      setIdentity(facts, words[i + 2] ?? '');
      break;
    }
    if (w === 'use' && lower(i - 1) === 'to' && word(i + 1) !== undefined) {
      setIdentity(facts, words[i + 1] ?? '');
      break;
    }
    // Gmail's none: "d does not designate permitted sender hosts".
    if (w === 'does' && next === 'not' && lower(i + 2) === 'designate' && lower(i + 3) === 'permitted') {
      const token = words[i - 1];
      if (token !== undefined && i - 1 >= (authority === null ? 0 : 1)) setIdentity(facts, token);
      facts.noRecord = true;
      break;
    }
  }
  const lc = text.toLowerCase();
  if (lc.includes('best guess record')) facts.bestGuess = true;
  // The regexes only when their words are there (most comments have neither).
  if (lc.includes('transitioning') && TRANSITIONING.test(lc)) facts.transitioning = true;
  if (lc.includes('neither permitted nor denied')) facts.neitherPermittedNorDenied = true;
  if (lc.includes('does not designate permitted sender hosts') || lc.includes('has no spf policy')) {
    facts.noRecord = true;
  }
  const perm = lc.indexOf('permanent error');
  if (perm >= 0) facts.permanentError = reasonAfter(text, perm);
  else {
    const temp = lc.includes('error') ? lc.search(TEMPORARY_ERROR) : -1;
    if (temp >= 0) facts.temporaryError = reasonAfter(text, temp);
  }
  return facts;
}

/**
 * Reads the DMARC facts of a comment: Gmail `p=REJECT sp=REJECT dis=QUARANTINE`, Microsoft
 * `p=reject sp=reject pct=100`, Yahoo `p=QUARANTINE,sp=REJECT`, Fastmail `p=none,d=none`, rspamd
 * `policy=none`. Values are lower-cased; Yahoo's `NULL` means "not stated".
 */
export function parseDmarcComment(comment: string): DmarcCommentFacts {
  const facts: DmarcCommentFacts = {};
  const parts = comment.slice(0, MAX_COMMENT).split(/[\s,;()]+/);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).toLowerCase();
    const value = part.slice(eq + 1).toLowerCase();
    if (value === '' || value === 'null') continue;
    if ((key === 'p' || key === 'policy') && facts.policy === undefined) facts.policy = value;
    else if (key === 'sp' && facts.subdomainPolicy === undefined) facts.subdomainPolicy = value;
    else if ((key === 'dis' || key === 'd') && facts.disposition === undefined) facts.disposition = value;
    else if (key === 'pct' && facts.pct === undefined) facts.pct = value;
  }
  return facts;
}

function propValue(result: AuthResult, ptype: string, property: string): string | undefined {
  const v = result.properties.find((p) => p.ptype === ptype && p.property === property)?.value;
  return v === undefined || v === '' ? undefined : v.toLowerCase();
}

/**
 * The DMARC facts of one `dmarc=` result: its comment (`parseDmarcComment`), then what the
 * receiver wrote as properties: Microsoft's `action=` (none, quarantine, reject, oreject,
 * pquarantine…) as the disposition, Fastmail's `policy.published-domain-policy` /
 * `policy.applied-disposition`, and `policy.dmarc`.
 */
export function readDmarcFacts(result: AuthResult): DmarcCommentFacts {
  const facts = parseDmarcComment(result.comments.join(' '));
  const policy =
    facts.policy ??
    propValue(result, 'policy', 'published-domain-policy') ??
    propValue(result, 'policy', 'dmarc');
  const disposition =
    facts.disposition ??
    propValue(result, '', 'action') ??
    propValue(result, 'policy', 'applied-disposition');
  if (policy !== undefined) facts.policy = policy;
  if (disposition !== undefined) facts.disposition = disposition;
  return facts;
}
