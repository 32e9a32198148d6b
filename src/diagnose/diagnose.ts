/**
 * Rules: facts → findings and fixes. Every conclusion names the header lines it rests on. The order
 * of the rules matters where one cause explains another: a forwarded message's SPF failure is the
 * forwarder's, not the author's, so it gets no SPF fix; a list's broken signature is the list's.
 */
import type { DiagnoseContext } from '../analyze.js';
import { memo } from '../cache.js';
import { aligned, organizationalDomain } from '../identity.js';
import type { DkimVerdict, VerdictSource } from '../model.js';
import type { GmailBounce } from './bounce.js';
import type { CompauthMeaning, Evidence, Finding, Fix, FixAssumption, SpoofReason } from './findings.js';
import { finding } from './findings.js';
import { isFreemailDomain } from './freemail.js';
import { PROVIDERS, providerById } from './providers/index.js';
import type { Provider } from './providers/types.js';

function ev(source: VerdictSource | null | undefined): Evidence[] {
  return source ? [{ header: source.header, index: source.index, text: source.text }] : [];
}

function hopEvidence(ctx: DiagnoseContext): Evidence[] {
  const hop = ctx.sendingHop;
  if (!hop) return [];
  const f = ctx.fields[hop.fieldIndex];
  return f ? [{ header: f.name, index: f.index, text: f.value }] : [];
}

function fieldEvidence(ctx: DiagnoseContext, lname: string): Evidence[] {
  const f = ctx.fields.find((x) => x.lname === lname);
  return f ? [{ header: f.name, index: f.index, text: f.value }] : [];
}

/** SRS (Sender Rewriting Scheme) envelope senders, and Gmail's own forwarding address form. */
/** SPF results that leave the sending server unauthorised for the domain (not pass, not an error). */
const NOT_DESIGNATED = new Set(['softfail', 'fail', 'none', 'neutral']);

const SRS = /^(?:SRS[01][=+-]|[^@]*\+caf_=)/i;

