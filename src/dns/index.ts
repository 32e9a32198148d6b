/**
 * The resolver interface every DNS-using part of mailwhy is given (architecture habit 2: injected
 * resolver). Pure: no `node:*` import here, so the web build can use the fixture and deny-all
 * resolvers. The Node resolver lives in `./node.ts` and is exported from there only.
 *
 * Record shapes follow `node:dns/promises` so that a resolver can be a thin wrapper over it:
 * - `TXT` → `string[][]`: one entry per TXT record, each the list of its character-strings as
 *   published (RFC 1035 §3.3.14). Joining the pieces is the caller's job (SPF joins them without
 *   a separator, RFC 7208 §3.3).
 * - `A` / `AAAA` → address strings; `PTR` → names without the trailing dot;
 * - `MX` → `{ exchange, priority }[]`.
 *
 * Failures reject with a {@link DnsError} whose `code` is one of the `node:dns` codes
 * (`ENOTFOUND` = NXDOMAIN, `ENODATA` = name exists but no record of that type, `ETIMEOUT`,
 * `ESERVFAIL`, `ECONNREFUSED`, `EREFUSED`, `EBADRESP`…) or `EOFFLINE` for the deny-all resolver.
 */

export type RecordType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR';

export interface MxRecord {
  exchange: string;
  priority: number;
}

export interface RecordMap {
  TXT: string[][];
  A: string[];
  AAAA: string[];
  MX: MxRecord[];
  PTR: string[];
}

export type Resolver = <T extends RecordType>(name: string, type: T) => Promise<RecordMap[T]>;

/** Codes meaning "the name or the record does not exist": a void lookup (RFC 7208 §4.6.4). */
export const VOID_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA']);

/** An error carrying a `node:dns`-style code. */
export class DnsError extends Error {
  readonly code: string;
  readonly hostname: string;
  readonly rrtype: RecordType;

  constructor(code: string, hostname: string, rrtype: RecordType, message?: string) {
    super(message ?? `query${rrtype} ${code} ${hostname}`);
    this.name = 'DnsError';
    this.code = code;
    this.hostname = hostname;
    this.rrtype = rrtype;
  }
}

/** Reads the code of anything a resolver rejected with; `EUNKNOWN` when it carries none. */
export function dnsErrorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
  }
  return 'EUNKNOWN';
}

export { createDenyResolver, type DenyResolver } from './deny.js';
export {
  createFixtureResolver,
  type FixtureRecord,
  type FixtureResolver,
  type FixtureZone,
  parseFixtureZone,
} from './fixture.js';
