/** IP literals as Received fields write them, read and normalised with ipaddr.js. */
import ipaddr from 'ipaddr.js';
import { BoundedCache } from '../cache.js';

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

/**
 * The shape of a dotted quad: four parts of 1–3 digits, each ≤ 255 (leading zeros allowed: ipaddr.js
 * reads those, and normalises them). Only decides whether ipaddr.js is asked; it reads the address.
 */
function validIpv4(s: string): boolean {
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || ++parts > 4) return false;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (++digits > 3) return false;
    } else return false;
  }
  return parts === 4;
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

// Every address is read, normalised and classified by ipaddr.js (the project's rule for every IP and
// CIDR decision). The same relays stamp message after message: an address read once is not parsed
// again. Results are only read by the callers (readIp is internal to the Received reader), so sharing
// them is safe. Bounded: cleared when full, whatever a mailbox holds.
const normalised = new BoundedCache<IpRead>(4096);
const ranges = new BoundedCache<string | null>(4096);
const parsedAddresses = new BoundedCache<ipaddr.IPv4 | ipaddr.IPv6>(4096);

function normaliseCached(s: string, v6: boolean): IpRead {
  return normalised.get(s) ?? normalised.add(s, v6 ? normaliseV6 : normalise);
}

/** ipaddr.js's range name of an address, null when it does not parse; cached as above. */
function rangeOf(ip: string): string | null {
  const known = ranges.get(ip);
  if (known !== undefined) return known;
  return ranges.add(ip, (a) => {
    const parsed = parsedAddresses.get(a);
    if (parsed) return parsed.range();
    try {
      return ipaddr.parse(a).range();
    } catch {
      return null;
    }
  });
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
  return readAddress(v6);
}

function normalise(s: string): IpRead {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(s);
  } catch {
    return { like: true };
  }
  return readAddress(addr);
}

/**
 * The normalised text of a parsed address (IPv4-mapped IPv6 as IPv4). The parsed address is kept
 * under that text: the chain may ask for its range next (private? loopback?), without a second parse.
 */
function readAddress(parsed: ipaddr.IPv4 | ipaddr.IPv6): IpRead {
  let addr = parsed;
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  const ip = addr.toString();
  parsedAddresses.add(ip, () => addr);
  return { like: true, ip, version: addr.kind() === 'ipv6' ? 6 : 4 };
}

/** Loopback, RFC 1918, link-local, CGNAT, unique-local and unspecified addresses (ipaddr.js's ranges). */
export function isPrivateIp(ip: string): boolean {
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
  return rangeOf(ip) === 'loopback';
}
