/**
 * Findings are data: a code, a severity, the arguments the wording needs, and the header lines the
 * conclusion rests on. Wording lives in src/explain (one catalog per language, checked complete by
 * the compiler through `FindingArgs`).
 */

export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** A header line a finding rests on. */
export interface Evidence {
  header: string;
  /** 0-based position among all header fields (-1 for the Gmail summary table). */
  index: number;
  text: string;
}

/** The arguments of each finding code. Adding a code here makes both catalogs fail to compile until worded. */
export interface FindingArgs {
  /** SPF, DKIM and DMARC (where present) passed: nothing to fix. */
  authenticated: { fromDomain: string | null; spfDomain: string | null; dkimDomains: string[] };
  /** Gmail shows the "?" avatar: neither SPF nor DKIM passed. */
  'gmail-unauthenticated': { fromDomain: string | null };
  /** SPF softfail/fail: the sending IP is not in the envelope domain's record. */
  'spf-not-designated': {
    result: string;
    domain: string;
    ip: string | null;
    host: string | null;
    /** `~all` (Gmail: "transitioning"). */
    transitioning: boolean;
  };
  /**
   * The mail claims an address at a mailbox provider (gmail.com, yahoo.co.jp…) but was not
   * authenticated for it: another server sent it, typically a website's form writing the visitor's
   * address in From. Only the provider can change that domain's records: no record is offered.
   */
  'freemail-domain': {
    domain: string;
    /** Where the domain is written: the envelope sender (SPF judged it) or only From. */
    field: 'envelope' | 'from';
    /** The SPF result for the domain when SPF judged it (softfail, fail…), else null. */
    result: string | null;
    ip: string | null;
    host: string | null;
  };
  /**
   * The envelope sender is the hosting server's own address (`account@www123.sakura.ne.jp`), not one
   * of the From domain: SPF judged the provider's domain, where the customer publishes nothing, and
   * it could not count for the From domain in DMARC. The fix: an envelope sender of the From domain,
   * whose record then names the server (the fix offered is that record).
   */
  'provider-envelope': {
    envelopeDomain: string;
    fromDomain: string;
    provider: string;
    host: string;
    result: string;
  };
  /** Sakura: mail leaves from the server host (wwwNNN.sakura.ne.jp), not the account's initial domain. */
  'sakura-server-host': { host: string; domain: string };
  /** No SPF record at the envelope domain (spf=none, or Gmail's best-guess wording). */
  'spf-none': { domain: string; ip: string | null; bestGuess: boolean; result: string };
  /** SPF neutral (`?all` or no match without an all). */
  'spf-neutral': { domain: string; ip: string | null };
  /** SPF permerror: the record is broken (syntax, two records, over 10 lookups). */
  'spf-permerror': { domain: string; detail: string | null };
  /** SPF temperror: DNS failed at delivery time; may pass on retry. */
  'spf-temperror': { domain: string };
  /** SPF passed. */
  'spf-pass': { domain: string; ip: string | null };
  /** No DKIM signature was verified (none present, or dkim=none). */
  'dkim-none': { fromDomain: string | null };
  /** A DKIM signature failed to verify. */
  'dkim-fail': { domain: string | null; result: string; comment: string | null };
  /** DKIM passed. */
  'dkim-pass': { domains: string[] };
  /** DMARC failed; the policy says what the receiver may do. */
  'dmarc-fail': { fromDomain: string | null; policy: string | null };
  /** DMARC passed. */
  'dmarc-pass': { fromDomain: string | null };
  /** The hop into the receiver used no TLS (Gmail's red open padlock). */
  'no-tls': { host: string | null; protocol: string | null };
  /** Gmail shows "via <domain>": the authenticated domain differs from the From domain. */
  'gmail-via': { via: string; fromDomain: string | null };
  /** The IP in the hop into the receiver differs from the one the receiver checked for SPF. */
  'sending-ip-mismatch': { hopIp: string; checkedIp: string };
  /** The message carries no Received field: the route and the sending host are unknown. */
  'no-received': Record<string, never>;
  /** The message carries no authentication stamp from a receiver. */
  'no-stamps': Record<string, never>;
  /** A stamp not written by the trusted receiver claims a better result (likely forged). */
  'untrusted-stamp': {
    /** The kind of stamp: Authentication-Results, or ARC-Authentication-Results (see StampTrust 'no-receiver-hop'). */
    field: string;
    authservId: string | null;
    method: string;
    claimed: string;
    trusted: string | null;
    /** It carries the receiver's own authserv-id where the receiver did not write it. */
    impersonates: boolean;
  };
  /** Signs that the message was not sent by the domain it claims (so no record is offered for its server). */
  'spoofing-suspected': { fromDomain: string | null; reasons: SpoofReason[] };
  /**
   * From names several authors, or the header has several From fields (RFC 5322 §3.6, §3.6.2):
   * DMARC authenticates one domain, and a mail program may show another.
   */
  'from-multiple': {
    /** How many From fields the header has. */
    fields: number;
    /** The distinct addresses in them, lower-cased, in order. */
    addresses: string[];
    /** The From domain the trusted receiver checked DMARC for (header.from), null when none. */
    checked: string | null;
  };
  /** A Received date could not be read. */
  'date-unreadable': { position: number; text: string };
  /** A hop's date is earlier than the hop before it. */
  'clock-skew': { position: number; seconds: number };
  /** The header block was longer than the limit; the rest was not read. */
  'header-truncated': { limitBytes: number };
  /** Online: today's SPF record evaluated against the sending IP, beside the verdict recorded at delivery. */
  'spf-today': {
    domain: string;
    ip: string;
    recorded: string | null;
    /** ISO date of the receiver's hop, when readable. */
    recordedAt: string | null;
    today: string;
    record: string | null;
    matchedTerm: string | null;
  };
  /** Online: DNS failed today (temperror); the answer may change on retry. */
  'online-dns-error': { domain: string };
  /** Online: the proposed record, merged with today's, still does not pass for the sending IP: not offered. */
  'fix-not-verified': { record: string; result: string; ip: string };
  /** SPF failed for an IPv6 sending address: the record probably lists IPv4 addresses only. */
  'spf-ipv6-not-covered': { domain: string; ip: string; host: string | null; confirmed: boolean };
  /** The mail was sent through a provider (e.g. Gmail's SMTP) that the envelope domain's record does not name. */
  'sent-via-provider': {
    provider: string;
    kind: 'hosting' | 'mailbox' | 'esp' | 'relay';
    domain: string;
    terms: string[];
  };
  /** SPF passed for an ESP's own envelope domain, not the From domain: unaligned for DMARC, "via" in Gmail. */
  'esp-envelope': { provider: string; envelopeDomain: string; fromDomain: string | null };
  /** DKIM passed with the provider's default signing domain, not the From domain. */
  'dkim-default-domain': { provider: string; signingDomain: string; fromDomain: string | null };
  /** DKIM passed, but for a domain unrelated to the From domain. */
  'dkim-unaligned': { signingDomain: string; fromDomain: string | null };
  /** The DKIM key was not found in DNS (`no key`, `key not found`). */
  'dkim-no-key': { domain: string | null; selector: string | null };
  /** A forwarder sent the message on: SPF at the final receiver judges the forwarder, not the author. */
  forwarded: {
    forwarder: string | null;
    /** SPF result the earlier receiver recorded (ARC), when known. */
    originalSpf: string | null;
    dkimSurvived: boolean;
    /** Whether the message carried a DKIM signature at all (one that would have survived is the author's best defence). */
    dkimSigned: boolean;
    srs: boolean;
  };
  /** A mailing list changed the message, breaking the author's DKIM signature. */
  'list-modified': { list: string | null; dkimDomain: string | null; arcSealed: boolean };
  /** Gmail recorded no DMARC result: the From domain publishes no DMARC record. */
  'dmarc-missing': { fromDomain: string };
  /** A bounce that quotes Gmail's refusal (5.7.26, 5.7.25, 4.7.27, 4.7.30, 4.7.32…). */
  'gmail-bounce': {
    kind: import('./bounce.js').BounceKind;
    code: string;
    enhanced: string;
    domain: string | null;
    ip: string | null;
    text: string;
  };
  /** Microsoft 365 / Outlook.com's composite authentication (`compauth=`), with its reason code. */
  'microsoft-compauth': { result: string; reason: string | null; meaning: CompauthMeaning };
  /** The reply of port25's verifier: its checks, explained like a receiver's stamps. */
  'port25-report': { checks: { name: string; result: string }[] };
  /** Gmail's "Show original" summary disagrees with the headers' verdict. */
  'summary-mismatch': { method: string; summary: string; header: string };
}

