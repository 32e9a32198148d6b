import { getDomain } from 'tldts';

/**
 * The organisational domain (RFC 7489 §3.2): the public suffix plus one label, from the Public Suffix
 * List that tldts ships (ICANN section, as DMARC implementations use). Unknown or bare names come back
 * lower-cased as they are.
 */
export function organizationalDomain(domain: string): string {
  const clean = domain.replace(/\.$/, '').toLowerCase();
  return getDomain(clean) ?? clean;
}

/** Relaxed alignment (RFC 7489 §3.1): same organisational domain. */
export function aligned(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return organizationalDomain(a) === organizationalDomain(b);
}
