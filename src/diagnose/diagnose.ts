/**
 * Rules: facts → findings and fixes. Every conclusion names the header lines it rests on.
 */
import type { DiagnoseContext } from '../analyze.js';
import { organizationalDomain } from '../identity.js';
import type { VerdictSource } from '../model.js';
import type { Evidence, Finding, Fix, FixAssumption } from './findings.js';
import { finding } from './findings.js';
import { providerOfHost } from './providers/index.js';

function ev(source: VerdictSource | null | undefined): Evidence[] {
  return source ? [{ header: source.header, index: source.index, text: source.text }] : [];
}

function hopEvidence(ctx: DiagnoseContext): Evidence[] {
  const hop = ctx.sendingHop;
  if (!hop) return [];
  const f = ctx.fields[hop.fieldIndex];
  return f ? [{ header: f.name, index: f.index, text: f.value }] : [];
}

export function diagnose(ctx: DiagnoseContext): { findings: Finding[]; fixes: Fix[] } {
  const findings: Finding[] = [];
  const fixes: Fix[] = [];
  const { verdicts, message, gmail } = ctx;
  const spf = verdicts.spf;
  const host = ctx.sendingHost?.rdns ?? ctx.sendingHost?.helo ?? null;
  const ip = spf?.ip ?? ctx.sendingHost?.ip ?? null;

  if (!ctx.hasReceived) findings.push(finding('no-received', 'info', {}));
  const hasVerdicts = spf !== null || verdicts.dkim.length > 0 || verdicts.dmarc !== null;
  if (!hasVerdicts) findings.push(finding('no-stamps', 'warning', {}));

  if (hasVerdicts && gmail.unauthenticated) {
    findings.push(
      finding(
        'gmail-unauthenticated',
        'error',
        { fromDomain: message.fromDomain ?? message.envelopeDomain },
        [...ev(spf?.source), ...verdicts.dkim.flatMap((d) => ev(d.source)).slice(0, 1)],
      ),
    );
  }

  // SPF
  const spfSeverity = gmail.unauthenticated ? 'error' : 'warning';
  if (spf) {
    const domain = spf.domain ?? message.envelopeDomain ?? '';
    const evidence = [...ev(spf.source), ...hopEvidence(ctx)];
    switch (spf.result) {
      case 'pass':
        if (spf.facts.bestGuess) {
          findings.push(
            finding('spf-none', 'warning', { domain, ip, bestGuess: true, result: 'pass' }, evidence),
          );
          pushSpfFix(ctx, fixes, domain, host, ip, '~all', 'spf-none');
        } else findings.push(finding('spf-pass', 'ok', { domain, ip }, ev(spf.source)));
        break;
      case 'softfail':
      case 'fail': {
        const transitioning = spf.result === 'softfail' || spf.facts.transitioning === true;
        findings.push(
          finding(
            'spf-not-designated',
            spfSeverity,
            { result: spf.result, domain, ip, host, transitioning },
            evidence,
          ),
        );
        const provider = providerOfHost(ctx.sendingHost?.rdns, ctx.sendingHost?.helo);
        if (provider?.id === 'sakura' && host) {
          findings.push(finding('sakura-server-host', 'info', { host, domain }, hopEvidence(ctx)));
        }
        pushSpfFix(ctx, fixes, domain, host, ip, transitioning ? '~all' : '-all', 'spf-not-designated');
        break;
      }
      case 'none':
        findings.push(
          finding(
            'spf-none',
            spfSeverity,
            { domain, ip, bestGuess: spf.facts.bestGuess === true, result: 'none' },
            evidence,
          ),
        );
        pushSpfFix(ctx, fixes, domain, host, ip, '~all', 'spf-none');
        break;
      case 'neutral':
        if (spf.facts.bestGuess) {
          findings.push(
            finding('spf-none', spfSeverity, { domain, ip, bestGuess: true, result: 'neutral' }, evidence),
          );
          pushSpfFix(ctx, fixes, domain, host, ip, '~all', 'spf-none');
        } else findings.push(finding('spf-neutral', spfSeverity, { domain, ip }, evidence));
        break;
      case 'permerror':
        findings.push(
          finding(
            'spf-permerror',
            spfSeverity,
            { domain, detail: spf.facts.permanentError ?? null },
            evidence,
          ),
        );
        break;
      case 'temperror':
        findings.push(finding('spf-temperror', 'warning', { domain }, evidence));
        break;
      default:
        break;
    }
  }

  // DKIM
  if (hasVerdicts) {
    const passed = verdicts.dkim.filter((d) => d.result === 'pass');
    const failed = verdicts.dkim.filter((d) => d.result !== 'pass' && d.result !== 'none');
    if (passed.length > 0) {
      findings.push(
        finding(
          'dkim-pass',
          'ok',
          { domains: [...new Set(passed.map((d) => d.domain ?? '?'))] },
          passed.flatMap((d) => ev(d.source)).slice(0, 1),
        ),
      );
    } else if (failed.length > 0) {
      const first = failed[0];
      if (first) {
        findings.push(
          finding(
            'dkim-fail',
            'warning',
            { domain: first.domain, result: first.result, comment: first.comment },
            ev(first.source),
          ),
        );
      }
    } else {
      findings.push(
        finding(
          'dkim-none',
          'warning',
          { fromDomain: message.fromDomain },
          verdicts.dkim.flatMap((d) => ev(d.source)),
        ),
      );
    }
  }

  // DMARC
  const dmarc = verdicts.dmarc;
  if (dmarc?.result === 'fail') {
    findings.push(
      finding(
        'dmarc-fail',
        'error',
        { fromDomain: dmarc.fromDomain ?? message.fromDomain, policy: dmarc.policy },
        ev(dmarc.source),
      ),
    );
  } else if (dmarc?.result === 'pass') {
    findings.push(
      finding('dmarc-pass', 'ok', { fromDomain: dmarc.fromDomain ?? message.fromDomain }, ev(dmarc.source)),
    );
  }

  if (gmail.via)
    findings.push(finding('gmail-via', 'info', { via: gmail.via, fromDomain: message.fromDomain }));
  if (gmail.tls === false) {
    findings.push(
      finding('no-tls', 'warning', { host, protocol: ctx.sendingHop?.protocol ?? null }, hopEvidence(ctx)),
    );
  }
  if (ctx.sendingHost?.ipAgreement === 'disagree' && ctx.sendingHost.ip && spf?.ip) {
    findings.push(
      finding('sending-ip-mismatch', 'warning', { hopIp: ctx.sendingHost.ip, checkedIp: spf.ip }, [
        ...hopEvidence(ctx),
        ...ev(spf.source),
      ]),
    );
  }

  const problems = findings.some((f) => f.severity === 'error' || f.severity === 'warning');
  if (hasVerdicts && !gmail.unauthenticated && !problems) {
    findings.unshift(
      finding('authenticated', 'ok', {
        fromDomain: message.fromDomain,
        spfDomain: gmail.mailedBy,
        dkimDomains: gmail.signedBy,
      }),
    );
  }
  return { findings: order(findings), fixes };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, ok: 3 } as const;