export function diagnose(ctx: DiagnoseContext): { findings: Finding[]; fixes: Fix[] } {
  if (ctx.bounce) return diagnoseBounce(ctx, ctx.bounce);
  const findings: Finding[] = [];
  const fixes: Fix[] = [];
  const { verdicts, message, gmail } = ctx;
  const spf = verdicts.spf;
  // The host a fix names: not when no Received line names the client the receiver checked (the
  // hop's host is then another machine, and the record must match the checked address).
  const host =
    ctx.sendingHost?.ipAgreement === 'disagree'
      ? null
      : (ctx.sendingHost?.rdns ?? ctx.sendingHost?.helo ?? null);
  const ip = spf?.ip ?? ctx.sendingHost?.ip ?? null;
  const fromDomain = message.fromDomain;

  if (!ctx.hasReceived && !ctx.port25) findings.push(finding('no-received', 'info', {}));
  const hasVerdicts = spf !== null || verdicts.dkim.length > 0 || verdicts.dmarc !== null;
  if (!hasVerdicts) findings.push(finding('no-stamps', 'warning', {}));
  if (ctx.port25) {
    findings.push(
      finding(
        'port25-report',
        'info',
        { checks: ctx.port25.checks.map((c) => ({ name: c.name, result: c.result })) },
        ctx.port25.checks.map((c) => ({ header: 'port25 report', index: -1, text: c.line })),
      ),
    );
  }

  // The "?" is Gmail's: said only when Gmail (or an unknown receiver, e.g. a pasted header block) judged it.
  // (A receiver we cannot name, e.g. a company's own server, is not Gmail: no Gmail wording for it.)
  const gmailOrUnknown =
    ctx.receiver === null || ctx.receiver.provider === 'gmail' || ctx.receiver.basis === 'only-stamp';
  if (hasVerdicts && gmail.unauthenticated && gmailOrUnknown) {
    findings.push(
      finding('gmail-unauthenticated', 'error', { fromDomain: fromDomain ?? message.envelopeDomain }, [
        ...ev(spf?.source),
        ...verdicts.dkim.flatMap((d) => ev(d.source)).slice(0, 1),
      ]),
    );
  }

  const dkimPassed = verdicts.dkim.filter((d) => d.result === 'pass');
  const alignedDkim = dkimPassed.filter((d) => aligned(d.domain, fromDomain));

  // Forwarding: the final receiver's SPF judged the forwarder. Signals: an SRS or Gmail-forwarding
  // envelope sender, or an earlier receiver's ARC set that recorded SPF pass while ours did not.
  const srs = SRS.test(message.envelopeFrom ?? '');
  const arcSpf = /\bspf=(\w+)/i.exec(verdicts.arc.comment ?? '')?.[1]?.toLowerCase() ?? ctx.earlierSpf;
  const earlierArc = verdicts.arc.sets.some(
    (s) => s.authservId !== null && s.authservId !== ctx.receiver?.authservId,
  );
  const forwarded =
    srs ||
    (ctx.plainForwarder !== null && spf !== null && spf.result !== 'pass') ||
    (arcSpf === 'pass' && spf?.result !== 'pass') ||
    (earlierArc && spf !== null && spf.result !== 'pass' && arcSpf !== null);
  if (forwarded && spf && spf.result !== 'pass') {
    findings.push(
      finding(
        'forwarded',
        dkimPassed.length > 0 ? 'info' : 'warning',
        {
          forwarder: host ?? ctx.sendingHost?.ip ?? null,
          originalSpf: arcSpf ?? null,
          dkimSurvived: dkimPassed.length > 0,
          dkimSigned: verdicts.dkim.some((d) => d.result !== 'none'),
          srs,
        },
        [...ev(spf.source), ...ev(verdicts.arc.source), ...hopEvidence(ctx)],
      ),
    );
  }

  // Spoofing: when the message shows signs of not coming from the domain's own servers, the
  // failure is the protection working, and authorising the sending server would be the wrong fix.
  const spoofReasons = spoofingReasons(ctx);
  // A forward explains the same failures (DMARC fails at p=reject after forwarding): not spoofing.
  const spoofed = spoofReasons.length > 0 && spf?.result !== 'pass' && alignedDkim.length === 0 && !forwarded;
  if (spoofed) {
    findings.push(
      finding(
        'spoofing-suspected',
        'error',
        { fromDomain: fromDomain ?? message.envelopeDomain, reasons: spoofReasons },
        [...hopEvidence(ctx), ...ev(verdicts.dmarc?.source ?? spf?.source)],
      ),
    );
  }

  // SPF
  const spfSeverity = gmail.unauthenticated ? 'error' : 'warning';
  const provider = sendingProvider(ctx);
  // A mailbox provider's address (gmail.com…) as envelope sender, sent by another server: only the
  // provider can change that domain's records, so no SPF finding advises a record, and none is offered.
  const spfDomain = spf ? (spf.domain ?? message.envelopeDomain ?? '') : '';
  const freemailSpf =
    spf !== null &&
    !(forwarded && spf.result !== 'pass') &&
    isFreemailDomain(spfDomain) &&
    NOT_DESIGNATED.has(spf.result) &&
    // A signature of the provider's domain that verified: the provider sent it after all.
    !dkimPassed.some((d) => aligned(d.domain, spfDomain));
  if (spf && freemailSpf) {
    findings.push(
      finding(
        'freemail-domain',
        spfSeverity,
        { domain: spfDomain.toLowerCase(), field: 'envelope', result: spf.result, ip, host },
        [...ev(spf.source), ...hopEvidence(ctx)],
      ),
    );
  } else if (
    spf &&
    !forwarded &&
    provider !== null &&
    host !== null &&
    fromDomain !== null &&
    providerEnvelope(spf.result, spfDomain, fromDomain, host, provider)
  ) {
    // The server's own envelope sender (`account@www123.sakura.ne.jp`): the record that helps is the
    // From domain's, once the envelope sender is an address of it.
    findings.push(
      finding(
        'provider-envelope',
        spfSeverity,
        {
          envelopeDomain: spfDomain.toLowerCase(),
          fromDomain: fromDomain.toLowerCase(),
          provider: provider.id,
          host,
          result: spf.result,
        },
        [...ev(spf.source), ...hopEvidence(ctx)],
      ),
    );
    if (!spoofed) pushSpfFix(ctx, fixes, fromDomain, host, ip, '~all', 'provider-envelope');
  } else if (spf && !(forwarded && spf.result !== 'pass')) {
    const domain = spfDomain;
    const evidence = [...ev(spf.source), ...hopEvidence(ctx)];
    switch (spf.result) {
      case 'pass': {
        if (spf.facts.bestGuess) {
          findings.push(
            finding('spf-none', 'warning', { domain, ip, bestGuess: true, result: 'pass' }, evidence),
          );
          pushSpfFix(ctx, fixes, domain, host, ip, '~all', 'spf-none');
          break;
        }
        findings.push(finding('spf-pass', 'ok', { domain, ip }, ev(spf.source)));
        const esp = envelopeProvider(domain) ?? (provider?.kind === 'esp' ? provider : null);
        if (esp && fromDomain && !aligned(domain, fromDomain)) {
          findings.push(
            finding(
              'esp-envelope',
              alignedDkim.length > 0 ? 'info' : 'warning',
              {
                provider: esp.id,
                envelopeDomain: domain,
                fromDomain,
              },
              evidence,
            ),
          );
        }
        break;
      }
      case 'softfail':
      case 'fail': {
        // The result decides: Gmail's "transitioning" wording accompanies softfail (~all).
        const transitioning = spf.result === 'softfail';
        findings.push(
          finding(
            'spf-not-designated',
            spfSeverity,
            { result: spf.result, domain, ip, host, transitioning },
            evidence,
          ),
        );
        if (provider?.id === 'sakura' && host) {
          findings.push(finding('sakura-server-host', 'info', { host, domain }, hopEvidence(ctx)));
        } else if (provider && provider.kind !== 'hosting' && provider.spfTerms && host) {
          findings.push(
            finding(
              'sent-via-provider',
              'info',
              { provider: provider.id, kind: provider.kind, domain, terms: provider.spfTerms(host) },
              hopEvidence(ctx),
            ),
          );
        }
        if (ip?.includes(':')) {
          findings.push(
            finding('spf-ipv6-not-covered', 'info', { domain, ip, host, confirmed: false }, evidence),
          );
        }
        if (!spoofed)
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

  // From a mailbox provider's address that nothing authenticated, the envelope being another domain
  // (a website's form: its own envelope, the visitor's address in From).
  const fromFreemail =
    hasVerdicts &&
    !forwarded &&
    isFreemailDomain(fromDomain) &&
    !(freemailSpf && aligned(spfDomain, fromDomain)) &&
    alignedDkim.length === 0 &&
    !(spf?.result === 'pass' && aligned(spfDomain, fromDomain));
  if (fromFreemail && fromDomain) {
    findings.push(
      finding(
        'freemail-domain',
        gmail.unauthenticated ? 'error' : 'warning',
        { domain: fromDomain.toLowerCase(), field: 'from', result: null, ip, host },
        [...ev(verdicts.dmarc?.source ?? spf?.source), ...hopEvidence(ctx)],
      ),
    );
  }

  // DKIM
  if (hasVerdicts) diagnoseDkim(ctx, findings, dkimPassed, alignedDkim);

  // DMARC
  const dmarc = verdicts.dmarc;
  if (dmarc?.result === 'fail') {
    findings.push(
      finding(
        'dmarc-fail',
        'error',
        { fromDomain: dmarc.fromDomain ?? fromDomain, policy: dmarc.policy },
        ev(dmarc.source),
      ),
    );
  } else if (dmarc?.result === 'pass') {
    findings.push(
      finding('dmarc-pass', 'ok', { fromDomain: dmarc.fromDomain ?? fromDomain }, ev(dmarc.source)),
    );
  } else if (
    fromDomain &&
    !isFreemailDomain(fromDomain) &&
    ((dmarc?.result === 'none' && dmarc.policy === null) ||
      (dmarc === null && ctx.receiver?.provider === 'gmail' && hasVerdicts))
  ) {
    // Gmail writes dmarc= only when the From domain publishes a DMARC record; others say dmarc=none.
    findings.push(finding('dmarc-missing', 'warning', { fromDomain }, ev(dmarc?.source ?? spf?.source)));
    fixes.push(
      txtFix(
        `_dmarc.${organizationalDomain(fromDomain)}`,
        `v=DMARC1; p=none; rua=mailto:dmarc-reports@${organizationalDomain(fromDomain)}`,
        ['rua-mailbox'],
        'dmarc-missing',
      ),
    );
  }

  if (ctx.compauth) {
    const meaning = compauthMeaning(ctx.compauth.reason);
    const bad = meaning === 'explicit-fail' || meaning === 'implicit-fail' || meaning === 'intra-org-fail';
    findings.push(
      finding(
        'microsoft-compauth',
        bad ? 'warning' : 'info',
        { result: ctx.compauth.result, reason: ctx.compauth.reason, meaning },
        [ctx.compauth.evidence],
      ),
    );
  }

  if (gmail.via) findings.push(finding('gmail-via', 'info', { via: gmail.via, fromDomain }));
  // The red padlock is Gmail's: other receivers' Received lines often omit TLS details.
  if (gmail.tls === false && gmail.receiverIsGmail) {
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
      finding('authenticated', 'ok', { fromDomain, spfDomain: gmail.mailedBy, dkimDomains: gmail.signedBy }),
    );
  }
  return { findings: order(findings), fixes };
}

function diagnoseDkim(
  ctx: DiagnoseContext,
  findings: Finding[],
  passed: DkimVerdict[],
  alignedPass: DkimVerdict[],
): void {
  const { verdicts, message } = ctx;
  const fromDomain = message.fromDomain;
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
    if (alignedPass.length === 0 && fromDomain) {
      const first = passed[0] as DkimVerdict;
      const signingDomain = first.domain ?? '?';
      const provider = dkimDefaultProvider(signingDomain);
      if (provider) {
        findings.push(
          finding(
            'dkim-default-domain',
            'warning',
            { provider: provider.id, signingDomain, fromDomain },
            ev(first.source),
          ),
        );
      } else {
        findings.push(finding('dkim-unaligned', 'info', { signingDomain, fromDomain }, ev(first.source)));
      }
    }
    return;
  }
  if (failed.length > 0) {
    const first = failed[0] as DkimVerdict;
    const comment = first.comment ?? '';
    const list = ctx.fields.find((f) => f.lname === 'list-id');
    if (/no key|key not found|no public key|nokey/i.test(comment)) {
      findings.push(
        finding(
          'dkim-no-key',
          'warning',
          { domain: first.domain, selector: first.selector },
          ev(first.source),
        ),
      );
    } else if (list) {
      // A list changed the message (subject tag, footer): the author's signature broke on the way.
      const arcSealed = verdicts.arc.sets.some(
        (s) => s.authservId !== null && s.authservId !== ctx.receiver?.authservId,
      );
      findings.push(
        finding(
          'list-modified',
          'warning',
          { list: list.value.replace(/^.*<([^>]+)>.*$/, '$1'), dkimDomain: first.domain, arcSealed },
          [...ev(first.source), ...fieldEvidence(ctx, 'list-id')],
        ),
      );
    } else {
      findings.push(
        finding(
          'dkim-fail',
          'warning',
          { domain: first.domain, result: first.result, comment: first.comment },
          ev(first.source),
        ),
      );
    }
    return;
  }
  // "Sign with a key of gmail.com" is not advice anyone but the provider can follow: the
  // freemail-domain finding says what to do instead.
  if (isFreemailDomain(fromDomain ?? message.envelopeDomain)) return;
  findings.push(
    finding(
      'dkim-none',
      'warning',
      { fromDomain: fromDomain ?? message.envelopeDomain },
      verdicts.dkim.flatMap((d) => ev(d.source)),
    ),
  );
}

/** A bounce quoting Gmail's refusal: the refusal is the evidence; the bounce's own stamps are not. */
function diagnoseBounce(ctx: DiagnoseContext, bounce: GmailBounce): { findings: Finding[]; fixes: Fix[] } {
  const findings: Finding[] = [
    finding(
      'gmail-bounce',
      bounce.permanent ? 'error' : 'warning',
      {
        kind: bounce.kind,
        code: bounce.code,
        enhanced: bounce.enhanced,
        domain: bounce.domain,
        ip: bounce.ip,
        text: bounce.text,
      },
      [{ header: 'bounce body', index: -1, text: `${bounce.code} ${bounce.enhanced} ${bounce.text}` }],
    ),
  ];
  const fixes: Fix[] = [];
  const spfKinds = new Set(['unauthenticated', 'spf', 'spf-hardfail']);
  if (spfKinds.has(bounce.kind) && bounce.domain && bounce.ip && bounce.spfPassed !== true) {
    pushSpfFix(
      ctx,
      fixes,
      bounce.domain,
      null,
      bounce.ip,
      bounce.kind === 'spf-hardfail' ? '-all' : '~all',
      'gmail-bounce',
    );
  }
  return { findings, fixes };
}

function spoofingReasons(ctx: DiagnoseContext): SpoofReason[] {
  const reasons: SpoofReason[] = [];
  const dmarc = ctx.verdicts.dmarc;
  if (dmarc?.result === 'fail' && (dmarc.policy === 'reject' || dmarc.policy === 'quarantine'))
    reasons.push('dmarc-policy');
  const spfFailed = ctx.verdicts.spf?.result === 'fail' || ctx.verdicts.spf?.result === 'softfail';
  const sh = ctx.sendingHost;
  if (spfFailed && sh?.ip && !sh.rdns) reasons.push('no-reverse-dns');
  if (spfFailed && sh?.helo && !sh.helo.includes('.') && !sh.helo.startsWith('[')) reasons.push('bare-helo');
  if (ctx.impersonatedStamps > 0) reasons.push('forged-stamps');
  if (ctx.compauth && compauthMeaning(ctx.compauth.reason) === 'intra-org-fail') reasons.push('intra-org');
  return reasons;
}

function compauthMeaning(reason: string | null): CompauthMeaning {
  if (!reason) return 'other';
  if (reason === '001') return 'implicit-fail';
  if (/^0\d\d$/.test(reason)) return 'explicit-fail'; // 000 DMARC reject/quarantine, 002 admin policy, 010 intra-org
  if (/^[17]\d\d$/.test(reason)) return 'pass';
  if (/^2\d\d$/.test(reason)) return 'soft-pass';
  if (/^[49]\d\d$/.test(reason)) return 'bypass';
  if (/^6\d\d$/.test(reason)) return 'intra-org-fail';
  return 'other';
}

// Remembered per domain: the same domains come back message after message in a scanned mailbox.
const envelopeProvider = memo(
  4096,
  (domain) => PROVIDERS.find((p) => p.envelopeDomains?.test(domain)) ?? null,
);
const dkimDefaultProvider = memo(
  4096,
  (domain) => PROVIDERS.find((p) => p.defaultDkimDomains?.test(domain)) ?? null,
);

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, ok: 3 } as const;

