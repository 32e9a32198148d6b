/**
 * The pipeline: input text → header fields → Received chain + receiver stamps → facts → findings
 * and fixes → report. Synchronous and pure; runs unchanged in Node and in a browser.
 */
import { readStamps } from './authres/index.js';
import type { Stamps } from './authres/types.js';
import type { GmailBounce } from './diagnose/bounce.js';
import { readGmailBounce } from './diagnose/bounce.js';
import { diagnose, order } from './diagnose/diagnose.js';
import type { Finding } from './diagnose/findings.js';
import { finding } from './diagnose/findings.js';
import { providerOfHost, providerOfInternalHost, receiverProvider } from './diagnose/providers/index.js';
import { describeFinding } from './explain/index.js';
import { userLines } from './explain/user.js';
import type { Mailbox } from './headers/decode.js';
import {
  byteClass,
  bytesToText,
  byteView,
  decodeEncodedWords,
  domainOf,
  parseMailboxes,
  SEVEN_BIT,
} from './headers/decode.js';
import { DEFAULT_MAX_HEADER_BYTES, firstField, headerEnd, splitHeaderFields } from './headers/split.js';
import type { HeaderField } from './headers/types.js';
import { organizationalDomain } from './identity.js';
import type { DetectedInput } from './input/detect.js';
import { detectInput } from './input/detect.js';
import type { Port25Report } from './input/port25.js';
import { looksLikePort25, readPort25Report } from './input/port25.js';
import type { Receiver, RouteHop, SendingHost, VerdictSource, Verdicts } from './model.js';
import type { OnlineOptions } from './online.js';
import { plainForwarder } from './received/forward.js';
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
  // The body is read only when the header says it carries the evidence (a bounce, a port25 report).
  let readBody: () => string = () => '';
  if (typeof input === 'string') {
    detected = detectInput(input);
    const d = detected;
    readBody = () => {
      const { bodyStart } = headerEnd(d.message);
      return d.message.slice(bodyStart, bodyStart + MAX_BODY_CHARS);
    };
  } else {
    // Find the structure on a byte-for-character view (windows-1252 maps each byte to one
    // character, so offsets are byte offsets), then decode only the summary and the header block.
    const cap = Math.min(input.length, maxHeaderBytes + 1024 * 1024);
    const head = input.subarray(0, cap);
    const view = byteView(head);
    const probe = detectInput(view);
    const probeEnd = headerEnd(probe.message);
    const end = probe.html ? cap : probe.offset + probeEnd.headerLength;
    const bodyStart = probe.offset + probeEnd.bodyStart;
    if (!probe.html && byteClass(head) === SEVEN_BIT) {
      // 7-bit without ESC (nearly every header of a mailbox): the view already is the decoded text,
      // and the probe already found its structure; the message is its header block.
      detected = { ...probe, message: view.slice(probe.offset, end) };
    } else {
      const decoded = bytesToText(input.subarray(0, end));
      encoding = decoded.encoding;
      // The decoded text holds no body: the probe knows whether one follows.
      detected = { ...detectInput(decoded.text), kind: probe.kind };
    }
    const bytes = input;
    readBody = () => bytesToText(bytes.subarray(bodyStart, bodyStart + MAX_BODY_CHARS)).text;
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
  let verdicts: Verdicts = stamps.verdicts;

  // Evidence in the body: port25's verifier report, or a bounce quoting Gmail's refusal.
  let port25: Port25Report | null = null;
  let bounce: GmailBounce | null = null;
  if (bodyMayCarryEvidence(fields)) {
    const raw = readBody();
    // Only a body (or part) declared quoted-printable is unwrapped: "=====" rules end in "=" too.
    const qp =
      fields.some((f) => f.lname === 'content-transfer-encoding' && /quoted-printable/i.test(f.value)) ||
      /^content-transfer-encoding:\s*quoted-printable/im.test(raw);
    const body = qp ? unwrapQuotedPrintable(raw) : raw;
    const headerText = fields.map((f) => `${f.name}: ${f.value}`).join('\n');
    if (looksLikePort25(headerText, body)) port25 = readPort25Report(body);
    if (!port25) bounce = readGmailBounce(body);
  }
  if (port25) {
    verdicts = port25Verdicts(port25, verdicts);
    detected = { ...detected, kind: 'port25-report' };
  } else if (bounce) {
    detected = { ...detected, kind: 'gmail-bounce' };
  }

  // The receiver's own SPF check says which client it saw. When the hop the chain takes for the
  // handover came from elsewhere and a lower hop's client is that address, the hops in between are
  // the receiver's (a filtering service in front of the mailbox, not named in its domain): the
  // sending host is the one it checked.
  const checkedIp = port25 ? null : (verdicts.spf?.ip ?? null);
  let sendingPosition = chain.sendingHostPosition;
  const chainSending = chain.hops.find((ch) => ch.position === sendingPosition)?.hop;
  if (checkedIp && chainSending?.ip && !sameIp(checkedIp, chainSending.ip)) {
    const checked = chain.hops.find(
      (ch) =>
        sendingPosition !== null &&
        ch.position > sendingPosition &&
        ch.hop?.ip &&
        sameIp(checkedIp, ch.hop.ip),
    );
    if (checked) sendingPosition = checked.position;
  }

  // The route, with roles.
  const hops: RouteHop[] = [];
  for (const ch of chain.hops) {
    const h = ch.hop ?? ch.nonRelay;
    if (!h) continue;
    // Above the sending host: the receiver's (its own relays, or a filter in front of it).
    const receiverInternal =
      ch.receiverInternal || (sendingPosition !== null && ch.hop !== null && ch.position < sendingPosition);
    let role: RouteHop['role'] = 'relay';
    if (!ch.hop) role = ch.receiverInternal ? 'receiver-internal' : 'local';
    else if (ch.position === sendingPosition) role = 'sending-host';
    else if (ch.position === chain.submissionPosition) role = 'submission';
    else if (receiverInternal) role = 'receiver-internal';
    const provider = providerOfHost(h.rdns, h.helo, h.from);
    hops.push({
      ...h,
      position: ch.position,
      fieldIndex: ch.fieldIndex,
      delaySeconds: ch.delaySeconds,
      receiverInternal,
      role,
      provider: provider?.id ?? null,
    });
  }
  const last = hops[hops.length - 1];
  if (last && last.role === 'relay') last.role = 'origin';

  // The real sending host: the hop into the receiver, cross-checked with client-ip= / the SPF comment.
  let sendingHost: SendingHost | null = null;
  const sendingHop = hops.find((h) => h.position === sendingPosition);
  // A sending host under a customer's name that took the message from the provider's own relay
  // (SendGrid's dedicated IPs) is the provider's.
  if (sendingHop && sendingHop.provider === null) {
    const behind = hops.find((h) => h.position === sendingHop.position + 1);
    sendingHop.provider = providerOfInternalHost(behind?.by)?.id ?? null;
  }
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
  if (port25) {
    // The reply's own route says how the report reached the user, not how the tested message left:
    // the sending host is the one the verifier saw.
    hops.length = 0;
    // "iprev" pass: the source IP's PTR name resolves back to it; port25 names the host by its HELO.
    const iprev = port25.checks.find((c) => c.name === 'iprev')?.result === 'pass';
    sendingHost = port25.sourceIp
      ? {
          ip: port25.sourceIp,
          rdns: iprev ? port25.helo : null,
          helo: port25.helo,
          provider: providerOfHost(port25.helo)?.id ?? null,
          position: -1,
          ipAgreement: 'no-other-source',
        }
      : null;
  }
  const submissionHop = port25 ? undefined : hops.find((h) => h.position === chain.submissionPosition);
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

  const authors = fromAuthors(fields);
  let message = messageFacts(fields, verdicts, options.display, authors.first);
  if (port25) {
    // The reply's own From is the verifier; the message that was tested came from mail-from.
    const tested = port25.mailFrom ?? verdicts.spf?.sender ?? null;
    message = {
      ...message,
      fromAddress: tested,
      fromDomain: domainOf(tested),
      envelopeFrom: tested,
      envelopeDomain: domainOf(tested),
    };
  }
  const dkimSignatureDomains = fields
    .filter((f) => f.lname === 'dkim-signature')
    .map((f) => /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(f.value)?.[1]?.toLowerCase() ?? null)
    .filter((d): d is string => d !== null);

  let receiver: Receiver | null = port25
    ? { authservId: 'verifier.port25.com', provider: 'port25', basis: 'port25-report' }
    : stamps.receiver;
  if (receiver && receiver.provider === null) {
    const known = receiverProvider(receiver.authservId, ...chain.receiverHosts);
    if (known) receiver = { ...receiver, provider: known.id };
  }

  const gmail = gmailView(verdicts, message.fromDomain, receiver, port25 ? null : (sendingHop ?? null));

  const context: DiagnoseContext = {
    fields,
    verdicts,
    message,
    receiver,
    sendingHost,
    sendingHop: port25 ? null : (sendingHop ?? null),
    gmail,
    hasReceived: chain.hops.length > 0,
    stampCount: stamps.stamps.length,
    bounce,
    port25,
    compauth: port25 ? null : compauthOf(stamps.stamps, fields),
    earlierSpf: port25 ? null : earlierSpfOf(stamps.stamps, receiver?.authservId ?? null),
    plainForwarder: port25 ? null : plainForwarder(hops, sendingHop),
    impersonatedStamps: port25 ? 0 : impersonations(stamps),
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
  // A stamp that claims a better result than the receiver recorded. ARC sets and Received-SPF of
  // earlier hops are the record of a forward (shown, not flagged); an Authentication-Results that
  // carries the receiver's own authserv-id where the receiver did not write it impersonates it, and
  // so does an ARC-Authentication-Results of the receiver for a hop the receiver never took.
  const receiverId = stamps.receiver?.authservId ?? null;
  for (const c of stamps.conflicts) {
    if (c.stampTrust === 'receiver') continue;
    if (c.stampTrust !== 'no-receiver-hop' && c.source.header.toLowerCase() !== 'authentication-results')
      continue;
    const impersonates =
      receiverId !== null && c.source.authservId?.toLowerCase() === receiverId.toLowerCase();
    extra.push(
      finding(
        'untrusted-stamp',
        impersonates ? 'warning' : 'info',
        {
          // Named as the RFCs write it, however the message spells it.
          field: c.stampTrust === 'no-receiver-hop' ? 'ARC-Authentication-Results' : 'Authentication-Results',
          authservId: c.source.authservId ?? null,
          method: c.method,
          claimed: c.claimedResult,
          trusted: c.trustedResult,
          impersonates,
        },
        [{ header: c.source.header, index: c.source.index, text: c.source.text }],
      ),
    );
  }
  // Several authors in From, or several From fields (a port25 reply's From is the verifier).
  if (!port25 && (authors.fields.length > 1 || authors.addresses.length > 1)) {
    extra.push(
      finding(
        'from-multiple',
        'warning',
        {
          fields: authors.fields.length,
          addresses: authors.addresses,
          checked: verdicts.dmarc?.fromDomain ?? null,
        },
        authors.fields.flatMap((f) => evidenceOf(fields, f.index)),
      ),
    );
  }
  const { findings, fixes } = diagnose(context);
  // Findings from the route and the stamps join the rules' findings; all are ordered together, and
  // "authenticated" stands only when nothing else is a warning or an error.
  const merged = [...findings, ...extra, ...summaryMismatches(detected.summary, verdicts)];
  const problem = merged.some((f) => f.severity === 'error' || f.severity === 'warning');
  const all = order(problem ? merged.filter((f) => f.code !== 'authenticated') : merged);

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
    forUser: [],
    online: null,
  };
  report.forUser = userLines(report);
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
  // The SPF engine is loaded only for online runs: offline start-up stays light.
  const { onlineChecks } = await import('./online.js');
  const { online, findings, fixes } = await onlineChecks(report, options.online);
  const worded = findings.map((f) => ({ ...f, ...describeFinding(f, lang) }));
  // Today's record confirms (or not) the offline guess that it lists IPv4 addresses only.
  const record = online.spf?.today.recordSource === 'dns' ? online.spf.today.record : null;
  const v6Capable =
    record !== null &&
    /(?:^|\s)[-~?+]?(?:ip6:|a\b|a:|a\/|mx\b|mx:|mx\/|include:|redirect=|exists:)/i.test(record);
  const kept = report.findings.flatMap((f) => {
    if (f.code !== 'spf-ipv6-not-covered' || record === null) return [f];
    if (v6Capable) return [];
    const confirmed = { ...f, args: { ...f.args, confirmed: true } };
    return [{ ...confirmed, ...describeFinding(confirmed, lang) }];
  });
  const result: Report = { ...report, online, fixes, findings: [...kept, ...worded] };
  result.forUser = userLines(result);
  return result;
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
  /** A bounce quoting Gmail's refusal, found in the body. */
  bounce: GmailBounce | null;
  /** port25's verifier report, found in the body. */
  port25: Port25Report | null;
  /** Microsoft's `compauth=` result of the trusted stamp. */
  compauth: {
    result: string;
    reason: string | null;
    evidence: { header: string; index: number; text: string };
  } | null;
  /** SPF result recorded by an earlier receiver in its ARC set (forwarding evidence). */
  earlierSpf: string | null;
  /** The sending host, when the route shows it forwarded the message for another recipient (no SRS). */
  plainForwarder: string | null;
  /** Authentication-Results fields that carry the receiver's authserv-id but are not its own. */
  impersonatedStamps: number;
}

