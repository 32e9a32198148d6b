/**
 * The scan summary: counts by From domain and by sending host, the causes with their fixes, the
 * errors with their positions. Pure and incremental, so that Ctrl-C can print it at any moment.
 */
import type { FindingCode } from '../diagnose/findings.js';
import type { MessageRecord } from './record.js';
import type { SourceRef } from './split.js';

export const SUMMARY_SCHEMA = 'mailwhy.scan-summary/1';

export type FailOn = 'softfail' | 'fail' | 'none';

/** Counts of result words (`pass`, `softfail`…; `none` when the receiver recorded nothing). */
export type VerdictCounts = Record<string, number>;

export interface GroupSummary {
  key: string;
  /** Provider of the sending host (host groups), or the most frequent one (domain groups). */
  provider: string | null;
  messages: number;
  /** Messages with at least one error or warning finding. */
  withProblems: number;
  spf: VerdictCounts;
  dkim: VerdictCounts;
  dmarc: VerdictCounts;
  /** Messages Gmail shows with the "?" avatar. */
  gmailUnauthenticated: number;
  /** Finding codes (errors and warnings) by number of messages, most frequent first. */
  causes: { code: FindingCode; messages: number }[];
  /** Date fields, ISO 8601; null when no message had a readable Date. */
  first: string | null;
  last: string | null;
}

export interface CauseSummary {
  code: FindingCode;
  /** The report's title for the first message with this cause. */
  title: string;
  messages: number;
  /** The DNS records that answer this cause, most needed first. */
  fixes: { zoneLine: string; domain: string; messages: number }[];
}

export interface ScanSummary {
  schema: typeof SUMMARY_SCHEMA;
  /** Every message met (and every archive entry refused): read = reported + errored. */
  read: number;
  reported: number;
  errored: number;
  /** Messages inside --domain (all reported messages when there is no filter). */
  matched: number;
  domain: string | null;
  truncated: number;
  bytes: number;
  seconds: number;
  /** Set when the scan was stopped (Ctrl-C): the last position handed out. */
  interrupted: { at: SourceRef | null } | null;
  totals: {
    spf: VerdictCounts;
    dkim: VerdictCounts;
    dmarc: VerdictCounts;
    gmailUnauthenticated: number;
    authenticated: number;
  };
  byFromDomain: GroupSummary[];
  bySendingHost: GroupSummary[];
  causes: CauseSummary[];
  errors: { source: SourceRef; error: string }[];
  /** How many errors the summary lists (the JSONL file has them all). */
  errorsListed: number;
  skipped: { path: string; reason: string }[];
}

interface Group {
  provider: Map<string, number>;
  messages: number;
  withProblems: number;
  spf: VerdictCounts;
  dkim: VerdictCounts;
  dmarc: VerdictCounts;
  gmailUnauthenticated: number;
  causes: Map<FindingCode, number>;
  first: number | null;
  last: number | null;
}

function newGroup(): Group {
  return {
    provider: new Map(),
    messages: 0,
    withProblems: 0,
    spf: {},
    dkim: {},
    dmarc: {},
    gmailUnauthenticated: 0,
    causes: new Map(),
    first: null,
    last: null,
  };
}

function bump(counts: VerdictCounts, key: string | null): void {
  const k = key ?? 'none';
  counts[k] = (counts[k] ?? 0) + 1;
}

const MAX_ERRORS_LISTED = 100;

/** Whether one message makes the scan fail under --fail-on. */
export function failsOn(r: MessageRecord, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  if (r.error !== null) return true;
  const hard = r.spf === 'fail' || r.dkim === 'fail' || r.dmarc === 'fail';
  if (failOn === 'fail') return hard;
  return hard || r.spf === 'softfail' || r.gmailUnauthenticated;
}

export class ScanAggregator {
  private read = 0;
  private reported = 0;
  private errored = 0;
  private matched = 0;
  private truncated = 0;
  private failing = 0;
  private readonly totals = {
    spf: {} as VerdictCounts,
    dkim: {} as VerdictCounts,
    dmarc: {} as VerdictCounts,
    gmailUnauthenticated: 0,
    authenticated: 0,
  };
  private readonly byDomain = new Map<string, Group>();
  private readonly byHost = new Map<string, Group>();
  private readonly causes = new Map<
    FindingCode,
    { title: string; messages: number; fixes: Map<string, { domain: string; messages: number }> }
  >();
  private readonly errors: { source: SourceRef; error: string }[] = [];
  private readonly skipped: { path: string; reason: string }[] = [];
  /** The last position accounted for: where a Ctrl-C stopped. */
  last: SourceRef | null = null;

  constructor(
    private readonly domain: string | null,
    private readonly failOn: FailOn,
  ) {}

