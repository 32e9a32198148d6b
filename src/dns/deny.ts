import { DnsError, type RecordMap, type RecordType, type Resolver } from './index.js';

/** A resolver that refuses every query, and counts them, so a test can prove an offline run made none. */
export interface DenyResolver {
  resolve: Resolver;
  /** Every query attempted, in order. */
  readonly queries: ReadonlyArray<{ name: string; type: RecordType }>;
  /** Number of queries attempted. */
  count(): number;
}

/**
 * The offline default: mailwhy makes no network request unless asked (product principle "the message
 * is the evidence"). Every query rejects with code `EOFFLINE`.
 */
export function createDenyResolver(): DenyResolver {
  const queries: Array<{ name: string; type: RecordType }> = [];
  const resolve = <T extends RecordType>(name: string, type: T): Promise<RecordMap[T]> => {
    queries.push({ name, type });
    return Promise.reject(
      new DnsError('EOFFLINE', name, type, `DNS query ${type} ${name} refused: offline mode (no --online)`),
    );
  };
  return { resolve, queries, count: () => queries.length };
}
