/**
 * The pipeline: input text → header fields → Received chain + receiver stamps → facts → findings
 * and fixes → report. Synchronous and pure; runs unchanged in Node and in a browser.
 */
import { readStamps } from './authres/index.js';
import { diagnose } from './diagnose/diagnose.js';
import type { Finding } from './diagnose/findings.js';
import { finding } from './diagnose/findings.js';
import { providerOfHost, receiverProvider } from './diagnose/providers/index.js';
import { describeFinding } from './explain/index.js';
import { bytesToText, decodeEncodedWords, domainOf, parseMailboxes } from './headers/decode.js';
import { DEFAULT_MAX_HEADER_BYTES, firstField, headerEnd, splitHeaderFields } from './headers/split.js';
import type { HeaderField } from './headers/types.js';
import { organizationalDomain } from './identity.js';
import type { DetectedInput } from './input/detect.js';
import { detectInput } from './input/detect.js';
import type { Receiver, RouteHop, SendingHost, Verdicts } from './model.js';
import type { OnlineOptions } from './online.js';
import { onlineChecks } from './online.js';
import { analyzeChain } from './received/index.js';
import type { Audience, GmailView, Lang, MessageFacts, Report } from './report.js';
import { REPORT_SCHEMA } from './report.js';

export interface AnalyzeOptions {
  lang?: Lang;
  audience?: Audience;
  /** A name for the input (file name), shown in reports. */
  name?: string;
  /** Believe the stamps of this authserv-id (overrides the receiver mailwhy decides from the message). */
  trust?: string;
  /** CIDRs of relays the user runs (SpamAssassin's trusted_networks). */
  trustedNetworks?: string[];
  /** Cap on header text read per message. */
  maxHeaderBytes?: number;
  /**
   * Display values decoded by a MIME reader at the edge (mailparser in Node). When absent the core
   * decodes RFC 2047 itself.
   */
  display?: { subject?: string | null; from?: string | null; to?: string | null };
}

function text(field: HeaderField | undefined): string | null {
  return field ? field.value : null;
}

