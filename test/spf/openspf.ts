// Reads the OpenSPF-schema YAML suites (RFC 7208, RFC 4408, pyspf) as they are and turns their
// zonedata into mailwhy's fixture zone. The driver conventions follow the suite's own header:
// an SPF (type 99) entry stands for a TXT record too unless the name lists TXT entries of its own
// ("TXT: NONE" = none at all), and TIMEOUT makes every query of a type the name has no data for time out.
import { loadAll } from 'js-yaml';
import type { FixtureRecord, FixtureZone } from '../../src/dns/index.js';
import { readCorpus } from '../corpus.js';

export interface SuiteCase {
  scenario: string;
  name: string;
  helo: string;
  host: string;
  mailfrom: string;
  results: string[];
  explanation?: string;
  spec?: string;
}

export interface SuiteScenario {
  description: string;
  zone: FixtureZone;
  cases: SuiteCase[];
}

type ZoneEntry = string | Record<string, unknown>;

function asString(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** Converts one scenario's zonedata to a fixture zone. */
export function zoneFromSuite(zonedata: Record<string, ZoneEntry[] | null>): FixtureZone {
  const zone: FixtureZone = {};
  for (const [rawName, entries] of Object.entries(zonedata)) {
    const name = rawName.toLowerCase().replace(/\.$/, '');
    const record: FixtureRecord = zone[name] ?? {};
    const txt: Array<string | string[]> = [];
    const spf: Array<string | string[]> = [];
    let hasTxtEntry = false;
    for (const entry of entries ?? []) {
      if (entry === 'TIMEOUT') {
        record.error = 'ETIMEOUT';
        continue;
      }
      if (typeof entry !== 'object' || entry === null)
        throw new Error(`unexpected zone entry ${String(entry)}`);
      for (const [type, value] of Object.entries(entry)) {
        switch (type) {
          case 'TXT':
          case 'SPF': {
            if (type === 'TXT') hasTxtEntry = true;
            if (value === 'NONE') break;
            const data = Array.isArray(value) ? value.map(asString) : asString(value);
            (type === 'TXT' ? txt : spf).push(data);
            break;
          }
          case 'A':
          case 'AAAA':
          case 'PTR':
            record[type] = [...(record[type] ?? []), asString(value)];
            break;
          case 'MX': {
            const [priority, exchange] = value as [number, string];
            record.MX = [...(record.MX ?? []), { priority, exchange: asString(exchange) }];
            break;
          }
          case 'CNAME':
            record.CNAME = asString(value);
            break;
          default:
            throw new Error(`unexpected record type ${type} at ${name}`);
        }
      }
    }
    const texts = hasTxtEntry ? txt : spf;
    if (texts.length > 0) record.TXT = texts;
    zone[name] = record;
  }
  return zone;
}

interface RawDoc {
  description: string;
  tests: Record<string, Record<string, unknown>>;
  zonedata?: Record<string, ZoneEntry[] | null>;
}

export function loadSuite(relative: string): SuiteScenario[] {
  const docs = loadAll(readCorpus(relative)) as Array<RawDoc | null>;
  return docs
    .filter((d): d is RawDoc => d !== null && typeof d === 'object' && 'tests' in d)
    .map((doc) => ({
      description: doc.description,
      zone: zoneFromSuite(doc.zonedata ?? {}),
      cases: Object.entries(doc.tests).map(([name, t]) => {
        const result = t['result'];
        const c: SuiteCase = {
          scenario: doc.description,
          name,
          helo: asString(t['helo'] ?? ''),
          host: asString(t['host']),
          mailfrom: asString(t['mailfrom'] ?? ''),
          results: Array.isArray(result) ? result.map(asString) : [asString(result)],
        };
        if (t['explanation'] !== undefined) c.explanation = asString(t['explanation']);
        if (t['spec'] !== undefined) c.spec = asString(t['spec']);
        return c;
      }),
    }));
}
