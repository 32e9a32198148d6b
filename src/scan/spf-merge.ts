/**
 * One SPF record per domain. Each message's fix is the record for a domain whose only sender is the
 * server that sent that message; a mailbox shows several servers sending for one domain, and a
 * domain may publish only one SPF record (two are a permerror, RFC 7208 §4.5). Where the fixes of
 * a scan name a domain with more than one record, this merges them into the one record to publish.
 * Pure.
 */
import type { CauseSummary } from './aggregate.js';

export interface SpfMerge {
  domain: string;
  /** The merged record as a zone-file line (owner name and TTL as in the fixes). */
  zoneLine: string;
  /** The record's value: every fix's terms, the server with most messages first, then the ending. */
  value: string;
  /** Messages whose fix this record covers. */
  messages: number;
  /** The servers' terms (`a:www1.example mx`, `include:…`) and the messages whose fix named them. */
  senders: { terms: string; messages: number }[];
  /**
   * The record's own terms that query DNS (`a`, `mx`, `include`, `exists`, `ptr`, `redirect=`).
   * RFC 7208 §4.6.4 allows 10 per evaluation, those inside `include:` counted too.
   */
  lookups: number;
}

/** A TXT zone line holding an SPF record, as the diagnosis writes it: `name ttl IN TXT "v=spf1 …"`. */
const SPF_ZONE_LINE = /^(\S+) (\d+) IN TXT "v=spf1 ([^"]*)"$/;
const ALL = /^[-~+?]?all$/i;
const LOOKUP = /^[-~+?]?(a|mx|include|exists|ptr)(?=$|[:/])|^redirect=/i;
/** The longest character-string in a TXT record (RFC 1035 §3.3): longer values are split. */
const TXT_STRING_MAX = 255;

interface Part {
  name: string;
  ttl: string;
  terms: string[];
  all: string;
  messages: number;
  zoneLine: string;
}

export function mergeSpfFixes(causes: CauseSummary[]): SpfMerge[] {
  const byDomain = new Map<string, Part[]>();
  for (const cause of causes) {
    for (const fix of cause.fixes) {
      const m = SPF_ZONE_LINE.exec(fix.zoneLine);
      if (!m) continue;
      const words = (m[3] ?? '').split(/\s+/).filter((w) => w !== '');
      const all = words.filter((w) => ALL.test(w)).pop() ?? '~all';
      const part: Part = {
        name: m[1] ?? '',
        ttl: m[2] ?? '',
        terms: words.filter((w) => !ALL.test(w)),
        all: all.toLowerCase(),
        messages: fix.messages,
        zoneLine: fix.zoneLine,
      };
      const list = byDomain.get(fix.domain);
      if (list) list.push(part);
      else byDomain.set(fix.domain, [part]);
    }
  }
  const out: SpfMerge[] = [];
  for (const [domain, parts] of byDomain) {
    if (new Set(parts.map((p) => p.zoneLine)).size < 2) continue;
    parts.sort((a, b) => b.messages - a.messages || a.zoneLine.localeCompare(b.zoneLine));
    const senders = new Map<string, number>();
    const terms: string[] = [];
    const ending = new Map<string, number>();
    for (const p of parts) {
      const key = p.terms.join(' ');
      senders.set(key, (senders.get(key) ?? 0) + p.messages);
      for (const t of p.terms) if (!terms.some((x) => x.toLowerCase() === t.toLowerCase())) terms.push(t);
      ending.set(p.all, (ending.get(p.all) ?? 0) + p.messages);
    }
    const value = `v=spf1 ${[...terms, chooseAll(ending)].join(' ')}`;
    const first = parts[0] as Part;
    out.push({
      domain,
      zoneLine: `${first.name} ${first.ttl} IN TXT ${txtStrings(value)}`,
      value,
      messages: parts.reduce((n, p) => n + p.messages, 0),
      senders: [...senders.entries()]
        .map(([t, messages]) => ({ terms: t, messages }))
        .sort((a, b) => b.messages - a.messages || a.terms.localeCompare(b.terms)),
      lookups: terms.filter((t) => LOOKUP.test(t)).length,
    });
  }
  return out.sort((a, b) => b.messages - a.messages || a.domain.localeCompare(b.domain));
}

/**
 * The ending most of the merged messages saw (their receivers' verdicts: `~all` gave softfail,
 * `-all` fail). On a tie, `~all`: no server that really sends for the domain is refused while the
 * new record settles.
 */
function chooseAll(ending: Map<string, number>): string {
  let best = '~all';
  let most = ending.get('~all') ?? 0;
  for (const [all, n] of ending) {
    if (n > most) {
      best = all;
      most = n;
    }
  }
  return best;
}

/** The value as TXT character-strings: one if it fits, else split between terms (RFC 7208 §3.3). */
function txtStrings(value: string): string {
  if (value.length <= TXT_STRING_MAX) return `"${value}"`;
  const strings: string[] = [];
  let current = '';
  for (const word of value.split(' ')) {
    const next = current === '' ? word : `${current} ${word}`;
    if (next.length <= TXT_STRING_MAX || current === '') current = next;
    else {
      // The space goes with the next string: receivers join the strings with nothing between them.
      strings.push(current);
      current = ` ${word}`;
    }
  }
  strings.push(current);
  return strings.map((s) => `"${s}"`).join(' ');
}
