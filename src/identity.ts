import { getDomain } from 'tldts';
import { BoundedCache } from './cache.js';

// Alignment checks ask for the same few domains again and again, message after message: the PSL
// lookup is done once per name. Bounded: cleared when full.
const ORG_CACHE = new BoundedCache<string>(1024);

/**
 * The organisational domain (RFC 7489 §3.2): the public suffix plus one label, from the Public Suffix
 * List that tldts ships (ICANN section, as DMARC implementations use). Unknown or bare names come back
 * lower-cased as they are.
 */
export function organizationalDomain(domain: string): string {
  return (
    ORG_CACHE.get(domain) ??
    ORG_CACHE.add(domain, (d) => {
      const clean = d.replace(/\.$/, '').toLowerCase();
      return getDomain(clean) ?? clean;
    })
  );
}

/** Relaxed alignment (RFC 7489 §3.1): same organisational domain. */
export function aligned(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return organizationalDomain(a) === organizationalDomain(b);
}
