/**
 * Who a host or authserv-id belongs to: its organisational domain (Public Suffix List via tldts)
 * and, for the big receivers, the provider that runs it. A provider's stamps can carry another of
 * its domains than its MX hosts (iCloud's `dkim-verifier.icloud.com` for mail received by
 * `*.me.com`; Gmail's `Received-SPF: … (google.com: …)` beside `mx.google.com`).
 */
import ipaddr from 'ipaddr.js';
import { getDomain } from 'tldts';
import { BoundedCache } from '../cache.js';

interface ReceiverProvider {
  name: string;
  domains: readonly string[];
  /**
   * True when the provider writes one Authentication-Results per receipt: then only its topmost
   * stamp is believed, and a second one below it (an earlier pass or a copy an attacker placed)
   * is not merged in. Others (iCloud, Proton, Fastmail's milter, OpenDKIM/OpenDMARC set-ups)
   * write one field per method or per check group, so their stamps are merged.
   */
  singleStamp: boolean;
  /**
   * True when the provider writes its ARC set above the Received field of the hop it checked
   * (Gmail: ../shared/docs/domain.md §1.1, and every Gmail message of the corpus). Then an
   * ARC-Authentication-Results in its name with none of its Received fields below was written by
   * someone else. Others place the set below their Received field (Fastmail, kernel.org's rspamd).
   */
  arcAboveReceived?: true;
}

// Sources: ../shared/docs/domain.md §1–2 (authserv-ids and hosts seen in real stamps).
const PROVIDERS: readonly ReceiverProvider[] = [
  {
    name: 'gmail',
    domains: ['google.com', 'gmail.com', 'googlemail.com'],
    singleStamp: true,
    arcAboveReceived: true,
  },
  {
    name: 'microsoft',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'microsoft.com', 'office365.com'],
    singleStamp: true,
  },
  { name: 'yahoo', domains: ['yahoo.com', 'yahoo.net', 'yahoodns.net'], singleStamp: true },
  { name: 'aol', domains: ['aol.com'], singleStamp: true },
  { name: 'icloud', domains: ['icloud.com', 'me.com', 'mac.com', 'apple.com'], singleStamp: false },
  { name: 'fastmail', domains: ['messagingengine.com', 'fastmail.com', 'fastmail.fm'], singleStamp: false },
  { name: 'proton', domains: ['protonmail.ch', 'proton.me', 'protonmail.com'], singleStamp: false },
  { name: 'zoho', domains: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in'], singleStamp: false },
  { name: 'mailru', domains: ['mail.ru'], singleStamp: false },
  { name: 'yandex', domains: ['yandex.net', 'yandex.ru', 'yandex.com'], singleStamp: false },
];

/** Lower-cases, drops a trailing dot and IPv6 brackets. */
export function normalizeHost(host: string): string {
  if (isNormalHost(host)) return host;
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.startsWith('ipv6:')) h = h.slice(5);
  return h;
}

/**
 * True when normalizeHost would return `host` unchanged: only `[a-z0-9._:-]`, no trailing dot, no
 * `ipv6:` prefix. Most names reach normalizeHost already normalised (authserv-ids, `by` hosts,
 * cache keys), and this scan is cheaper than trim, lower-case and four prefix/suffix tests.
 */
function isNormalHost(host: string): boolean {
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (
      !(
        (
          (c >= 0x61 && c <= 0x7a) ||
          (c >= 0x30 && c <= 0x39) ||
          c === 0x2e /* . */ ||
          c === 0x2d /* - */ ||
          c === 0x3a /* : */ ||
          c === 0x5f
        ) /* _ */
      )
    ) {
      return false;
    }
  }
  return host.charCodeAt(host.length - 1) !== 0x2e && !host.startsWith('ipv6:');
}

// ipaddr.js parses by trying several grammars; a cheap shape test first keeps host names (the
// common case) away from it.
const IPV4_SHAPE = /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/;
const IPV6_SHAPE = /^[0-9a-f:.]+$/i;

// ipaddr.js decides (the project's rule for every IP decision); the same relays and clients come
// back in message after message, so its answers are kept. Bounded: cleared when full.
const LITERALS = new BoundedCache<boolean>(4096);

/** True for a literal IPv4 or IPv6 address (dotted quad; brackets and `IPv6:` accepted). */
export function isIpLiteral(host: string): boolean {
  const h = normalizeHost(host);
  const v4 = IPV4_SHAPE.test(h);
  if (!v4 && !(h.includes(':') && IPV6_SHAPE.test(h))) return false;
  const ok = LITERALS.get(h);
  if (ok !== undefined) return ok;
  return LITERALS.add(h, (a) => (v4 ? ipaddr.IPv4.isValidFourPartDecimal(a) : ipaddr.IPv6.isValid(a)));
}

// A header repeats the same few hosts; the PSL lookup is the costly part of a trust decision.
// Bounded, so that a scan of millions of messages does not grow it without end.
const ORG_CACHE = new BoundedCache<string | null>(4096);

