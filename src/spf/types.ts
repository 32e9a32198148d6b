import type { RecordType } from '../dns/index.js';

/** The seven results of check_host() (RFC 7208 §2.6). */
export type SpfResultCode = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

export const SPF_RESULT_CODES: readonly SpfResultCode[] = [
  'none',
  'neutral',
  'pass',
  'fail',
  'softfail',
  'temperror',
  'permerror',
];

/** `+` pass, `-` fail, `~` softfail, `?` neutral (RFC 7208 §4.6.2); `+` when omitted. */
export type Qualifier = '+' | '-' | '~' | '?';

export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface SpfMechanism {
  kind: 'mechanism';
  /** The term as written. */
  text: string;
  qualifier: Qualifier;
  /** Whether the qualifier was written (`+a`) or implied (`a`). */
  explicitQualifier: boolean;
  name: MechanismName;
  /** The domain-spec as written (macros unexpanded), for include/a/mx/ptr/exists. */
  domainSpec?: string;
  /** ip4/ip6: the network address as written. */
  network?: string;
  /** Prefix length for IPv4 comparisons (a, mx, ip4); 32 when absent. */
  cidr4?: number;
  /** Prefix length for IPv6 comparisons (a, mx, ip6); 128 when absent. */
  cidr6?: number;
}

