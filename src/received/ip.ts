/** IP literals as Received fields write them, read and normalised with ipaddr.js. */
import ipaddr from 'ipaddr.js';

export interface IpRead {
  /** True when the text looks like an attempt at an IP address (valid or not). */
  like: boolean;
  /** The normalised address when valid (IPv4-mapped IPv6 turned into IPv4). */
  ip?: string;
  version?: 4 | 6;
}

function isHexOrSep(c: number): boolean {
  return (c >= 48 && c <= 58) || c === 46 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function validIpv4(s: string): boolean {
  if (canonicalV4(s) >= 0) return true;
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return false;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    if (Number(p) > 255) return false;
  }
  return true;
}

/**
 * Reads `1.2.3.4`, `[1.2.3.4]`, `[IPv6:2001:db8::1]` (RFC 5321 §4.1.3), `::ffff:1.2.3.4`, with the
 * port forms MTAs append: `1.2.3.4:25` (XMail, ecelerity) and `1.2.3.4.25` (old Exim). `like` is
 * true for things such as `[12.345.67.12]`: an IP literal that is not a valid address.
 */
export function readIp(text: string): IpRead {
  // The text between the brackets is read by offsets: a slice only for what may be an address.
  let a = text.length > 0 && text.charCodeAt(0) === 91 ? 1 : 0;
  const close = text.indexOf(']');
  let b = close >= 0 ? close : text.length;
  if (b - a > 6 && (text.charCodeAt(a) | 32) === 105 && text.slice(a, a + 5).toLowerCase() === 'ipv6:')
    a += 5;
  while (b > a && (text.charCodeAt(b - 1) === 44 || text.charCodeAt(b - 1) === 46)) b--;
  if (b === a || b - a > 64) return NOT_IP;
  let dots = 0;
  let colons = 0;
  let digits = 0;
  let hexLetters = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (!isHexOrSep(c)) return NOT_IP;
    if (c === 46) dots++;
    else if (c === 58) colons++;
    else if (c >= 48 && c <= 57) digits++;
    else hexLetters++;
  }
  if (digits === 0) return NOT_IP;
  const s = a === 0 && b === text.length ? text : text.slice(a, b);
  if (colons >= 2) return normaliseCached(s, true);
  if (hexLetters > 0 || dots < 3) {
    // `1.2.3.4:25` is an IPv4 address and a port; anything else with letters is not an IPv4 try.
    if (!(colons === 1 && dots === 3 && hexLetters === 0)) return NOT_IP;
  }
  let v4 = s;
  if (colons === 1) v4 = s.slice(0, s.indexOf(':'));
  else if (dots === 4) v4 = s.slice(0, s.lastIndexOf('.'));
  if (validIpv4(v4)) return normaliseCached(v4, false);
  return IP_LIKE;
}

// Shared answers: callers only read what readIp returns (as with the cache below).
const NOT_IP: IpRead = { like: false };
const IP_LIKE: IpRead = { like: true };

// The same relays stamp message after message: an address read once is not parsed again by
// ipaddr.js (validation, parse and toString cost more than the rest of readIp). Results are only
// read by the callers (readIp is internal to the Received reader), so sharing them is safe. Bounded:
// cleared when full, whatever a mailbox holds.
const MAX_CACHED = 512;
const normalised = new Map<string, IpRead>();
const ranges = new Map<string, string | null>();

/**
 * The first two octets of a dotted quad written canonically (decimal, no leading zeros, each ≤ 255),
 * as `a * 256 + b`, else -1. For such text ipaddr.js's parse + toString gives the text back unchanged
 * (its leading-zero octal and hex forms are exactly what this refuses), so no parse is needed.
 */
function canonicalV4(s: string): number {
  let part = 0;
  let value = 0;
  let digits = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || part > 3) return -1;
      if (part === 0) a = value;
      else if (part === 1) b = value;
      part++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return -1; // a leading zero: octal to ipaddr.js
      value = value * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else return -1;
  }
  return part === 4 ? a * 256 + b : -1;
}

/** The character code at i, or -1 past the end (no out-of-bounds read in optimised code). */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * The eight 16-bit groups of an IPv6 address written in hex digits and colons only (1 to 4 digits a
 * group, at most one `::` standing for one or more zero groups), else null: embedded IPv4, zone ids
 * and anything malformed are left to ipaddr.js. For the texts it accepts, ipaddr.js's IPv6.parse
 * accepts them too and finds the same groups (its `::` expansion, its 8-group and 4-digit limits).
 */
function v6Groups(s: string): number[] | null {
  const n = s.length;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (at(s, 0) === 58) {
    if (at(s, 1) !== 58) return null;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let value = 0;
    const start = i;
    for (let h = hexValue(at(s, i)); h >= 0; h = hexValue(at(s, ++i))) value = value * 16 + h;
    if (i === start || i - start > 4 || groups.length === 8) return null;
    groups.push(value);
    if (i === n) break;
    if (at(s, i) !== 58) return null;
    i++;
    if (at(s, i) === 58) {
      if (gap >= 0) return null;
      gap = groups.length;
      i++;
    } else if (i === n) return null;
  }
  if (gap < 0) return groups.length === 8 ? groups : null;
  if (groups.length > 7) return null;
  const zeros = 8 - groups.length;
  groups.splice(gap, 0, ...new Array<number>(zeros).fill(0));
  return groups;
}