/** The organisational domain (registrable domain, ICANN section of the PSL), or null. */
export function orgDomain(host: string): string | null {
  // Looked up by the text as given first: most calls pass a name seen before, already normalised
  // or not, and normalizeHost's trim/lower-case/slices then cost more than the answer.
  const raw = RAW_ORG_CACHE.get(host);
  if (raw !== undefined) return raw;
  const h = normalizeHost(host);
  // A name without a dot has no organisational domain. Answered before the caches: these are
  // mostly Gmail's internal hops (`by 2002:a05:…`), a new address in every message, which would
  // only push the names that do repeat out of them.
  if (!h.includes('.')) return null;
  let org = ORG_CACHE.get(h);
  if (org === undefined) org = ORG_CACHE.add(h, (n) => (isIpLiteral(n) ? null : (getDomain(n) ?? null)));
  const known = org;
  return RAW_ORG_CACHE.add(host, () => known);
}
// Smaller than ORG_CACHE: it only saves the normalising, and the scan's RSS target is per process.
const RAW_ORG_CACHE = new BoundedCache<string | null>(1024);

// The provider of each organisational domain: the first in PROVIDERS that lists it.
const PROVIDER_OF_ORG = new Map<string, ReceiverProvider>();
for (const p of PROVIDERS) for (const d of p.domains) if (!PROVIDER_OF_ORG.has(d)) PROVIDER_OF_ORG.set(d, p);

export function providerOf(host: string): ReceiverProvider | null {
  const org = orgDomain(host);
  return org === null ? null : (PROVIDER_OF_ORG.get(org) ?? null);
}

/** The set of names that identify one receiver, and a test for whether a name is one of them. */
export interface ReceiverIdentity {
  hosts: Set<string>;
  orgs: Set<string>;
  provider: ReceiverProvider | null;
}

export function identityOf(names: readonly string[]): ReceiverIdentity {
  const hosts = new Set<string>();
  const orgs = new Set<string>();
  let provider: ReceiverProvider | null = null;
  for (const name of names) {
    const h = normalizeHost(name);
    if (h === '') continue;
    hosts.add(h);
    // A name without a dot has no organisational domain, hence no provider (Gmail's internal hops).
    if (!h.includes('.')) continue;
    const registered = orgDomain(h);
    const org = registered ?? (isIpLiteral(h) ? null : h);
    if (org !== null) orgs.add(org);
    // providerOf(h), from the domain just found.
    if (provider === null && registered !== null) provider = PROVIDER_OF_ORG.get(registered) ?? null;
  }
  return { hosts, orgs, provider };
}

/**
 * identityOf([name, ...names]), given `identity` = identityOf(names): the names already read are
 * not normalised and looked up again. `identity` is left as it is.
 */
export function withName(identity: ReceiverIdentity, name: string): ReceiverIdentity {
  const first = identityOf([name]);
  const hosts = new Set(first.hosts);
  for (const h of identity.hosts) hosts.add(h);
  const orgs = new Set(first.orgs);
  for (const o of identity.orgs) orgs.add(o);
  return { hosts, orgs, provider: first.provider ?? identity.provider };
}

/** True when `name` (an authserv-id or a host) is one of the receiver's names. */
export function belongsTo(identity: ReceiverIdentity, name: string): boolean {
  const h = normalizeHost(name);
  if (h === '') return false;
  if (identity.hosts.has(h)) return true;
  // The organisational domain of a plain name is null or its end (whole labels, as tldts reads a
  // plain name as it is): when no domain of the receiver ends the name, it cannot be one of them,
  // and the Public Suffix lookup (costly for a name not seen before: each sender's hosts) is spared.
  if (isPlainHost(h) && !endsInDomainOf(identity, h)) return false;
  const org = orgDomain(h);
  if (org === null) return false;
  if (identity.orgs.has(org)) return true;
  return identity.provider?.domains.includes(org) ?? false;
}

/** `[a-z0-9._-]`, starting and ending with a letter or digit. */
function isPlainHost(h: string): boolean {
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i);
    const alnum = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!alnum && ((c !== 0x2e && c !== 0x2d && c !== 0x5f) || i === 0 || i === h.length - 1)) return false;
  }
  return h.length > 0;
}

/** True when one of the identity's organisational or provider domains is `h` or ends it. */
function endsInDomainOf(identity: ReceiverIdentity, h: string): boolean {
  for (const d of identity.orgs) if (isLabelSuffix(h, d)) return true;
  if (identity.provider !== null)
    for (const d of identity.provider.domains) if (isLabelSuffix(h, d)) return true;
  return false;
}

function isLabelSuffix(h: string, d: string): boolean {
  return h === d || (h.length > d.length && h.endsWith(d) && h.charCodeAt(h.length - d.length - 1) === 0x2e);
}