/** Analyses one message synchronously. */
export function analyzeMessage(input: string | Uint8Array, options: AnalyzeOptions = {}): Report {
  const lang = options.lang ?? 'en';
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  let detected: DetectedInput;
  let encoding = 'utf-8';
  if (typeof input === 'string') detected = detectInput(input);
  else {
    // Find the structure on a byte-for-character view (windows-1252 maps each byte to one
    // character, so offsets are byte offsets), then decode only the summary and the header block.
    const cap = Math.min(input.length, maxHeaderBytes + 1024 * 1024);
    const probe = detectInput(new TextDecoder('windows-1252').decode(input.subarray(0, cap)));
    const end = probe.html ? cap : probe.offset + headerEnd(probe.message).headerLength;
    const decoded = bytesToText(input.subarray(0, end));
    encoding = decoded.encoding;
    // The decoded text holds no body: the probe knows whether one follows.
    detected = { ...detectInput(decoded.text), kind: probe.kind };
  }
  const { headerLength } = headerEnd(detected.message);
  const block = splitHeaderFields(detected.message.slice(0, headerLength), {
    maxBytes: maxHeaderBytes,
    firstLine: detected.firstLine,
  });
  const fields = block.fields;

  const chain = analyzeChain(fields, { trustedNetworks: options.trustedNetworks ?? [] });
  const stampOptions: { receiverHosts: string[]; receiverDomain: string | null; trust?: string } = {
    receiverHosts: chain.receiverHosts,
    receiverDomain: chain.receiverDomain,
  };
  if (options.trust) stampOptions.trust = options.trust;
  const stamps = readStamps(fields, stampOptions);
  const verdicts: Verdicts = stamps.verdicts;

  // The route, with roles.
  const hops: RouteHop[] = [];
  for (const ch of chain.hops) {
    const h = ch.hop ?? ch.nonRelay;
    if (!h) continue;
    let role: RouteHop['role'] = 'relay';
    if (!ch.hop) role = ch.receiverInternal ? 'receiver-internal' : 'local';
    else if (ch.position === chain.sendingHostPosition) role = 'sending-host';
    else if (ch.position === chain.submissionPosition) role = 'submission';
    else if (ch.receiverInternal) role = 'receiver-internal';
    const provider = providerOfHost(h.rdns, h.helo, h.from);
    hops.push({
      ...h,
      position: ch.position,
      fieldIndex: ch.fieldIndex,
      delaySeconds: ch.delaySeconds,
      receiverInternal: ch.receiverInternal,
      role,
      provider: provider?.id ?? null,
    });
  }
  const last = hops[hops.length - 1];
  if (last && last.role === 'relay') last.role = 'origin';

  // The real sending host: the hop into the receiver, cross-checked with client-ip= / the SPF comment.
  let sendingHost: SendingHost | null = null;
  const sendingHop = hops.find((h) => h.position === chain.sendingHostPosition);
  const checkedIp = verdicts.spf?.ip ?? null;
  if (sendingHop) {
    let ipAgreement: SendingHost['ipAgreement'] = 'no-other-source';
    if (checkedIp && sendingHop.ip) ipAgreement = sameIp(checkedIp, sendingHop.ip) ? 'agree' : 'disagree';
    sendingHost = {
      ip: sendingHop.ip ?? null,
      rdns: sendingHop.rdns ?? null,
      helo: sendingHop.helo ?? null,
      provider: sendingHop.provider,
      position: sendingHop.position,
      ipAgreement,
    };
  }
  const submissionHop = hops.find((h) => h.position === chain.submissionPosition);
  const submission = submissionHop
    ? {
        ip: submissionHop.ip ?? null,
        rdns: submissionHop.rdns ?? null,
        helo: submissionHop.helo ?? null,
        by: submissionHop.by ?? null,
        auth: submissionHop.auth ?? null,
        position: submissionHop.position,
      }
    : null;

  const message = messageFacts(fields, verdicts, options.display);
  const dkimSignatureDomains = fields
    .filter((f) => f.lname === 'dkim-signature')
    .map((f) => /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(f.value)?.[1]?.toLowerCase() ?? null)
    .filter((d): d is string => d !== null);

  let receiver: Receiver | null = stamps.receiver;
  if (receiver && receiver.provider === null) {
    const known = receiverProvider(receiver.authservId, ...chain.receiverHosts);
    if (known) receiver = { ...receiver, provider: known.id };
  }

  const gmail = gmailView(verdicts, message.fromDomain, receiver, sendingHop ?? null);

  const context: DiagnoseContext = {
    fields,
    verdicts,
    message,
    receiver,
    sendingHost,
    sendingHop: sendingHop ?? null,
    gmail,
    hasReceived: chain.hops.length > 0,
    stampCount: stamps.stamps.length,
  };
  const extra: Finding[] = [];
  if (block.truncated) extra.push(finding('header-truncated', 'warning', { limitBytes: maxHeaderBytes }));
  for (const position of chain.unreadableDatePositions) {
    const hop = chain.hops.find((h) => h.position === position);
    extra.push(
      finding(
        'date-unreadable',
        'info',
        { position, text: hop?.hop?.dateRaw ?? '' },
        evidenceOf(fields, hop?.fieldIndex),
      ),
    );
  }
  for (const position of chain.skewPositions) {
    const hop = chain.hops.find((h) => h.position === position);
    extra.push(
      finding(
        'clock-skew',
        'info',
        { position, seconds: hop?.delaySeconds ?? 0 },
        evidenceOf(fields, hop?.fieldIndex),
      ),
    );
  }
  for (const c of stamps.conflicts) {
    extra.push(
      finding(
        'untrusted-stamp',
        'warning',
        {
          authservId: c.source.authservId ?? null,
          method: c.method,
          claimed: c.claimedResult,
          trusted: c.trustedResult,
        },
        [{ header: c.source.header, index: c.source.index, text: c.source.text }],
      ),
    );
  }
  const { findings, fixes } = diagnose(context);
  const all = [...findings, ...extra, ...summaryMismatches(detected.summary, verdicts)];

  const authenticated = !gmail.unauthenticated && !all.some((f) => f.severity === 'error');
  const report: Report = {
    schema: REPORT_SCHEMA,
    lang,
    input: {
      kind: detected.kind,
      name: options.name ?? null,
      encoding,
      headerBytes: block.size,
      headerFields: fields.length,
      gmailSummary: detected.summary,
    },
    message,
    receiver,
    sendingHost,
    submission,
    hops,
    transitSeconds: chain.transitSeconds,
    identities: {
      envelopeDomain: message.envelopeDomain,
      fromDomain: message.fromDomain,
      dkimDomains: [...new Set(dkimSignatureDomains)],
    },
    verdicts,
    untrusted: stamps.stamps
      .filter((s) => !s.trusted)
      .map((s) => ({
        header: s.header,
        index: s.fieldIndex,
        authservId: s.authservId,
        text: fields[s.fieldIndex]?.value ?? '',
      })),
    gmail,
    authenticated,
    findings: all.map((f) => ({ ...f, ...describeFinding(f, lang) })),
    fixes,
    online: null,
  };
  return report;
}

/**
 * Analyses one message. With `online` (a resolver), today's SPF record is evaluated against the
 * sending host and every proposed record is checked before it is offered; without it, no request is
 * made at all.
 */
