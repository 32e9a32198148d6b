/**
 * Bounded caches for the answers that come back message after message in a scanned mailbox: the PSL
 * lookup of a host, an address read by ipaddr.js, a provider found by name. Each is cleared when
 * full, so a scan of millions of messages keeps a fixed size.
 *
 * Keys are kept as detached copies, and the answer is computed from that copy. A name cut out of a
 * header (slice, a regular expression's match) is, in V8, a view that keeps the whole header text
 * alive; a cache holding such names, or answers cut from them, would keep thousands of header blocks
 * in memory over a long scan (measured: 25 to 30 MB per analysis thread on a 4 GB mailbox).
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The kept answer, or undefined when there is none (answers themselves are never undefined). */
  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Computes the answer from a detached copy of `key`, keeps it under that copy and returns it. */
  add(key: string, compute: (key: string) => V): V {
    const own = detached(key);
    const value = compute(own);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(own, value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}

/** `compute`, remembered in a BoundedCache of `limit` entries. */
export function memo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new BoundedCache<V>(limit);
  return (key) => {
    const known = cache.get(key);
    return known !== undefined ? known : cache.add(key, compute);
  };
}

/**
 * A copy of `s` that refers to no other string. Slicing a concatenation makes V8 flatten it into a
 * new string first, so the result's characters live in memory of its own. Strings shorter than 13
 * characters are copied by slice already (V8 makes no views that short).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
