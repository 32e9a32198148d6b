/**
 * The scan summary as text (wording from ./i18n.ts) and the per-message CSV. Pure.
 */

import { providerName } from '../diagnose/providers/index.js';
import { reasonIn } from '../explain/reasons.js';
import { scanCatalogs } from '../explain/scan.js';
import { clean } from '../render/text.js';
import type { Lang } from '../report.js';
import type { GroupSummary, ScanSummary, VerdictCounts } from './aggregate.js';
import { NO_FROM_DOMAIN, UNKNOWN_HOST } from './aggregate.js';
import type { MessageRecord } from './record.js';
import { describeSource } from './record.js';

const CSV_COLUMNS = [
  'path',
  'entry',
  'offset',
  'index',
  'message_id',
  'date',
  'from_domain',
  'envelope_domain',
  'sending_host',
  'ip',
  'provider',
  'spf',
  'dkim',
  'dmarc',
  'arc',
  'gmail_question_mark',
  'authenticated',
  'truncated',
  'problems',
  'error',
] as const;

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** RFC 4180 quoting; a leading = + @ is defused so a spreadsheet does not run a header value as a formula. */
function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(r: MessageRecord): string {
  return `${[
    r.src.path,
    r.src.entry,
    r.src.offset,
    r.src.index,
    r.messageId,
    r.date,
    r.fromDomain,
    r.envelopeDomain,
    r.host,
    r.ip,
    r.provider,
    r.spf,
    r.dkim,
    r.dmarc,
    r.arc,
    r.error === null ? r.gmailUnauthenticated : null,
    r.error === null ? r.authenticated : null,
    r.truncated,
    r.problems.join(' '),
    r.error,
  ]
    .map(cell)
    .join(',')}\r\n`;
}

export interface RenderOptions {
  lang: Lang;
  /** Groups shown per table. */
  top: number;
}

/** A count with the language's digit grouping (shared with the HTML summary). */
export function n(x: number, lang: Lang): string {
  return x.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
}

function counts(c: VerdictCounts, lang: Lang): string {
  const parts = Object.entries(c).map(([k, v]) => `${k} ${n(v, lang)}`);
  return parts.length > 0 ? parts.join(' · ') : '-';
}

/** Bytes in decimal units, as the summary headline shows them. */
export function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** A group's name: its key, or the words for "no From domain" / "unknown host" in the language. */
export function groupName(key: string, lang: Lang): string {
  if (key === NO_FROM_DOMAIN) return scanCatalogs[lang].labels.noFromDomain;
  if (key === UNKNOWN_HOST) return scanCatalogs[lang].labels.unknownHost;
  return key;
}

/** The date part of an ISO 8601 time, or "?". */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '?';
}

/** "dates 2024-01-01 … 2024-03-31", one date when all fell on one day, or "no Date field". */
function period(g: GroupSummary, lang: Lang): string {
  const L = scanCatalogs[lang].labels;
  if (g.first === null || g.last === null) return L.noDates;
  const first = day(g.first);
  const last = day(g.last);
  return `${L.period} ${first === last ? first : `${first} … ${last}`}`;
}

function group(g: GroupSummary, opts: RenderOptions): string[] {
  const { lang } = opts;
  const c = scanCatalogs[lang];
  const key = groupName(g.key, lang);
  const name = g.provider ? `${key} (${providerName(g.provider, lang)})` : key;
  const lines = [
    `  ${name} — ${c.counted.messages(g.messages)}, ${c.labels.gmailQ} ${n(g.gmailUnauthenticated, lang)}, ${period(g, lang)}`,
    `      SPF ${counts(g.spf, lang)} | DKIM ${counts(g.dkim, lang)} | DMARC ${counts(g.dmarc, lang)}`,
  ];
  if (g.causes.length > 0) {
    lines.push(
      `      ${c.labels.causes}: ${g.causes
        .slice(0, 4)
        .map((x) => `${x.code} ${n(x.messages, lang)}`)
        .join(', ')}`,
    );
  }
  return lines;
}