export type FindingCode = keyof FindingArgs;

export type Finding = {
  [K in FindingCode]: { code: K; severity: Severity; args: FindingArgs[K]; evidence: Evidence[] };
}[FindingCode];

export function finding<K extends FindingCode>(
  code: K,
  severity: Severity,
  args: FindingArgs[K],
  evidence: Evidence[] = [],
): Finding {
  return { code, severity, args, evidence: uniqueEvidence(evidence) } as Finding;
}

/** One header field is cited once, however many verdicts rest on it (first citation kept). */
function uniqueEvidence(evidence: Evidence[]): Evidence[] {
  if (evidence.length < 2) return evidence.slice();
  // Nearly always a handful: compared in place. A long list (a message with many signatures) gets
  // a set of keys, so the work stays linear.
  if (evidence.length <= 8) {
    return evidence.filter((e, i) => {
      for (let j = 0; j < i; j++) {
        const o = evidence[j] as Evidence;
        if (o.index === e.index && o.header === e.header && o.text === e.text) return false;
      }
      return true;
    });
  }
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.index}:${e.header}:${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every code, in catalog order (used by tests and docs to check completeness at run time too). */
export const FINDING_CODES: readonly FindingCode[] = [
  'authenticated',
  'gmail-unauthenticated',
  'spf-not-designated',
  'freemail-domain',
  'provider-envelope',
  'sakura-server-host',
  'spf-none',
  'spf-neutral',
  'spf-permerror',
  'spf-temperror',
  'spf-pass',
  'dkim-none',
  'dkim-fail',
  'dkim-pass',
  'dmarc-fail',
  'dmarc-pass',
  'no-tls',
  'gmail-via',
  'sending-ip-mismatch',
  'no-received',
  'no-stamps',
  'untrusted-stamp',
  'spoofing-suspected',
  'from-multiple',
  'date-unreadable',
  'clock-skew',
  'header-truncated',
  'summary-mismatch',
  'spf-today',
  'online-dns-error',
  'fix-not-verified',
  'spf-ipv6-not-covered',
  'sent-via-provider',
  'esp-envelope',
  'dkim-default-domain',
  'dkim-unaligned',
  'dkim-no-key',
  'forwarded',
  'list-modified',
  'dmarc-missing',
  'gmail-bounce',
  'microsoft-compauth',
  'port25-report',
];

export type SpoofReason =
  /** DMARC failed where the domain's policy is reject or quarantine: its own mail passes. */
  | 'dmarc-policy'
  /** The sending IP has no reverse DNS name. */
  | 'no-reverse-dns'
  /** The HELO name is not a domain name (e.g. a PC's name). */
  | 'bare-helo'
  /** A stamp impersonating the receiver was written into the message. */
  | 'forged-stamps'
  /** Microsoft judged it intra-organisation spoofing (compauth 6xx). */
  | 'intra-org';

/**
 * Microsoft's compauth reason codes (learn.microsoft.com, anti-spam message headers): 000 explicit
 * failure (the domain's DMARC says reject/quarantine), 001 implicit failure (no or weak records),
 * 1xx/7xx pass, 2xx soft pass, 4xx/9xx bypassed, 6xx implicit failure of a message whose From domain
 * is one of the recipient organisation's own accepted domains (self-to-self or intra-org spoofing).
 */
export type CompauthMeaning =
  | 'explicit-fail'
  | 'implicit-fail'
  | 'intra-org-fail'
  | 'pass'
  | 'soft-pass'
  | 'bypass'
  | 'other';

/** A DNS record to publish. */
export interface Fix {
  /** Owner name (`example.com.`). */
  name: string;
  type: 'TXT';
  value: string;
  ttl: number;
  /** The zone-file line: `example.com. 3600 IN TXT "v=spf1 …"`. */
  zoneLine: string;
  /** What a registrar's form asks for: host (relative, `@` for the apex), type, value. */
  form: { host: string; type: string; value: string };
  /** What the fix takes for granted (offline: the rest of today's record is unknown…). */
  assumes: FixAssumption[];
  /** Which finding it answers. */
  answers: FindingCode;
  /** True when, online, the record was evaluated against the sending IP and gave pass. */
  verified: boolean;
}

export type FixAssumption =
  | 'record-unknown-offline'
  | 'rua-mailbox'
  | 'only-sender'
  | 'host-address-stable'
  | 'ip-literal'
  | 'verified-online';
