/** Network lists in SpamAssassin's trusted_networks syntax, matched with ipaddr.js. */
import ipaddr from 'ipaddr.js';

interface NetRule {
  negate: boolean;
  addr: ipaddr.IPv4 | ipaddr.IPv6;
  bits: number;
}

export type NetList = NetRule[];

/**
 * Reads `192.0.2.0/24`, `1.2/16` and `10/8` (SpamAssassin's short IPv4 forms: missing octets are
 * zero), bare addresses (a /32 or /128), IPv6 CIDRs, and `!net` exclusions. Entries may also be
 * space- or comma-separated inside one string. Unreadable entries are ignored.
 */
export function parseNetworks(list: readonly string[] | undefined): NetList {
  const rules: NetList = [];
  if (!list) return rules;
  for (const entry of list) {
    if (typeof entry !== 'string') continue;
    for (const token of entry.split(/[\s,]+/)) {
      if (token === '') continue;
      const rule = parseNetwork(token);
      if (rule) rules.push(rule);
    }
  }
  return rules;
}

/** The entries of a list that are not networks (what parseNetworks would ignore): for a usage error. */
export function unreadableNetworks(list: readonly string[]): string[] {
  return list.flatMap((entry) => entry.split(/[\s,]+/)).filter((t) => t !== '' && parseNetwork(t) === null);
}

/** One entry: `[!]net[/bits]` in the forms parseNetworks reads; null when it is not one. */
function parseNetwork(token: string): NetRule | null {
  const negate = token.startsWith('!');
  let body = negate ? token.slice(1) : token;
  body = body.replace(/^\[/, '').replace(/\](?=\/|$)/, '');
  const slash = body.indexOf('/');
  let host = slash >= 0 ? body.slice(0, slash) : body;
  const bitsText = slash >= 0 ? body.slice(slash + 1) : '';
  if (!host.includes(':')) {
    // SpamAssassin: `1.2/16` means 1.2.0.0/16, `10.` means 10.0.0.0/8.
    const parts = host.replace(/\.$/, '').split('.');
    if (parts.length < 4 && parts.every((p) => /^\d{1,3}$/.test(p))) {
      const implied = parts.length * 8;
      while (parts.length < 4) parts.push('0');
      host = parts.join('.');
      if (bitsText === '') return ruleOf(negate, host, implied);
    }
  }
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(host);
  } catch {
    return null;
  }
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  const bits = bitsText === '' ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return null;
  return { negate, addr, bits };
}

function ruleOf(negate: boolean, host: string, bits: number): NetRule | null {
  try {
    return { negate, addr: ipaddr.parse(host), bits };
  } catch {
    return null;
  }
}

/** First matching rule wins (SpamAssassin NetSet order); no match = not in the list. */
export function inNetworks(rules: NetList, ip: string | undefined): boolean {
  if (!ip || rules.length === 0) return false;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip);
  } catch {
    return false;
  }
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  for (const rule of rules) {
    if (rule.addr.kind() !== addr.kind()) continue;
    if (addr.match(rule.addr, rule.bits)) return !rule.negate;
  }
  return false;
}