export interface SpfModifier {
  kind: 'modifier';
  text: string;
  /** Lower-cased modifier name (`redirect`, `exp`, or an unknown one, which is ignored: §6). */
  name: string;
  /** The macro-string as written. */
  value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfRecord {
  /** The record text as evaluated (TXT strings joined without separator, RFC 7208 §3.3). */
  text: string;
  terms: SpfTerm[];
  redirect?: SpfModifier;
  exp?: SpfModifier;
}

export type SpfSyntaxErrorCode =
  | 'no-version'
  | 'bad-character'
  | 'unknown-mechanism'
  | 'missing-argument'
  | 'unexpected-argument'
  | 'bad-domain-spec'
  | 'bad-macro'
  | 'bad-ip4'
  | 'bad-ip6'
  | 'bad-cidr'
  | 'bad-modifier-name'
  | 'duplicate-modifier';

export interface SpfSyntaxError {
  code: SpfSyntaxErrorCode;
  /** The offending term (or the whole record for `no-version`). */
  term: string;
  /** 0-based index of the term among the record's terms (after `v=spf1`); -1 for the version. */
  index: number;
  detail?: string;
}

export type SpfParseResult = { ok: true; record: SpfRecord } | { ok: false; error: SpfSyntaxError };

/** One DNS query made during the evaluation, with what came back. */
export interface SpfDnsQuery {
  name: string;
  type: RecordType;
  /** Answers in presentation form (TXT strings joined, MX as `priority exchange`). */
  answers: string[];
  /** The node:dns-style error code when the query failed (ENOTFOUND, ENODATA, ETIMEOUT…). */
  error?: string;
  /** Whether this counted as a void lookup (RFC 7208 §4.6.4). */
  void: boolean;
}

/** Why a term matched, did not, or stopped the evaluation: data the catalog words (src/spf/messages.ts). */
export type SpfReason =
  | { code: 'all' }
  | { code: 'ip-in-network'; network: string }
  | { code: 'ip-not-in-network'; network: string }
  | { code: 'family-mismatch'; network: string }
  | { code: 'address-match'; name: string; address: string; cidr: number }
  | { code: 'address-mismatch'; name: string; addresses: string[]; cidr: number }
  | { code: 'no-address'; name: string }
  | { code: 'mx-match'; exchange: string; address: string; cidr: number }
  | { code: 'mx-mismatch'; exchanges: Array<{ exchange: string; addresses: string[] }>; cidr: number }
  | { code: 'no-mx'; name: string }
  | { code: 'ptr-match'; name: string }
  | { code: 'ptr-mismatch'; validated: string[]; target: string }
  | { code: 'ptr-dns-error'; dnsCode: string }
  | { code: 'exists-match'; name: string }
  | { code: 'exists-no-match'; name: string }
  | { code: 'include-match'; result: SpfResultCode }
  | { code: 'include-no-match'; result: SpfResultCode }
  | { code: 'include-error'; result: SpfResultCode }
  | { code: 'include-none'; domain: string }
  | { code: 'redirect-result'; result: SpfResultCode }
  | { code: 'redirect-none'; domain: string }
  | { code: 'redirect-ignored-all' }
  | { code: 'redirect-pending' }
  | { code: 'exp-used'; text: string }
  | { code: 'exp-unused'; why: 'not-fail' | 'include' | 'dns' | 'count' | 'syntax' }
  | { code: 'modifier-ignored' }
  | { code: 'not-reached' }
  | { code: 'dns-error'; name: string; type: RecordType; dnsCode: string }
  | { code: 'too-many-dns-terms'; limit: number }
  | { code: 'too-many-void-lookups'; limit: number }
  | { code: 'too-many-mx'; count: number; limit: number }
  | { code: 'deadline'; ms: number }
  | { code: 'bad-target'; name: string }
  | { code: 'syntax'; error: SpfSyntaxError }
  | { code: 'multiple-records'; records: string[] }
  | { code: 'no-record'; domain: string }
  | { code: 'domain-not-found'; domain: string }
  | { code: 'invalid-domain'; domain: string }
  | { code: 'matched-term'; term: string }
  | { code: 'default-neutral' };

export type SpfReasonCode = SpfReason['code'];

export type TermOutcome = 'match' | 'no-match' | 'error' | 'not-reached' | 'applied' | 'ignored';

/** One term of a record as it was evaluated. */
export interface SpfTermTrace {
  text: string;
  kind: 'mechanism' | 'modifier';
  name: string;
  qualifier?: Qualifier;
  /** The domain after macro expansion (include, a, mx, ptr, exists, redirect, exp). */
  target?: string;
  queries: SpfDnsQuery[];
  outcome: TermOutcome;
  reason: SpfReason;
  /** The nested evaluation of include: / redirect=. */
  child?: SpfEvaluation;
}

/** One check_host() call: the record lookup of a domain and its terms, nested for include/redirect. */
export interface SpfEvaluation {
  domain: string;
  /** `override` when the record was supplied (`record` option) instead of looked up. */
  source: 'dns' | 'override';
  /** The TXT lookup of the domain (empty for an override). */
  queries: SpfDnsQuery[];
  record: string | null;
  terms: SpfTermTrace[];
  result: SpfResultCode;
  /** Why this evaluation ended the way it did (the matching term, neutral default, or the error). */
  reason: SpfReason;
  /** The exp= explanation, for a fail result of the top-level (or redirected) evaluation. */
  explanation?: string;
}

export interface SpfLimits {
  /** DNS-querying terms (include, a, mx, ptr, exists, redirect): RFC 7208 §4.6.4, 10. */
  dnsTerms: number;
  /** Void lookups (NXDOMAIN or empty answer): §4.6.4, 2. */
  voidLookups: number;
  /** MX records per mx mechanism (more → permerror) and PTR names per ptr / %{p} (more → ignored): 10. */
  addresses: number;
  /** Per-query timeout in ms (on top of the resolver's own); a query that exceeds it is ETIMEOUT. */
  queryTimeoutMs: number;
  /** Deadline for the whole evaluation in ms: past it, temperror (the evaluation never hangs). */
  totalTimeoutMs: number;
}

export interface SpfResult {
  result: SpfResultCode;
  /** The exp= explanation (RFC 7208 §6.2) for fail, when the domain published one; else null. */
  explanation: string | null;
  /** The domain check_host() started at. */
  domain: string;
  ip: string;
  sender: string;
  helo: string;
  /** The record evaluated at the top (published or the override); null when none was found. */
  record: string | null;
  recordSource: 'dns' | 'override';
  /** The term that decided the result (text as written), if a mechanism matched. */
  matchedTerm: string | null;
  /** DNS-querying terms counted against the limit of 10. */
  lookups: number;
  voidLookups: number;
  /** Every DNS query made, in order. */
  queryCount: number;
  /** Where and why the result came out (the deepest reason for permerror/temperror). */
  reason: SpfReason;
  trace: SpfEvaluation;
}

export interface CheckSpfOptions {
  /** The SMTP client's IP (IPv4 or IPv6; IPv4-mapped IPv6 is treated as IPv4). */
  ip: string;
  /** MAIL FROM; empty or absent → `postmaster@<helo>` (RFC 7208 §2.4). */
  sender?: string;
  /** The HELO/EHLO name (for %{h}, and the identity when MAIL FROM is empty). */
  helo?: string;
  /** The domain to check; default: the sender's domain. */
  domain?: string;
  /** A record to evaluate instead of the domain's published one (to test a fix before publishing). */
  record?: string;
  resolver: import('../dns/index.js').Resolver;
  limits?: Partial<SpfLimits>;
  /** The receiving host for %{r} in explanations (default "unknown"). */
  receiver?: string;
  /** Clock for %{t} (ms since the epoch); default Date.now(). */
  now?: number;
}