export function renderSummaryText(s: ScanSummary, opts: RenderOptions): string {
  const { lang } = opts;
  const c = scanCatalogs[lang];
  const L = c.labels;
  const out: string[] = [];
  const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : s.read;
  out.push(
    `${L.title}: ${c.headline(s)}  (${size(s.bytes)}, ${s.seconds.toFixed(1)} s, ${n(rate, lang)} ${L.rate})`,
  );
  if (s.domain !== null) out.push(`${L.matchedDomain} ${s.domain}: ${n(s.matched, lang)}`);
  if (s.truncated > 0) out.push(`${L.truncated}: ${n(s.truncated, lang)}`);
  if (s.skipped.length > 0) out.push(c.counted.skipped(s.skipped.length));
  if (s.unreadable.length > 0) {
    out.push(c.counted.unreadable(s.unreadable.length));
    for (const u of s.unreadable) out.push(`  ${u.path}: ${reasonIn(lang, u.reason)}`);
  }
  if (s.interrupted) {
    const at = s.interrupted.at ? describeSource(s.interrupted.at) : '-';
    out.push('', `${L.interrupted} ${L.stoppedAt}: ${at}`);
  }
  if (s.read === 0) {
    out.push('', L.nothing);
    return `${out.join('\n')}\n`;
  }
  if (s.domain !== null && s.matched === 0) {
    // Tables of nothing would only look like a scan that found no verdicts.
    out.push('', L.noneMatched);
    errorLines(s, out, lang);
    return `${out.join('\n')}\n`;
  }
  out.push('', L.all);
  out.push(`  SPF    ${counts(s.totals.spf, lang)}`);
  out.push(`  DKIM   ${counts(s.totals.dkim, lang)}`);
  out.push(`  DMARC  ${counts(s.totals.dmarc, lang)}`);
  out.push(`  ${L.gmailQ}  ${n(s.totals.gmailUnauthenticated, lang)}`);

  const table = (title: string, groups: GroupSummary[]): void => {
    if (groups.length === 0) return;
    const shown = groups.slice(0, opts.top);
    const head =
      lang === 'ja'
        ? `${title}（${shown.length} ${L.shownOf} ${n(groups.length, lang)}）`
        : `${title} (${shown.length} ${L.shownOf} ${n(groups.length, lang)})`;
    out.push('', head);
    for (const g of shown) out.push(...group(g, opts));
  };
  table(L.byFromDomain, s.byFromDomain);
  table(L.bySendingHost, s.bySendingHost);

  if (s.causes.length > 0) {
    out.push('', L.topCauses);
    s.causes.slice(0, opts.top).forEach((cause, i) => {
      out.push(
        `  ${i + 1}. ${c.causes[cause.code] ?? clean(cause.title, 200)} [${cause.code}] — ${c.counted.messages(cause.messages)}`,
      );
      const action = c.actions[cause.code];
      if (action) out.push(`       ${L.action}: ${action}`);
      else if (cause.fixes.length === 0) out.push(`       (${L.noFix})`);
      for (const f of cause.fixes.slice(0, 3))
        out.push(`       ${L.fix} (${n(f.messages, lang)}): ${f.zoneLine}`);
      if (cause.fixes.length > 3) out.push(`       … +${n(cause.fixes.length - 3, lang)}`);
    });
  }
  if (s.spfRecords.length > 0) {
    out.push('', L.spfRecords, `  ${L.spfRecordsNote}`);
    for (const r of s.spfRecords.slice(0, opts.top)) {
      out.push(`  ${r.zoneLine}`);
      out.push(
        `      ${L.spfSenders}: ${r.senders.map((x) => `${x.terms} ${n(x.messages, lang)}`).join(' · ')}`,
      );
      if (r.lookups > 10) out.push(`      ${c.overLookups(r.lookups)}`);
    }
  }
  errorLines(s, out, lang);
  return `${out.join('\n')}\n`;
}

/** The messages that could not be analysed: the first 20, with their positions. */
function errorLines(s: ScanSummary, out: string[], lang: Lang): void {
  if (s.errored === 0) return;
  const c = scanCatalogs[lang];
  out.push('', `${c.labels.errors}: ${n(s.errored, lang)}`);
  for (const e of s.errors.slice(0, 20))
    out.push(`  ${describeSource(e.source)}: ${reasonIn(lang, e.error)}`);
  if (s.errored > 20) out.push(`  … ${c.counted.moreErrors(s.errored - 20)}`);
}
