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
  'untrusted-stamp': { authservId: string | null; method: string; claimed: string; trusted: string | null };
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
  return { code, severity, args, evidence } as Finding;
}

/** Every code, in catalog order (used by tests and docs to check completeness at run time too). */
export const FINDING_CODES: readonly FindingCode[] = [
  'authenticated',
  'gmail-unauthenticated',
  'spf-not-designated',
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
  'date-unreadable',
  'clock-skew',
  'header-truncated',
  'summary-mismatch',
  'spf-today',
  'online-dns-error',
  'fix-not-verified',
];

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
  | 'only-sender'
  | 'host-address-stable'
  | 'ip-literal'
  | 'verified-online';
