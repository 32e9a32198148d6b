/**
 * `--redact`: a report that can be shared (in a support ticket, a public issue) without the personal
 * parts of the message: the local parts of addresses, the recipients' addresses, the client IP and
 * name of the sender's submission hop (the sender's own connection), and message IDs. Each value is
 * replaced by a mask derived from it, so the same value gets the same mask everywhere in the report
 * and across reports (pseudonymisation, not encryption: a short local part can be guessed from its
 * mask). Domains, the sending servers and the verdicts stay: they are what the report explains.
 * Pure: the same function serves the CLI and the web page.
 */
import { parseMailboxes } from './headers/decode.js';
import type { Report } from './report.js';

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, no dependency (not a secret). */
function fnv(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

type Replacement = [from: string, to: string];

const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

function localMask(address: string): string {
  const at = address.lastIndexOf('@');
  return `user-${fnv(address.slice(0, at).toLowerCase())}${address.slice(at)}`;
}

function recipientMask(address: string): string {
  return `recipient-${fnv(address.toLowerCase())}@redacted.invalid`;
}

/** Every string in a JSON-like value, replaced. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return value;
}

/** The values to mask, found in the report, each with its mask (longest first). */
export function redactions(report: Report): Replacement[] {
  const pairs = new Map<string, string>();
  const recipients = new Set<string>();
  const add = (from: string | null | undefined, to: string): void => {
    if (from && from.length > 0 && !pairs.has(from)) pairs.set(from, to);
  };
  // Message IDs first: one that looks like an address is masked as an ID, not as a mailbox.
  const id = report.message.messageId?.replace(/^<|>$/g, '');
  if (id) add(id, `message-${fnv(id)}@redacted.invalid`);
  const summaryId = report.input.gmailSummary?.messageId?.replace(/^<|>$/g, '');
  if (summaryId) add(summaryId, `message-${fnv(summaryId)}@redacted.invalid`);
  // Recipients: To, and every `for <…>` of the route.
  for (const box of parseMailboxes(report.message.to ?? '')) recipients.add(box.address.toLowerCase());
  for (const hop of report.hops) {
    for (const m of (hop.for ?? '').matchAll(ADDRESS)) recipients.add(m[0].toLowerCase());
  }
  for (const r of recipients) add(r, recipientMask(r));
  // Local parts of every other address the report holds.
  const text = JSON.stringify(report);
  for (const m of text.matchAll(ADDRESS)) {
    const address = m[0];
    if (recipients.has(address.toLowerCase())) add(address, recipientMask(address));
    else add(address, localMask(address));
  }
  // The submission hop: the sender's own connection.
  const sub = report.submission;
  if (sub) {
    add(sub.ip, `ip-${fnv(sub.ip ?? '')}`);
    add(sub.rdns, `client-${fnv(sub.rdns ?? '')}.redacted.invalid`);
    if (sub.helo && sub.helo !== sub.rdns) add(sub.helo.replace(/^\[|\]$/g, ''), `helo-${fnv(sub.helo)}`);
  }
  return [...pairs.entries()].sort((a, b) => b[0].length - a[0].length);
}

/** A copy of the report with every personal value masked, in every string it holds. */
export function redactReport(report: Report): Report {
  const pairs = redactions(report);
  if (pairs.length === 0) return report;
  const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Whole values only: 192.0.2.1 must not touch 192.0.2.15, nor a short name every longer one.
  const re = new RegExp(
    `(?<![\\w.@-])(?:${pairs.map(([from]) => escapeRegExp(from)).join('|')})(?![\\w-]|\\.\\w)`,
    'gi',
  );
  const table = new Map(pairs.map(([from, to]) => [from.toLowerCase(), to]));
  return mapStrings(report, (s) => s.replace(re, (m) => table.get(m.toLowerCase()) ?? m));
}
