/**
 * One scanned message reduced to what the summary, the CSV and --fail-on need. Pure: a worker turns a
 * Report into a MessageRecord and counts it into its batch's tally (aggregate.ts); the main thread
 * only adds tallies up, and sees reports and CSV rows only as bytes to write.
 */

import type { AnalyzeOptions } from '../analyze.js';
import { analyzeMessage } from '../analyze.js';
import type { FindingCode } from '../diagnose/findings.js';
import { REASON, REASON_PREFIX, withDetail } from '../explain/reasons.js';
import { redactions, redactReport } from '../redact.js';
import type { Lang, Report } from '../report.js';
import type { FailOn } from './aggregate.js';
import { aLabels } from './idn.js';
import type { SourceRef } from './split.js';
import { DEFAULT_SCAN_HEADER_BYTES } from './split.js';

export interface MessageRecord {
  src: SourceRef;
  /** Why no report could be made (the message, or the archive entry, could not be read). */
  error: string | null;
  /** The header block ended with the input, not with an empty line (a cut message). */
  truncated: boolean;
  /** Whether the message is inside --domain (true when there is no filter). */
  matched: boolean;
  messageId: string | null;
  date: string | null;
  /** `date` as epoch milliseconds, null when missing or unreadable. */
  time: number | null;
  fromDomain: string | null;
  envelopeDomain: string | null;
  /** The sending host's name as the receiver saw it: reverse DNS, else HELO, else the IP. */
  host: string | null;
  ip: string | null;
  provider: string | null;
  spf: string | null;
  /** `pass` when any signature passed, else the first signature's result. */
  dkim: string | null;
  dmarc: string | null;
  arc: string | null;
  gmailUnauthenticated: boolean;
  authenticated: boolean;
  /** Findings of severity error or warning: the causes. */
  problems: FindingCode[];
  /** The report's title of each problem, same order (the wording when the scan catalog has none). */
  titles: string[];
  fixes: { answers: FindingCode; zoneLine: string; domain: string }[];
}

export interface AnalyzeSettings {
  lang: Lang;
  /** Only mail whose From or envelope domain is this domain or below it; null = all. */
  domain: string | null;
  /** Produce the JSON line of each matched message. */
  jsonl: boolean;
  /** Produce the CSV row of each matched message. */
  csv: boolean;
  /** What makes a message count as failing (the scan's exit status). */
  failOn: FailOn;
  /**
   * `--redact`: mask local parts, recipients, Message-IDs and the submission client in the record and
   * the JSON line, here in the worker, before anything is written or aggregated.
   */
  redact?: boolean;
  trust?: string;
  trustedNetworks?: string[];
}

export interface ItemFlags {
  complete: boolean;
  truncated: boolean;
}

/** Whether `domain` is the filter (already normalised) or below it. */
export function inDomain(domain: string | null | undefined, filter: string): boolean {
  if (!domain) return false;
  const d = aLabels(domain);
  return d === filter || d.endsWith(`.${filter}`);
}

export function normalizeDomainFilter(value: string): string {
  return aLabels(value.trim().replace(/^@/, ''));
}

function emptyRecord(src: SourceRef, error: string | null, truncated: boolean): MessageRecord {
  return {
    src,
    error,
    truncated,
    matched: true,
    messageId: null,
    date: null,
    time: null,
    fromDomain: null,
    envelopeDomain: null,
    host: null,
    ip: null,
    provider: null,
    spf: null,
    dkim: null,
    dmarc: null,
    arc: null,
    gmailUnauthenticated: false,
    authenticated: false,
    problems: [],
    titles: [],
    fixes: [],
  };
}

export function errorRecord(src: SourceRef, reason: string): MessageRecord {
  return emptyRecord(src, reason, false);
}

export function recordOf(
  report: Report,
  src: SourceRef,
  flags: ItemFlags,
  filter: string | null,
): MessageRecord {
  const r = emptyRecord(src, null, !flags.complete);
  const m = report.message;
  r.messageId = m.messageId;
  r.date = m.date;
  const t = m.date ? Date.parse(m.date.replace(/\s*\([^)]*\)\s*$/, '')) : Number.NaN;
  r.time = Number.isFinite(t) ? t : null;
  r.fromDomain = m.fromDomain?.toLowerCase() ?? null;
  r.envelopeDomain = m.envelopeDomain?.toLowerCase() ?? null;
  r.matched = filter === null || inDomain(r.fromDomain, filter) || inDomain(r.envelopeDomain, filter);
  const h = report.sendingHost;
  if (h) {
    r.host = h.rdns ?? h.helo ?? h.ip;
    r.ip = h.ip;
    r.provider = h.provider;
  }
  const v = report.verdicts;
  r.spf = v.spf?.result ?? null;
  const dkims = v.dkim;
  r.dkim = dkims.some((d) => d.result === 'pass') ? 'pass' : (dkims[0]?.result ?? null);
  r.dmarc = v.dmarc?.result ?? null;
  r.arc = v.arc.result;
  r.authenticated = report.authenticated;
  for (const f of report.findings) {
    // The "?" as the report says it: Gmail (or an unknown receiver) judged the message and neither
    // SPF nor DKIM passed. report.gmail.unauthenticated alone is also true for mail no receiver
    // stamped, or that Microsoft received, where nothing says what Gmail would show.
    if (f.code === 'gmail-unauthenticated') r.gmailUnauthenticated = true;
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    r.problems.push(f.code);
    r.titles.push(f.title);
  }
  for (const f of report.fixes)
    r.fixes.push({ answers: f.answers, zoneLine: f.zoneLine, domain: f.name.replace(/\.$/, '') });
  return r;
}

