import { DnsError, type MxRecord, type RecordMap, type RecordType, type Resolver } from './index.js';

/**
 * The records of one name in a fixture zone (see docs/dns-fixture.md). Every key is optional; a name
 * that is present answers ENODATA for a type it lacks, a name that is absent answers ENOTFOUND.
 */
export interface FixtureRecord {
  /** Each entry is one TXT record: a string (one character-string) or the list of its strings. */
  TXT?: Array<string | string[]>;
  A?: string[];
  AAAA?: string[];
  MX?: MxRecord[];
  /** Names the PTR records point to (set on `4.3.2.1.in-addr.arpa`-style names). */
  PTR?: string[];
  /** The name is an alias: every query continues at this target (a chain is followed, a loop → ESERVFAIL). */
  CNAME?: string;
  /** Code to fail with for every type this name has no records of (e.g. `ETIMEOUT`, `ESERVFAIL`). */
  error?: string;
  /** Code to fail with for one type, whatever records the name has. */
  errors?: Partial<Record<RecordType, string>>;
}

/** Keys are domain names (case-insensitive, a trailing dot is ignored). */
export type FixtureZone = Record<string, FixtureRecord>;

const TYPES: readonly RecordType[] = ['TXT', 'A', 'AAAA', 'MX', 'PTR'];
const KEYS = new Set<string>([...TYPES, 'CNAME', 'error', 'errors']);

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function fail(path: string, what: string): never {
  throw new Error(`DNS fixture: ${path}: ${what}`);
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    fail(path, 'expected an array of strings');
  return value as string[];
}

/**
 * Checks that a parsed JSON value has the fixture shape, and returns it typed. Throws an Error naming
 * the offending path otherwise (a bad fixture file is bad usage, not a DNS result).
 */
export function parseFixtureZone(value: unknown): FixtureZone {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('(top)', 'expected an object');
  const zone: FixtureZone = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(name, 'expected an object');
    const record: FixtureRecord = {};
    for (const [key, v] of Object.entries(entry as Record<string, unknown>)) {
      const path = `${name}.${key}`;
      if (!KEYS.has(key)) fail(path, `unknown key (expected one of ${[...KEYS].join(', ')})`);
      switch (key) {
        case 'TXT': {
          if (!Array.isArray(v)) fail(path, 'expected an array');
          record.TXT = v.map((t: unknown, i: number) =>
            typeof t === 'string' ? t : stringList(t, `${path}[${i}]`),
          );
          break;
        }
        case 'A':
        case 'AAAA':
        case 'PTR':
          record[key] = stringList(v, path);
          break;
        case 'MX': {
          if (!Array.isArray(v)) fail(path, 'expected an array');
          record.MX = v.map((m: unknown, i: number) => {
            const mx = m as { exchange?: unknown; priority?: unknown };
            if (typeof mx !== 'object' || mx === null || typeof mx.exchange !== 'string') {
              fail(`${path}[${i}]`, 'expected { "exchange": string, "priority": number }');
            }
            return { exchange: mx.exchange, priority: typeof mx.priority === 'number' ? mx.priority : 0 };
          });
          break;
        }
        case 'CNAME':
          if (typeof v !== 'string') fail(path, 'expected a string');
          record.CNAME = v;
          break;
        case 'error':
          if (typeof v !== 'string') fail(path, 'expected a string code');
          record.error = v;
          break;
        case 'errors': {
          if (typeof v !== 'object' || v === null) fail(path, 'expected an object');
          const errors: Partial<Record<RecordType, string>> = {};
          for (const [t, code] of Object.entries(v as Record<string, unknown>)) {
            if (!(TYPES as readonly string[]).includes(t) || typeof code !== 'string') {
              fail(`${path}.${t}`, 'expected a record type mapped to a string code');
            }
            errors[t as RecordType] = code;
          }
          record.errors = errors;
          break;
        }
      }
    }
    zone[normalizeName(name)] = record;
  }
  return zone;
}

export interface FixtureResolver extends Resolver {
  /** Every query answered or refused, in order. */
  readonly queries: Array<{ name: string; type: RecordType }>;
}

/** The longest CNAME chain followed before giving up (a loop answers ESERVFAIL, as recursive servers do). */
const MAX_CNAME_CHAIN = 8;

/**
 * A resolver answering from a fixture zone, with no I/O: for tests, `--dns-fixture FILE`, and the web
 * page. Answers are copies, so a caller cannot change the zone.
 */
export function createFixtureResolver(zone: FixtureZone): FixtureResolver {
  const names = new Map<string, FixtureRecord>();
  for (const [name, record] of Object.entries(zone)) names.set(normalizeName(name), record);
  const queries: Array<{ name: string; type: RecordType }> = [];

  const answer = <T extends RecordType>(name: string, type: T): RecordMap[T] => {
    let current = normalizeName(name);
    for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      const record = names.get(current);
      if (record === undefined) throw new DnsError('ENOTFOUND', name, type);
      const typed = record.errors?.[type];
      if (typed !== undefined) throw new DnsError(typed, name, type);
      if (record.CNAME !== undefined) {
        current = normalizeName(record.CNAME);
        continue;
      }
      const data = record[type];
      if (data === undefined || data.length === 0) {
        throw new DnsError(record.error ?? 'ENODATA', name, type);
      }
      if (type === 'TXT') {
        return (data as Array<string | string[]>).map((t) =>
          typeof t === 'string' ? [t] : [...t],
        ) as RecordMap[T];
      }
      if (type === 'MX') return (data as MxRecord[]).map((m) => ({ ...m })) as RecordMap[T];
      if (type === 'PTR') return (data as string[]).map(normalizeName) as RecordMap[T];
      return [...(data as string[])] as RecordMap[T];
    }
    throw new DnsError('ESERVFAIL', name, type, `CNAME chain too long or looping at ${name}`);
  };

  const resolve = <T extends RecordType>(name: string, type: T): Promise<RecordMap[T]> => {
    queries.push({ name, type });
    try {
      return Promise.resolve(answer(name, type));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return Object.assign(resolve, { queries });
}