/**
 * ipaddr.js's toString of IPv6 groups (RFC 5952): lower-case hex without leading zeros, the longest
 * run of two or more zero groups (the leftmost of equals) written `::`.
 */
function v6String(g: readonly number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  // Written as character codes (toString(16) is a slow runtime call): groups joined by `:`, the
  // longest zero run as `::`.
  const codes: number[] = [];
  let colon = false;
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      codes.push(58, 58);
      colon = false;
      i += bestLen - 1;
      continue;
    }
    if (colon) codes.push(58);
    const v = g[i] as number;
    if (v >= 0x1000) codes.push(HEX_DIGITS[v >> 12] as number);
    if (v >= 0x100) codes.push(HEX_DIGITS[(v >> 8) & 15] as number);
    if (v >= 0x10) codes.push(HEX_DIGITS[(v >> 4) & 15] as number);
    codes.push(HEX_DIGITS[v & 15] as number);
    colon = true;
  }
  return String.fromCharCode(...codes);
}

const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** `::ffff:a.b.c.d` (ipaddr.js's ipv4Mapped range: 80 zero bits, then 16 one bits). */
function isV4Mapped(g: readonly number[]): boolean {
  return g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
}

function normaliseCached(s: string, v6: boolean): IpRead {
  // Hoisted out of the cache: most relays are IPv4, and this is cheaper than a Map lookup miss.
  if (!v6 && canonicalV4(s) >= 0) return { like: true, ip: s, version: 4 };
  // Plain IPv6 text (Gmail's clients and `by 2002:…` hosts, new in every message) is read here, the
  // same as ipaddr.js reads it but without its regular expressions, splits and objects.
  const g = v6 ? v6Groups(s) : null;
  if (g !== null) {
    if (isV4Mapped(g)) {
      const hi = g[6] as number;
      const lo = g[7] as number;
      return { like: true, ip: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, version: 4 };
    }
    return { like: true, ip: v6String(g), version: 6 };
  }
  let r = normalised.get(s);
  if (r === undefined) {
    r = v6 ? normaliseV6(s) : normalise(s);
    if (normalised.size >= MAX_CACHED) normalised.clear();
    normalised.set(s, r);
  }
  return r;
}

/** ipaddr.js's range name of an address, null when it does not parse; cached as above. */
function rangeOf(ip: string): string | null {
  let r = ranges.get(ip);
  if (r === undefined) {
    try {
      r = ipaddr.parse(ip).range();
    } catch {
      r = null;
    }
    if (ranges.size >= MAX_CACHED) ranges.clear();
    ranges.set(ip, r);
  }
  return r;
}

/**
 * `IPv6.isValid(s) ? normalise(s) : { like: true }` with one parse instead of three: isValid runs
 * IPv6.parse's own parser and constructor, and ipaddr.parse of a valid IPv6 text is IPv6.parse.
 */
function normaliseV6(s: string): IpRead {
  let v6: ipaddr.IPv6;
  try {
    v6 = ipaddr.IPv6.parse(s);
  } catch {
    return { like: true };
  }
  if (v6.isIPv4MappedAddress()) return { like: true, ip: v6.toIPv4Address().toString(), version: 4 };
  return { like: true, ip: v6.toString(), version: 6 };
}

function normalise(s: string): IpRead {
  try {
    const addr = ipaddr.parse(s);
    if (addr.kind() === 'ipv6') {
      const v6 = addr as ipaddr.IPv6;
      if (v6.isIPv4MappedAddress()) return { like: true, ip: v6.toIPv4Address().toString(), version: 4 };
      return { like: true, ip: v6.toString(), version: 6 };
    }
    return { like: true, ip: addr.toString(), version: 4 };
  } catch {
    return { like: true };
  }
}

/** `::` or `::1`. */
function isUnspecifiedOrLoopback(g: readonly number[]): boolean {
  for (let i = 0; i < 7; i++) if (g[i] !== 0) return false;
  return (g[7] as number) <= 1;
}

/** Loopback, RFC 1918, link-local, CGNAT, unique-local and unspecified addresses. */
export function isPrivateIp(ip: string): boolean {
  // ipaddr.js's IPv4 ranges for these names (0/8, 10/8, 127/8, 100.64/10, 169.254/16, 172.16/12,
  // 192.168/16) overlap none listed before them, so the octets decide alone for a canonical quad.
  const v4 = canonicalV4(ip);
  if (v4 >= 0) {
    const a = v4 >> 8;
    const b = v4 & 255;
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  const g = v6Groups(ip);
  if (g !== null) {
    // ipaddr.js's IPv6 ranges for these names (::/128, ::1/128, fe80::/10, fc00::/7) are disjoint
    // and listed before any other, so the first match is one of them exactly when one contains it.
    const g0 = g[0] as number;
    return (g0 & 0xffc0) === 0xfe80 || (g0 & 0xfe00) === 0xfc00 || isUnspecifiedOrLoopback(g);
  }
  const range = rangeOf(ip);
  return (
    range === 'private' ||
    range === 'loopback' ||
    range === 'linkLocal' ||
    range === 'uniqueLocal' ||
    range === 'carrierGradeNat' ||
    range === 'unspecified'
  );
}

export function isLoopback(ip: string): boolean {
  const v4 = canonicalV4(ip);
  if (v4 >= 0) return v4 >> 8 === 127;
  const g = v6Groups(ip);
  if (g !== null) return isUnspecifiedOrLoopback(g) && g[7] === 1;
  return rangeOf(ip) === 'loopback';
}
