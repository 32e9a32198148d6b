/**
 * Online checks (only with an injected resolver, i.e. `--online`): today's SPF record of the envelope
 * domain evaluated against the sending host's IP, beside the verdict the receiver recorded at
 * delivery; and every proposed SPF record, merged with today's record, evaluated before it is offered.
 * Pure: the resolver is the only door to the outside.
 */

import { txtFix } from './diagnose/diagnose.js';
import type { Finding, Fix } from './diagnose/findings.js';
import { finding } from './diagnose/findings.js';
import { providerOfHost } from './diagnose/providers/index.js';
import type { Resolver } from './dns/index.js';
import { VOID_CODES } from './dns/index.js';
import type { Report } from './report.js';
import { checkSpf, DEFAULT_SPF_LIMITS, parseSpfRecord } from './spf/index.js';
import type { SpfDnsQuery, SpfEvaluation, SpfLimits, SpfResult, SpfTerm } from './spf/types.js';

export interface OnlineOptions {
  resolver: Resolver;
  limits?: Partial<SpfLimits>;
}

/** What the online checks found, carried in the report as `online`. */
export interface OnlineReport {
  spf: {
    domain: string;
    ip: string;
    /** What the receiver recorded at delivery. */
    recorded: { result: string; at: string | null } | null;
    /** Today's evaluation, with its trace. */
    today: SpfResult;
  } | null;
  /** Each proposed record, evaluated against the sending IP. */
  fixChecks: { record: string; result: SpfResult }[];
}

/** The terms a fix adds, read back from its `v=spf1 … all` value. */
function fixTerms(value: string): string[] {
  return value
    .split(/\s+/)
    .slice(1)
    .filter((t) => !/^[-~?+]?all$/i.test(t));
}

/**
 * Merges the terms a fix needs into today's record: keeps every term that is there (it may authorise
 * other senders) except the ones the provider's setup replaces, adds the missing ones before the final
 * `all` (or `redirect=`), keeps the record's own `all` qualifier. Null when today's record is unreadable.
 */
export function mergeSpf(current: string, add: string[], replace?: RegExp): string | null {
  const parsed = parseSpfRecord(current);
  if (!parsed.ok) return null;
  const terms = parsed.record.terms.filter((t: SpfTerm) => !replace?.test(t.text));
  const present = new Set(terms.map((t: SpfTerm) => t.text.replace(/^\+/, '').toLowerCase()));
  const missing = add.filter((t) => !present.has(t.toLowerCase()));
  const tail = terms.findIndex(
    (t: SpfTerm) =>
      (t.kind === 'mechanism' && t.name === 'all') || (t.kind === 'modifier' && t.name === 'redirect'),
  );
  const texts = terms.map((t: SpfTerm) => t.text);
  const at = tail === -1 ? texts.length : tail;
  texts.splice(at, 0, ...missing);
  return ['v=spf1', ...texts].join(' ');
}

/** Whether any lookup of the evaluation, nested ones included, failed other than by a void answer. */
function lookupFailed(evaluation: SpfEvaluation): boolean {
  const failed = (queries: SpfDnsQuery[]): boolean =>
    queries.some((q) => q.error !== undefined && !VOID_CODES.has(q.error));
  return (
    failed(evaluation.queries) ||
    evaluation.terms.some((t) => failed(t.queries) || (t.child !== undefined && lookupFailed(t.child)))
  );
}

export async function onlineChecks(
  report: Report,
  options: OnlineOptions,
): Promise<{ online: OnlineReport; findings: Finding[]; fixes: Fix[] }> {
  const findings: Finding[] = [];
  const spf = report.verdicts.spf;
  const ip = report.sendingHost?.ip ?? spf?.ip ?? null;
  const domain = spf?.domain ?? report.message.envelopeDomain;
  const online: OnlineReport = { spf: null, fixChecks: [] };
  if (!ip || !domain) return { online, findings, fixes: report.fixes };

  const base = {
    ip,
    domain,
    helo: report.sendingHost?.helo ?? domain,
    resolver: options.resolver,
    ...(spf?.sender
      ? { sender: spf.sender }
      : report.message.envelopeFrom
        ? { sender: report.message.envelopeFrom }
        : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  // One time budget per message, shared by today's evaluation and the fix checks.
  const started = Date.now();
  const budget = options.limits?.totalTimeoutMs ?? DEFAULT_SPF_LIMITS.totalTimeoutMs;
  const remaining = (): number => Math.max(1, budget - (Date.now() - started));
  const today = await checkSpf(base);
  const receiverHop = report.hops.find((h) => h.role === 'sending-host');
  const recorded = spf
    ? { result: spf.result, at: receiverHop?.date ? new Date(receiverHop.date).toISOString() : null }
    : null;
  online.spf = { domain, ip, recorded, today };

  const evidence = spf ? [{ header: spf.source.header, index: spf.source.index, text: spf.source.text }] : [];
  // A lookup that failed for another reason than "no such name/data" makes any answer provisional.
  const dnsFailed = today.result === 'temperror' || lookupFailed(today.trace);
  if (dnsFailed) findings.push(finding('online-dns-error', 'warning', { domain }, evidence));
  if (today.result !== 'temperror') {
    findings.push(
      finding(
        'spf-today',
        today.result === 'pass' ? 'ok' : 'warning',
        {
          domain,
          ip,
          recorded: recorded?.result ?? null,
          recordedAt: recorded?.at ?? null,
          today: today.result,
          record: today.record,
          matchedTerm: today.matchedTerm,
        },
        evidence,
      ),
    );
  }

  // Every SPF fix: merged with today's record, then evaluated; offered only when it gives pass.
  const fixes: Fix[] = [];
  for (const fix of report.fixes) {
    // Today's record unreadable (temperror) or broken (permerror): there is nothing sound to merge
    // into, and a check of the fix alone would hide the other senders the record may allow.
    if (!fix.value.startsWith('v=spf1') || today.result === 'temperror' || today.result === 'permerror') {
      fixes.push(fix);
      continue;
    }
    const current = today.recordSource === 'dns' ? today.record : null;
    const provider = providerOfHost(report.sendingHost?.rdns, report.sendingHost?.helo);
    const value = current
      ? (mergeSpf(current, fixTerms(fix.value), provider?.replacesTerms) ?? fix.value)
      : fix.value;
    const check = await checkSpf({
      ...base,
      domain: fix.name.replace(/\.$/, ''),
      record: value,
      limits: { ...options.limits, totalTimeoutMs: remaining() },
    });
    online.fixChecks.push({ record: value, result: check });
    if (check.result === 'temperror') {
      // DNS did not answer: the offline fix stands, with its offline assumptions.
      fixes.push(fix);
    } else if (check.result === 'pass' && check.lookups <= 10) {
      const assumes = fix.assumes.filter(
        (a) => a !== 'record-unknown-offline' && (current ? a !== 'only-sender' : true),
      );
      fixes.push({
        ...txtFix(fix.name.replace(/\.$/, ''), value, [...assumes, 'verified-online'], fix.answers),
        verified: true,
      });
    } else {
      findings.push(finding('fix-not-verified', 'warning', { record: value, result: check.result, ip }, []));
    }
  }
  return { online, findings, fixes };
}