function impersonations(stamps: Stamps): number {
  const id = stamps.receiver?.authservId?.toLowerCase();
  if (!id) return 0;
  return stamps.stamps.filter(
    (s) =>
      (!s.trusted && s.kind === 'authentication-results' && s.authservId?.toLowerCase() === id) ||
      s.trust === 'no-receiver-hop',
  ).length;
}

/** Bodies are read for evidence only this far: a bounce's or a report's text comes first. */
const MAX_BODY_CHARS = 256 * 1024;

/** Whether the header says the body carries the evidence: a bounce, a report, port25's reply. */
function bodyMayCarryEvidence(fields: HeaderField[]): boolean {
  for (const f of fields) {
    if (f.lname === 'content-type' && /multipart\/report|message\/delivery-status/i.test(f.value))
      return true;
    if (
      (f.lname === 'from' || f.lname === 'return-path') &&
      /mailer-daemon|postmaster|verifier\.port25\.com/i.test(f.value)
    )
      return true;
    if (
      f.lname === 'subject' &&
      /undeliver|delivery status|returned mail|failure notice|delivery fail|authentication report|配信|エラー/i.test(
        decodeEncodedWords(f.value),
      )
    )
      return true;
  }
  return false;
}

/** Joins quoted-printable soft line breaks, so that a reply quoted in a QP body reads as text. */
function unwrapQuotedPrintable(body: string): string {
  return /=\r?\n/.test(body)
    ? body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : body;
}

