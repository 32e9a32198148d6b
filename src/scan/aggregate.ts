/**
 * The scan summary: counts by From domain and by sending host, the causes with their fixes, the
 * errors with their positions. Pure and incremental, so that Ctrl-C can print it at any moment.
 */
import type { FindingCode } from '../diagnose/findings.js';
import { groupDomain } from './idn.js';
import type { MessageRecord } from './record.js';
import type { SpfMerge } from './spf-merge.js';
import { mergeSpfFixes } from './spf-merge.js';
import type { SourceRef } from './split.js';

export const SUMMARY_SCHEMA = 'mailwhy.scan-summary/1';

export type FailOn = 'softfail' | 'fail' | 'none';

/** The key of the group of messages with no readable From domain (renderers word it per language). */
export const NO_FROM_DOMAIN = '(no From domain)';
/** The key of the group of messages whose sending host is not known. */
export const UNKNOWN_HOST = '(unknown host)';

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

/** Verdict counts over all the messages inside --domain. */
export interface Totals {
  spf: VerdictCounts;
  dkim: VerdictCounts;
  dmarc: VerdictCounts;
  gmailUnauthenticated: number;
  authenticated: number;
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
  totals: Totals;
  byFromDomain: GroupSummary[];
  bySendingHost: GroupSummary[];
  causes: CauseSummary[];
  /**
   * Domains the fixes give more than one SPF record: the one record that merges them (a domain
   * publishes one SPF record). Most messages first.
   */
  spfRecords: SpfMerge[];
  errors: { source: SourceRef; error: string }[];
  /** How many errors the summary lists (the JSONL file has them all). */
  errorsListed: number;
  skipped: { path: string; reason: string }[];
  /** Inputs named on the command line that could not be read (not mail, a broken archive). */
  unreadable: { path: string; reason: string }[];
}