function order(findings: Finding[]): Finding[] {
  // Headline first (the "?" or "authenticated"), then by severity; stable otherwise.
  const headline = (f: Finding): number =>
    f.code === 'gmail-unauthenticated' || f.code === 'authenticated' ? 0 : 1;
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        headline(a.f) - headline(b.f) ||
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/**
 * Writes the SPF record that would authorise the sending host. Offline we cannot see today's record,
 * so the fix says so: it is the record for a domain whose only sender is this host.
 */
function pushSpfFix(
  ctx: DiagnoseContext,
  fixes: Fix[],
  domain: string,
  host: string | null,
  ip: string | null,
  all: '~all' | '-all',
  answers: Fix['answers'],
): void {
  if (!domain) return;
  const provider = providerOfHost(ctx.sendingHost?.rdns, ctx.sendingHost?.helo);
  const assumes: FixAssumption[] = ['record-unknown-offline'];
  let terms: string[] | null = null;
  if (provider?.spfTerms && host) {
    terms = provider.spfTerms(host);
    assumes.push('host-address-stable');
  } else if (
    host &&
    ctx.sendingHost?.rdns &&
    ctx.sendingHost.helo &&
    sameName(ctx.sendingHost.rdns, ctx.sendingHost.helo)
  ) {
    // The host names itself as its reverse DNS says: a stable server name, worth naming in an a: term
    // (which also covers its IPv6 address, RFC 7208 §5.3).
    terms = [`a:${host.toLowerCase()}`];
    assumes.push('host-address-stable');
  } else if (ip) {
    terms = [ip.includes(':') ? `ip6:${ip}` : `ip4:${ip}`];
    assumes.push('ip-literal');
  }
  if (!terms) return;
  assumes.push('only-sender');
  const value = `v=spf1 ${terms.join(' ')} ${all}`;
  fixes.push(txtFix(domain, value, assumes, answers));
}

function sameName(a: string, b: string): boolean {
  return a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
}

export function txtFix(
  domain: string,
  value: string,
  assumes: FixAssumption[],
  answers: Fix['answers'],
): Fix {
  const name = `${domain.replace(/\.$/, '')}.`;
  const org = organizationalDomain(domain);
  const host = domain === org ? '@' : domain.slice(0, domain.length - org.length - 1);
  return {
    name,
    type: 'TXT',
    value,
    ttl: 3600,
    zoneLine: `${name} 3600 IN TXT "${value}"`,
    form: { host, type: 'TXT', value },
    assumes,
    answers,
    verified: false,
  };
}
