/** One `ptype.property=value` of a result (RFC 8601 §2.2). */
export interface AuthProperty {
  ptype: string;
  property: string;
  value: string;
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
  /** Undefined for Microsoft's layout that starts directly with a result. */
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
}