export async function analyze(
  input: string | Uint8Array,
  options: AnalyzeOptions & { online?: OnlineOptions } = {},
): Promise<Report> {
  const report = analyzeMessage(input, options);
  if (!options.online) return report;
  const lang = report.lang;
  const { online, findings, fixes } = await onlineChecks(report, options.online);
  const worded = findings.map((f) => ({ ...f, ...describeFinding(f, lang) }));
  return { ...report, online, fixes, findings: [...report.findings, ...worded] };
}

export interface DiagnoseContext {
  fields: HeaderField[];
  verdicts: Verdicts;
  message: MessageFacts;
  receiver: Receiver | null;
  sendingHost: SendingHost | null;
  sendingHop: RouteHop | null;
  gmail: GmailView;
  hasReceived: boolean;
  stampCount: number;
}

function sameIp(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function evidenceOf(
  fields: HeaderField[],
  index: number | undefined,
): { header: string; index: number; text: string }[] {
  if (index === undefined) return [];
  const f = fields[index];
  return f ? [{ header: f.name, index: f.index, text: f.value }] : [];
}

function messageFacts(
  fields: HeaderField[],
  verdicts: Verdicts,
  display: AnalyzeOptions['display'],
): MessageFacts {
  const get = (name: string): HeaderField | undefined => firstField({ fields }, name);
  const fromRaw = text(get('from'));
  const fromBox = fromRaw ? (parseMailboxes(fromRaw)[0] ?? null) : null;
  const returnPath = text(get('return-path'));
  const rpBox = returnPath ? (parseMailboxes(returnPath)[0] ?? null) : null;
  const envelopeFrom = rpBox?.address ?? verdicts.spf?.sender ?? null;
  const envelopeDomain = domainOf(envelopeFrom) ?? verdicts.spf?.domain ?? null;
  const subjectRaw = text(get('subject'));
  const toRaw = text(get('to'));
  return {
    messageId: text(get('message-id')),
    date: text(get('date')),
    from: display?.from ?? (fromRaw ? decodeEncodedWords(fromRaw) : null),
    fromAddress: fromBox?.address ?? null,
    fromDomain: fromBox?.domain ?? null,
    envelopeFrom,
    envelopeDomain,
    subject: display?.subject ?? (subjectRaw ? decodeEncodedWords(subjectRaw) : null),
    to: display?.to ?? (toRaw ? decodeEncodedWords(toRaw) : null),
  };
}

function gmailView(
  verdicts: Verdicts,
  fromDomain: string | null,
  receiver: Receiver | null,
  sendingHop: RouteHop | null,
): GmailView {
  const spfPass = verdicts.spf?.result === 'pass';
  const dkimPass = verdicts.dkim.filter((d) => d.result === 'pass' && d.domain);
  const mailedBy = spfPass ? (verdicts.spf?.domain ?? null) : null;
  const signedBy = [...new Set(dkimPass.map((d) => d.domain as string))];
  const unauthenticated = !spfPass && dkimPass.length === 0;
  // "via": Gmail names the authenticated domain when it is not the From domain's organisation.
  let via: string | null = null;
  if (!unauthenticated && fromDomain) {
    const fromOrg = organizationalDomain(fromDomain);
    const alignedDkim = signedBy.some((d) => organizationalDomain(d) === fromOrg);
    const alignedSpf = mailedBy !== null && organizationalDomain(mailedBy) === fromOrg;
    if (!alignedDkim && !alignedSpf) via = signedBy[0] ?? mailedBy;
  }
  let tls: boolean | null = null;
  if (sendingHop) tls = sendingHop.tls ? true : protocolTls(sendingHop.protocol);
  return {
    receiverIsGmail: receiver?.provider === 'gmail',
    unauthenticated,
    via,
    mailedBy,
    signedBy,
    tls,
  };
}

/** RFC 3848 / RFC 6531 protocol names: an S before the optional A marks TLS (ESMTPS, ESMTPSA, UTF8SMTPS). */
function protocolTls(protocol: string | undefined): boolean | null {
  if (!protocol) return null;
  const m = /^(?:UTF8)?(?:SMTP|ESMTP|LMTP)(S?)A?$/i.exec(protocol);
  if (!m) return null;
  return m[1] !== '';
}

function summaryMismatches(
  summary: ReturnType<typeof detectInput>['summary'],
  verdicts: Verdicts,
): Finding[] {
  if (!summary) return [];
  const out: Finding[] = [];
  const check = (method: string, s: string | undefined, h: string | undefined): void => {
    if (s && h && s !== h) out.push(finding('summary-mismatch', 'info', { method, summary: s, header: h }));
  };
  check('spf', summary.spf?.result, verdicts.spf?.result);
  check('dmarc', summary.dmarc?.result, verdicts.dmarc?.result);
  return out;
}