type Replacement = [from: string, to: string];

/** The same substitution as redactReport (case-insensitive, longest value first), for one string. */
function masker(pairs: Replacement[]): (s: string) => string {
  if (pairs.length === 0) return (s) => s;
  const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(pairs.map(([from]) => escapeRegExp(from)).join('|'), 'gi');
  const table = new Map(pairs.map(([from, to]) => [from.toLowerCase(), to]));
  return (s) => s.replace(re, (m) => table.get(m.toLowerCase()) ?? m);
}

/**
 * Masks the personal values a record can carry (Message-ID, the sending host when it is the
 * sender's own connection, the findings' titles), with the masks redactReport gives the same report.
 * The verdicts, codes and the From/envelope domains are left as they are: the summary counts and
 * groups by them, and a mask that happened to match inside a domain must not split a group.
 */
function redactRecord(r: MessageRecord, pairs: Replacement[]): void {
  const mask = masker(pairs);
  const opt = (s: string | null): string | null => (s === null ? null : mask(s));
  r.messageId = opt(r.messageId);
  r.host = opt(r.host);
  r.ip = opt(r.ip);
  r.titles = r.titles.map(mask);
  // A fix's zone line is written by mailwhy from DNS names and IPs; the only mailbox in one is the
  // DMARC report address it proposes, whose local part must stay publishable: no local-part masks.
  const zone = masker(pairs.filter(([, to]) => !to.startsWith('user-')));
  r.fixes = r.fixes.map((f) => ({ ...f, zoneLine: zone(f.zoneLine) }));
}

export interface AnalyzedItem {
  record: MessageRecord;
  /** The JSON line (with its newline) when asked for and the message is inside the filter. */
  line: string | null;
}

/** Analyses one header block; every outcome is a record, a thrown error included (nothing lost). */
export function analyzeItem(
  header: Uint8Array,
  src: SourceRef,
  flags: ItemFlags,
  settings: AnalyzeSettings,
): AnalyzedItem {
  let record: MessageRecord;
  let report: Report | null = null;
  try {
    if (header.length === 0 || (header.length <= 2 && (header[0] === 0x0a || header[0] === 0x0d))) {
      record = errorRecord(src, REASON.noHeaderBlock);
    } else {
      // The splitter cuts a header block past DEFAULT_SCAN_HEADER_BYTES (at a line end): the analysis
      // gets the same limit, so that such a block is reported (header-truncated), not read as whole.
      const options: AnalyzeOptions = {
        lang: settings.lang,
        name: describeSource(src),
        maxHeaderBytes: DEFAULT_SCAN_HEADER_BYTES,
      };
      if (settings.trust) options.trust = settings.trust;
      if (settings.trustedNetworks) options.trustedNetworks = settings.trustedNetworks;
      report = analyzeMessage(header, options);
      if (report.input.headerFields === 0) {
        record = errorRecord(src, REASON.noHeaderFields);
        report = null;
      } else {
        record = recordOf(report, src, flags, settings.domain);
        if (settings.redact) {
          redactRecord(record, redactions(report));
          report = redactReport(report);
        }
      }
    }
  } catch (error) {
    record = errorRecord(
      src,
      withDetail(REASON_PREFIX.analysisFailed, (error as Error).message ?? String(error)),
    );
  }
  let line: string | null = null;
  if (settings.jsonl && record.matched) {
    line = report
      ? `${JSON.stringify({ source: src, truncated: record.truncated, report })}\n`
      : `${JSON.stringify({ source: src, error: record.error })}\n`;
  }
  return { record, line };
}

/** `path`, `path!entry`, `@offset`, `#index`: one string that finds the message again. */
export function describeSource(src: SourceRef): string {
  let s = src.path;
  if (src.entry !== undefined) s += `!${src.entry}`;
  if (src.offset !== undefined) s += `@${src.offset}`;
  else s += `#${src.index}`;
  return s;
}