function compauthOf(stamps: Stamps['stamps'], fields: HeaderField[]): DiagnoseContext['compauth'] {
  for (const s of stamps) {
    if (!s.trusted || s.kind === 'received-spf') continue;
    const r = s.parsed.results.find((x) => x.method.toLowerCase() === 'compauth');
    if (!r) continue;
    const reasonProp = r.properties.find((p) => p.property === 'reason' || p.ptype === 'reason');
    const f = fields[s.fieldIndex];
    return {
      result: r.result,
      reason: r.reason ?? reasonProp?.value ?? null,
      evidence: { header: s.header, index: s.fieldIndex, text: f?.value ?? '' },
    };
  }
  return null;
}

function earlierSpfOf(stamps: Stamps['stamps'], receiverId: string | null): string | null {
  const arcs = stamps
    .filter((s) => s.kind === 'arc-authentication-results' && s.authservId !== receiverId)
    .sort((a, b) =>
      a.kind === 'received-spf' || b.kind === 'received-spf'
        ? 0
        : (a.parsed.instance ?? 0) - (b.parsed.instance ?? 0),
    );
  for (const s of arcs) {
    if (s.kind === 'received-spf') continue;
    const spf = s.parsed.results.find((r) => r.method.toLowerCase() === 'spf');
    if (spf) return spf.result.toLowerCase();
  }
  return null;
}