export interface Group {
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

interface CauseTally {
  /** The report's title for the first message with this cause. */
  title: string;
  messages: number;
  fixes: Map<string, { domain: string; messages: number }>;
}

/**
 * The counts of some messages, in plain data (Maps, objects, numbers): a worker counts its batch and
 * posts the tally, and the main thread adds tallies up in input order. Adding the tallies of
 * consecutive batches gives exactly what counting their messages one by one gives.
 */
export interface Tally {
  read: number;
  reported: number;
  errored: number;
  matched: number;
  truncated: number;
  failing: number;
  totals: Totals;
  byDomain: Map<string, Group>;
  byHost: Map<string, Group>;
  causes: Map<FindingCode, CauseTally>;
  /** The first MAX_ERRORS_LISTED errors, in input order. */
  errors: { source: SourceRef; error: string }[];
  /** The last position accounted for: where a Ctrl-C stopped. */
  last: SourceRef | null;
}

export function newTally(): Tally {
  return {
    read: 0,
    reported: 0,
    errored: 0,
    matched: 0,
    truncated: 0,
    failing: 0,
    totals: { spf: {}, dkim: {}, dmarc: {}, gmailUnauthenticated: 0, authenticated: 0 },
    byDomain: new Map(),
    byHost: new Map(),
    causes: new Map(),
    errors: [],
    last: null,
  };
}

/** Counts one message's record into a tally. */
export function tallyRecord(t: Tally, r: MessageRecord, failOn: FailOn): void {
  t.read++;
  t.last = r.src;
  if (r.error !== null) {
    t.errored++;
    if (t.errors.length < MAX_ERRORS_LISTED) t.errors.push({ source: r.src, error: r.error });
    if (failsOn(r, failOn)) t.failing++;
    return;
  }
  t.reported++;
  if (!r.matched) return;
  t.matched++;
  if (r.truncated) t.truncated++;
  if (failsOn(r, failOn)) t.failing++;
  bump(t.totals.spf, r.spf);
  bump(t.totals.dkim, r.dkim);
  bump(t.totals.dmarc, r.dmarc);
  if (r.gmailUnauthenticated) t.totals.gmailUnauthenticated++;
  if (r.authenticated) t.totals.authenticated++;
  addTo(t.byDomain, r.fromDomain === null ? NO_FROM_DOMAIN : groupDomain(r.fromDomain), r);
  addTo(t.byHost, r.host ?? UNKNOWN_HOST, r);
  for (let i = 0; i < r.problems.length; i++) {
    const code = r.problems[i] as FindingCode;
    if (r.problems.indexOf(code) !== i) continue; // counted once per message
    let c = t.causes.get(code);
    if (!c) {
      c = { title: r.titles[i] ?? code, messages: 0, fixes: new Map() };
      t.causes.set(code, c);
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

function addTo(map: Map<string, Group>, key: string, r: MessageRecord): void {
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
  for (let i = 0; i < r.problems.length; i++) {
    const code = r.problems[i] as FindingCode;
    if (r.problems.indexOf(code) === i) g.causes.set(code, (g.causes.get(code) ?? 0) + 1);
  }
  if (r.time !== null) {
    if (g.first === null || r.time < g.first) g.first = r.time;
    if (g.last === null || r.time > g.last) g.last = r.time;
  }
}

/**
 * Adds the tally of the messages that come next (`b`) to `a`. Maps keep first-seen order, so ties
 * (a group's most frequent provider, a cause's title) resolve as counting one by one would.
 */
export function mergeTally(a: Tally, b: Tally): void {
  a.read += b.read;
  a.reported += b.reported;
  a.errored += b.errored;
  a.matched += b.matched;
  a.truncated += b.truncated;
  a.failing += b.failing;
  addCounts(a.totals.spf, b.totals.spf);
  addCounts(a.totals.dkim, b.totals.dkim);
  addCounts(a.totals.dmarc, b.totals.dmarc);
  a.totals.gmailUnauthenticated += b.totals.gmailUnauthenticated;
  a.totals.authenticated += b.totals.authenticated;
  mergeGroups(a.byDomain, b.byDomain);
  mergeGroups(a.byHost, b.byHost);
  for (const [code, c] of b.causes) {
    const mine = a.causes.get(code);
    if (!mine) {
      a.causes.set(code, c);
      continue;
    }
    mine.messages += c.messages;
    for (const [zoneLine, f] of c.fixes) {
      const had = mine.fixes.get(zoneLine);
      if (had) had.messages += f.messages;
      else mine.fixes.set(zoneLine, f);
    }
  }
  for (const e of b.errors) {
    if (a.errors.length >= MAX_ERRORS_LISTED) break;
    a.errors.push(e);
  }
  if (b.last) a.last = b.last;
}

function addCounts(a: VerdictCounts, b: VerdictCounts): void {
  for (const k in b) a[k] = (a[k] ?? 0) + (b[k] as number);
}

function addMap<K>(a: Map<K, number>, b: Map<K, number>): void {
  for (const [k, n] of b) a.set(k, (a.get(k) ?? 0) + n);
}

function mergeGroups(a: Map<string, Group>, b: Map<string, Group>): void {
  for (const [key, g] of b) {
    const mine = a.get(key);
    if (!mine) {
      a.set(key, g);
      continue;
    }
    mine.messages += g.messages;
    mine.withProblems += g.withProblems;
    addCounts(mine.spf, g.spf);
    addCounts(mine.dkim, g.dkim);
    addCounts(mine.dmarc, g.dmarc);
    mine.gmailUnauthenticated += g.gmailUnauthenticated;
    addMap(mine.provider, g.provider);
    addMap(mine.causes, g.causes);
    if (g.first !== null && (mine.first === null || g.first < mine.first)) mine.first = g.first;
    if (g.last !== null && (mine.last === null || g.last > mine.last)) mine.last = g.last;
  }
}

export class ScanAggregator {
  private readonly t = newTally();
  private readonly skipped: { path: string; reason: string }[] = [];
  private readonly unreadableInputs: { path: string; reason: string }[] = [];

  constructor(private readonly domain: string | null) {}

  /** Adds the tally of the messages that follow those counted so far (a worker's batch). */
  merge(t: Tally): void {
    mergeTally(this.t, t);
  }

  /** The last position accounted for: where a Ctrl-C stopped. */
  get last(): SourceRef | null {
    return this.t.last;
  }

  skip(path: string, reason: string): void {
    this.skipped.push({ path, reason });
  }

  unreadable(path: string, reason: string): void {
    this.unreadableInputs.push({ path, reason });
  }

  /** Messages that make the scan fail under --fail-on. */
  get failures(): number {
    return this.t.failing;
  }

  summary(extra: { bytes: number; seconds: number; interrupted: boolean }): ScanSummary {
    const t = this.t;
    const causes = [...t.causes.entries()]
      .map(([code, c]) => ({
        code,
        title: c.title,
        messages: c.messages,
        fixes: [...c.fixes.entries()]
          .map(([zoneLine, f]) => ({ zoneLine, domain: f.domain, messages: f.messages }))
          .sort((a, b) => b.messages - a.messages || a.zoneLine.localeCompare(b.zoneLine)),
      }))
      .sort((a, b) => b.messages - a.messages || a.code.localeCompare(b.code));
    return {
      schema: SUMMARY_SCHEMA,
      read: t.read,
      reported: t.reported,
      errored: t.errored,
      matched: t.matched,
      domain: this.domain,
      truncated: t.truncated,
      bytes: extra.bytes,
      seconds: Math.round(extra.seconds * 1000) / 1000,
      interrupted: extra.interrupted ? { at: t.last } : null,
      totals: {
        spf: sortCounts(t.totals.spf),
        dkim: sortCounts(t.totals.dkim),
        dmarc: sortCounts(t.totals.dmarc),
        gmailUnauthenticated: t.totals.gmailUnauthenticated,
        authenticated: t.totals.authenticated,
      },
      byFromDomain: groups(t.byDomain),
      bySendingHost: groups(t.byHost),
      causes,
      spfRecords: mergeSpfFixes(causes),
      errors: [...t.errors],
      errorsListed: t.errors.length,
      skipped: [...this.skipped],
      unreadable: [...this.unreadableInputs],
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
