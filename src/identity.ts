import { getDomain } from 'tldts';

// Alignment checks ask for the same few domains again and again, message after message: the PSL
// lookup is done once per name. Bounded: cleared when full.
const ORG_CACHE = new Map<string, string>();
const ORG_CACHE_LIMIT = 1024;

/**
 * The organisational domain (RFC 7489 §3.2): the public suffix plus one label, from the Public Suffix
 * List that tldts ships (ICANN section, as DMARC implementations use). Unknown or bare names come back
 * lower-cased as they are.
 */
export function organizationalDomain(domain: string): string {
  const cached = ORG_CACHE.get(domain);
  if (cached !== undefined) return cached;
  const clean = domain.replace(/\.$/, '').toLowerCase();
  const org = getDomain(clean) ?? clean;
  if (ORG_CACHE.size >= ORG_CACHE_LIMIT) ORG_CACHE.clear();
  ORG_CACHE.set(domain, org);
  return org;
}

/** Relaxed alignment (RFC 7489 §3.1): same organisational domain. */
export function aligned(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return organizationalDomain(a) === organizationalDomain(b);
}
