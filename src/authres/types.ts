import type { Receiver, VerdictSource, Verdicts } from '../model.js';

/** One `ptype.property=value` of a result (RFC 8601 §2.2). */
export interface AuthProperty {
  /** Lower-cased; empty when the receiver wrote a bare `key=value` without a ptype (Fastmail's `x-bits=`, Microsoft's `action=`). */
  ptype: string;
  /** Lower-cased. */
  property: string;
  value: string;
  /** The comment written right after the value (`policy.iprev=192.0.2.1 (mx.example.net)`). */
  comment?: string;
}

/** One `method=result` statement inside an Authentication-Results-like field. */
export interface AuthResult {
  method: string;
  /** Lower-cased result word (`pass`, `softfail`, …); vendor spellings kept as read. */
  result: string;
  /** False when the method is not one RFC 8601 / IANA registers (kept, marked). */
  known: boolean;
  version?: string;
  reason?: string;
  /** Every comment attached to this result, without the parentheses. */
  comments: string[];
  properties: AuthProperty[];
}

/** A parsed Authentication-Results (or ARC-Authentication-Results payload, or vendor variant). */
export interface AuthResultsField {
  /**
   * Undefined for Microsoft's layout that starts directly with a result (set when such a field
   * names an authserv-id later, as outlook.com's `…; outlook.com; dkim=…` does).
   */
  authservId?: string;
  version?: string;
  /** ARC instance (`i=`), only for ARC-Authentication-Results. */
  instance?: number;
  /** `authserv-id; none` */
  none: boolean;
  results: AuthResult[];
  /** Syntax problems met while parsing; the parse went on past each. */
  errors: string[];
  /** Which layout was recognised. */
  layout: 'rfc8601' | 'microsoft' | 'yahoo' | 'other';
  /**
   * Departures from RFC 8601 that were read the way the vendor means them (no authserv-id first,
   * a repeated authserv-id, properties before the method, a value that should have been quoted…).
   * Unlike `errors`, nothing was skipped or guessed for these.
   */
  deviations?: string[];
  /** Comments not attached to a result (after the authserv-id, around `none`). */
  comments?: string[];
}

/** The facts a receiver's SPF comment states (Gmail, Microsoft, pypolicyd-spf, mailauth wording). */
export interface SpfCommentFacts {
  /** Who wrote the comment (`google.com`, `protection.outlook.com`…). */
  authority?: string;
  ip?: string;
  domain?: string;
  sender?: string;
  /** Gmail's "best guess record": the domain publishes no SPF record. */
  bestGuess?: boolean;
  /** Gmail's "transitioning": the record ends in `~all`. */
  transitioning?: boolean;
  neitherPermittedNorDenied?: boolean;
  /** "permanent error … : <reason>" */
  permanentError?: string;
  temporaryError?: string;
  /** Gmail's "does not designate permitted sender hosts": the domain has no SPF record. */
  noRecord?: boolean;
}

/** Received-SPF (RFC 7208 §9.1). */
export interface ReceivedSpf {
  result: string;
  comment?: string;
  clientIp?: string;
  envelopeFrom?: string;
  helo?: string;
  receiver?: string;
  identity?: string;
  mechanism?: string;
  problem?: string;
  /** Every key=value pair as read. */
  keys: Record<string, string>;
  facts: SpfCommentFacts;
  /** Syntax problems met while parsing (no result word, unterminated comment or quote). */
  errors?: string[];
}

/** The DMARC facts a receiver's comment states: Gmail's `(p=… sp=… dis=…)`, Fastmail's `(p=…,d=…)`. */
export interface DmarcCommentFacts {
  policy?: string;
  subdomainPolicy?: string;
  /** `dis=` (Gmail, OpenDMARC) or `d=` (Fastmail). */
  disposition?: string;
  pct?: string;
}

/** Why a stamp is, or is not, believed. */
export type StampTrust =
  /** Written by the receiver, inside its own part of the header: believed. */
  | 'receiver'
  /** Another authserv-id (an earlier hop, another ADMD, or a forgery). */
  | 'other-authserv-id'
  /** Carries the receiver's id but sits below the receiver's inbound hop: it was in the message before the receiver got it. */
  | 'before-receiver'
  /** An ARC-Authentication-Results with the id of a receiver that writes its ARC set above its own Received field (Gmail), but no such Received field below it: the receiver never took the hop it describes (forged). */
  | 'no-receiver-hop'
  /** The receiver's id, but a higher stamp of the receiver already reports the same methods (an earlier pass, or a copy placed below the real one). */
  | 'superseded'
  /** No authserv-id to tie it to the receiver. */
  | 'no-authserv-id'
  /** Another `…-Authentication-Results` field (X-Original-…, X-ME-…): listed, never a verdict. */
  | 'other-field';

interface StampBase {
  /** Field name as written. */
  header: string;
  /** 0-based position among all header fields. */
  fieldIndex: number;
  /** authserv-id, `receiver=` of Received-SPF, or the authority its comment names; null when none. */
  authservId: string | null;
  trusted: boolean;
  trust: StampTrust;
}

export interface AuthResultsStamp extends StampBase {
  kind:
    | 'authentication-results'
    | 'arc-authentication-results'
    | 'ms-exchange-authentication-results'
    /** Any other `…-Authentication-Results` field (X-Original-…, X-ME-…): listed, never used for verdicts. */
    | 'other-authentication-results';
  parsed: AuthResultsField;
}

export interface ReceivedSpfStamp extends StampBase {
  kind: 'received-spf';
  parsed: ReceivedSpf;
}

/** One authentication stamp of the message and whether it is believed. */
export type StampInfo = AuthResultsStamp | ReceivedSpfStamp;

/** An untrusted stamp that claims a better result than the trusted receiver recorded. */
export interface StampConflict {
  method: string;
  /** What the receiver recorded for the method (canonical result word), null when it recorded nothing. */
  trustedResult: string | null;
  claimedResult: string;
  /** Why the claiming stamp is not believed: another server, placed before the receiver, or an earlier pass of the receiver itself (forwarding). */
  stampTrust: StampTrust;
  source: VerdictSource;
}

export interface Stamps {
  receiver: Receiver | null;
  verdicts: Verdicts;
  stamps: StampInfo[];
  conflicts: StampConflict[];
}

export interface ReadStampsOptions {
  /** Hosts of the receiver's own hops (from the Received chain), topmost first; may be empty. */
  receiverHosts: string[];
  /** The receiver's organisational domain, when known. */
  receiverDomain: string | null;
  /**
   * An authserv-id to believe, overriding the decision from the Received chain (`--trust`); the
   * stamps of its ADMD (same organisational domain or provider) are believed with it.
   */
  trust?: string | undefined;
}
