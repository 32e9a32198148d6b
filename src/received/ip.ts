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
  let s = text;
  if (s.startsWith('[')) s = s.slice(1);
  const close = s.indexOf(']');
  if (close >= 0) s = s.slice(0, close);
  if (s.length > 6 && s.slice(0, 5).toLowerCase() === 'ipv6:') s = s.slice(5);
  while (s.endsWith(',') || s.endsWith('.')) s = s.slice(0, -1);
  if (s.length === 0 || s.length > 64) return { like: false };
  let dots = 0;
  let colons = 0;
  let digits = 0;
  let hexLetters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isHexOrSep(c)) return { like: false };
    if (c === 46) dots++;
    else if (c === 58) colons++;
    else if (c >= 48 && c <= 57) digits++;
    else hexLetters++;
  }
  if (digits === 0) return { like: false };
  if (colons >= 2) return normaliseCached(s, true);
  if (hexLetters > 0 || dots < 3) {
    // `1.2.3.4:25` is an IPv4 address and a port; anything else with letters is not an IPv4 try.
    if (!(colons === 1 && dots === 3 && hexLetters === 0)) return { like: false };
  }
  let v4 = s;
  if (colons === 1) v4 = s.slice(0, s.indexOf(':'));
  else if (dots === 4) v4 = s.slice(0, s.lastIndexOf('.'));
  if (validIpv4(v4)) return normaliseCached(v4, false);
  return { like: true };
}

// The same relays stamp message after message: an address read once is not parsed again by
// ipaddr.js (validation, parse and toString cost more than the rest of readIp). Results are only
// read by the callers (readIp is internal to the Received reader), so sharing them is safe. Bounded:
// cleared when full, whatever a mailbox holds.
const MAX_CACHED = 512;
const normalised = new Map<string, IpRead>();
const ranges = new Map<string, string | null>();

/**
 * The first two octets of a dotted quad written canonically (decimal, no leading zeros, each ≤ 255),
 * else null. For such text ipaddr.js's parse + toString gives the text back unchanged (its
 * leading-zero octal and hex forms are exactly what this refuses), so no parse is needed.
 */
function canonicalV4(s: string): [number, number] | null {
  let part = 0;
  let value = 0;
  let digits = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || part > 3) return null;
      if (part === 0) a = value;
      else if (part === 1) b = value;
      part++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return null; // a leading zero: octal to ipaddr.js
      value = value * 10 + (c - 48);
      if (++digits > 3) return null;
    } else return null;
  }
  return part === 4 ? [a, b] : null;
}

function normaliseCached(s: string, v6: boolean): IpRead {
  // Hoisted out of the cache: most relays are IPv4, and this is cheaper than a Map lookup miss.
  if (!v6 && canonicalV4(s) !== null) return { like: true, ip: s, version: 4 };
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

/** Loopback, RFC 1918, link-local, CGNAT, unique-local and unspecified addresses. */
export function isPrivateIp(ip: string): boolean {
  // ipaddr.js's IPv4 ranges for these names (0/8, 10/8, 127/8, 100.64/10, 169.254/16, 172.16/12,
  // 192.168/16) overlap none listed before them, so the octets decide alone for a canonical quad.
  const v4 = canonicalV4(ip);
  if (v4 !== null) {
    const [a, b] = v4;
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
  if (v4 !== null) return v4[0] === 127;
  return rangeOf(ip) === 'loopback';
}