/** Verdicts as port25's verifier reported them for the message the user sent it. */
function port25Verdicts(report: Port25Report, fallback: Verdicts): Verdicts {
  const check = (name: string) => report.checks.find((c) => c.name === name);
  const source = (c: { line: string }): VerdictSource => ({
    header: 'port25 report',
    index: -1,
    text: c.line,
  });
  const spfCheck = check('spf');
  const dkimCheck = check('dkim');
  const dmarcCheck = check('dmarc');
  const idValue = (ids: string[], key: string): string | null =>
    ids.find((i) => i.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1) ?? null;
  const mailfrom = spfCheck
    ? (idValue(spfCheck.identities, 'smtp.mailfrom') ?? report.mailFrom)
    : report.mailFrom;
  return {
    spf: spfCheck
      ? {
          result: spfCheck.result,
          domain: domainOf(mailfrom) ?? null,
          sender: mailfrom,
          ip: report.sourceIp,
          comment: null,
          facts: {},
          source: source(spfCheck),
        }
      : null,
    dkim: dkimCheck
      ? [
          {
            result: dkimCheck.result,
            domain:
              idValue(dkimCheck.identities, 'header.d') ??
              domainOf(idValue(dkimCheck.identities, 'header.i')),
            selector: null,
            identity: idValue(dkimCheck.identities, 'header.i'),
            comment: null,
            source: source(dkimCheck),
          },
        ]
      : [],
    dmarc: dmarcCheck
      ? {
          result: dmarcCheck.result,
          policy: null,
          subdomainPolicy: null,
          disposition: null,
          fromDomain: idValue(dmarcCheck.identities, 'header.from'),
          comment: null,
          source: source(dmarcCheck),
        }
      : null,
    arc: fallback.arc,
  };
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

/** Only addresses are read from From and Return-Path here; the display is decoded from the whole field. */
const ADDRESSES_ONLY = { names: false };

/**
 * The authors a message names: its From fields and the distinct addresses in them (those with a
 * domain: `Doe, John <j@example.com>` written without quotes is one author, not two). RFC 5322
 * §3.6 allows one From field, and several mailboxes in it only with a Sender field (§3.6.2).
 */
function fromAuthors(fields: HeaderField[]): {
  fields: HeaderField[];
  addresses: string[];
  /** The first mailbox of the first From field: the message's author as shown. */
  first: Mailbox | null;
} {
  const from = fields.filter((f) => f.lname === 'from');
  const addresses: string[] = [];
  let first: Mailbox | null = null;
  for (const f of from) {
    const boxes = parseMailboxes(f.value, ADDRESSES_ONLY);
    if (f === from[0]) first = boxes[0] ?? null;
    for (const b of boxes) {
      if (!b.domain) continue;
      const address = b.address.toLowerCase();
      if (!addresses.includes(address)) addresses.push(address);
    }
  }
  return { fields: from, addresses, first };
}

function messageFacts(
  fields: HeaderField[],
  verdicts: Verdicts,
  display: AnalyzeOptions['display'],
  fromBox: Mailbox | null,
): MessageFacts {
  const get = (name: string): HeaderField | undefined => firstField({ fields }, name);
  const fromRaw = text(get('from'));
  const returnPath = text(get('return-path'));
  const rpBox = returnPath ? (parseMailboxes(returnPath, ADDRESSES_ONLY)[0] ?? null) : null;
  const envelopeFrom = rpBox?.address ?? verdicts.spf?.sender ?? null;
  const envelopeDomain = domainOf(envelopeFrom) ?? verdicts.spf?.domain ?? null;
  const subjectRaw = text(get('subject'));
  const toRaw = text(get('to'));
  return {
    messageId: text(get('message-id')),
    date: text(get('date')),
    from: display?.from ?? (fromRaw ? decodeEncodedWords(fromRaw) : null),
    fromAddress: fromBox?.address ?? null,
    // Without a From field, the receiver's header.from (DMARC) still names the author's domain.
    fromDomain: fromBox?.domain ?? verdicts.dmarc?.fromDomain ?? null,
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