  add(r: MessageRecord): void {
    this.read++;
    this.last = r.src;
    if (r.error !== null) {
      this.errored++;
      if (this.errors.length < MAX_ERRORS_LISTED) this.errors.push({ source: r.src, error: r.error });
      if (failsOn(r, this.failOn)) this.failing++;
      return;
    }
    this.reported++;
    if (!r.matched) return;
    this.matched++;
    if (r.truncated) this.truncated++;
    if (failsOn(r, this.failOn)) this.failing++;
    bump(this.totals.spf, r.spf);
    bump(this.totals.dkim, r.dkim);
    bump(this.totals.dmarc, r.dmarc);
    if (r.gmailUnauthenticated) this.totals.gmailUnauthenticated++;
    if (r.authenticated) this.totals.authenticated++;
    this.addTo(this.byDomain, r.fromDomain ?? '(no From domain)', r);
    this.addTo(this.byHost, r.host ?? '(unknown host)', r);
    const codes = new Set(r.problems);
    for (const code of codes) {
      let c = this.causes.get(code);
      if (!c) {
        c = { title: r.titles[r.problems.indexOf(code)] ?? code, messages: 0, fixes: new Map() };
        this.causes.set(code, c);
      }
      c.messages++;
      for (const fix of r.fixes) {
        if (fix.answers !== code) continue;
        const f = c.fixes.get(fix.zoneLine);
        if (f) f.messages++;
        else c.fixes.set(fix.zoneLine, { domain: fix.domain, messages: 1 });
      }
    }
  }

  skip(path: string, reason: string): void {
    this.skipped.push({ path, reason });
  }

  /** Messages that make the scan fail under --fail-on. */
  get failures(): number {
    return this.failing;
  }

  private addTo(map: Map<string, Group>, key: string, r: MessageRecord): void {
    let g = map.get(key);
    if (!g) {
      g = newGroup();
      map.set(key, g);
    }
    g.messages++;
    if (r.problems.length > 0) g.withProblems++;
    bump(g.spf, r.spf);
    bump(g.dkim, r.dkim);
    bump(g.dmarc, r.dmarc);
    if (r.gmailUnauthenticated) g.gmailUnauthenticated++;
    if (r.provider) g.provider.set(r.provider, (g.provider.get(r.provider) ?? 0) + 1);
    for (const code of new Set(r.problems)) g.causes.set(code, (g.causes.get(code) ?? 0) + 1);
    if (r.time !== null) {
      if (g.first === null || r.time < g.first) g.first = r.time;
      if (g.last === null || r.time > g.last) g.last = r.time;
    }
  }

  summary(extra: { bytes: number; seconds: number; interrupted: boolean }): ScanSummary {
    return {
      schema: SUMMARY_SCHEMA,
      read: this.read,
      reported: this.reported,
      errored: this.errored,
      matched: this.matched,
      domain: this.domain,
      truncated: this.truncated,
      bytes: extra.bytes,
      seconds: Math.round(extra.seconds * 1000) / 1000,
      interrupted: extra.interrupted ? { at: this.last } : null,
      totals: {
        spf: sortCounts(this.totals.spf),
        dkim: sortCounts(this.totals.dkim),
        dmarc: sortCounts(this.totals.dmarc),
        gmailUnauthenticated: this.totals.gmailUnauthenticated,
        authenticated: this.totals.authenticated,
      },
      byFromDomain: groups(this.byDomain),
      bySendingHost: groups(this.byHost),
      causes: [...this.causes.entries()]
        .map(([code, c]) => ({
          code,
          title: c.title,
          messages: c.messages,
          fixes: [...c.fixes.entries()]
            .map(([zoneLine, f]) => ({ zoneLine, domain: f.domain, messages: f.messages }))
            .sort((a, b) => b.messages - a.messages || a.zoneLine.localeCompare(b.zoneLine)),
        }))
        .sort((a, b) => b.messages - a.messages || a.code.localeCompare(b.code)),
      errors: [...this.errors],
      errorsListed: this.errors.length,
      skipped: [...this.skipped],
    };
  }
}

function sortCounts(c: VerdictCounts): VerdictCounts {
  const out: VerdictCounts = {};
  for (const [k, v] of Object.entries(c).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out[k] = v;
  return out;
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

/** Groups, the ones with the most problem messages first, then the biggest. */
function groups(map: Map<string, Group>): GroupSummary[] {
  const out: GroupSummary[] = [];
  for (const [key, g] of map) {
    let provider: string | null = null;
    let best = 0;
    for (const [p, n] of g.provider) {
      if (n > best) {
        best = n;
        provider = p;
      }
    }
    out.push({
      key,
      provider,
      messages: g.messages,
      withProblems: g.withProblems,
      spf: sortCounts(g.spf),
      dkim: sortCounts(g.dkim),
      dmarc: sortCounts(g.dmarc),
      gmailUnauthenticated: g.gmailUnauthenticated,
      causes: [...g.causes.entries()]
        .map(([code, messages]) => ({ code, messages }))
        .sort((a, b) => b.messages - a.messages || a.code.localeCompare(b.code)),
      first: iso(g.first),
      last: iso(g.last),
    });
  }
  return out.sort(
    (a, b) => b.withProblems - a.withProblems || b.messages - a.messages || a.key.localeCompare(b.key),
  );
}