export function order(findings: Finding[]): Finding[] {
  // Headline first (the "?" or "authenticated"), then by severity; stable otherwise.
  const headline = (f: Finding): number =>
    f.code === 'gmail-unauthenticated' || f.code === 'authenticated' || f.code === 'gmail-bounce' ? 0 : 1;
  // Array.prototype.sort is stable (ES2019): equal findings keep their order.
  return findings
    .slice()
    .sort((a, b) => headline(a) - headline(b) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
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
  // Only a mailbox provider publishes its own domain's records.
  if (!domain || isFreemailDomain(domain)) return;
  const provider = sendingProvider(ctx);
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

/**
 * Whether SPF failed for the hosting server's own domain (the envelope sender the server writes when
 * the program sets none), while From is another domain: a hosting provider's host, the envelope
 * domain under the same organisational domain as the host, From not aligned with it.
 */
function providerEnvelope(
  result: string,
  envelopeDomain: string,
  fromDomain: string,
  host: string,
  provider: Provider,
): boolean {
  if (!envelopeDomain || !NOT_DESIGNATED.has(result) || provider.kind !== 'hosting') return false;
  if (isFreemailDomain(fromDomain) || aligned(envelopeDomain, fromDomain)) return false;
  return organizationalDomain(envelopeDomain.toLowerCase()) === organizationalDomain(host.toLowerCase());
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
  const bare = domain.replace(/\.$/, '');
  const org = organizationalDomain(bare.replace(/^_dmarc\./, ''));
  const host = bare === org ? '@' : bare.slice(0, bare.length - org.length - 1);
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

/**
 * The sending host's provider as the report names it (its reverse DNS, HELO or `from` name, or the
 * provider's own relay below a host under a customer's name): one answer for the route and the advice.
 */
function sendingProvider(ctx: DiagnoseContext): Provider | null {
  const id = ctx.sendingHost?.provider;
  return id ? providerById(id) : null;
}
