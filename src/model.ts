/**
 * The shared types of mailwhy: what the analysis produces. The JSON report is this data, versioned
 * by `schema`; see docs/report-schema.md.
 */
import type { SpfCommentFacts } from './authres/types.js';
import type { Hop } from './received/types.js';

export type {
  AuthProperty,
  AuthResult,
  AuthResultsField,
  ReceivedSpf,
  SpfCommentFacts,
} from './authres/types.js';
export type { HeaderBlock, HeaderField } from './headers/types.js';
export type { Hop } from './received/types.js';

/** Where a verdict was read: the header field, its position in the header block, its ARC instance. */
export interface VerdictSource {
  /** Field name as written (`Authentication-Results`, `ARC-Authentication-Results`, `Received-SPF`…). */
  header: string;
  /** 0-based position of the field among all header fields. */
  index: number;
  /** ARC instance (`i=`) for ARC fields. */
  instance?: number;
  /** The authserv-id of the stamp. */
  authservId?: string;
  /** The exact field text (unfolded). */
  text: string;
}

export interface SpfVerdict {
  /** RFC 7208 result word as the receiver recorded it, lower-cased (`softfail`, `pass`…). */
  result: string;
  /** The domain SPF was checked for (envelope sender's domain, or HELO). */
  domain: string | null;
  /** The envelope sender as recorded (`smtp.mailfrom`). */
  sender: string | null;
  /** The IP the receiver checked (from the comment, `client-ip=` or the hop). */
  ip: string | null;
  comment: string | null;
  facts: SpfCommentFacts;
  source: VerdictSource;
}

export interface DkimVerdict {
  result: string;
  /** `header.d`, or the domain of `header.i`. */
  domain: string | null;
  selector: string | null;
  identity: string | null;
  comment: string | null;
  source: VerdictSource;
}

export interface DmarcVerdict {
  result: string;
  /** `p=` as the receiver stated it (lower case), when it did. */
  policy: string | null;
  subdomainPolicy: string | null;
  /** What the receiver applied (`dis=` / `action=`). */
  disposition: string | null;
  fromDomain: string | null;
  comment: string | null;
  source: VerdictSource;
}

export interface ArcSetSummary {
  instance: number;
  /** `cv=` of the ARC-Seal, when present. */
  cv: string | null;
  /** authserv-id of the ARC-Authentication-Results of this set. */
  authservId: string | null;
  hasSeal: boolean;
  hasMessageSignature: boolean;
  hasAuthenticationResults: boolean;
}

export interface ArcVerdict {
  /** `arc=` result the trusted receiver recorded, if any. */
  result: string | null;
  comment: string | null;
  source: VerdictSource | null;
  /** The ARC sets found in the header, by instance (highest first). */
  sets: ArcSetSummary[];
  /** `none` (no sets), `complete`, `missing-instance`, `cv-fail`, `broken` (a set lacks a field). */
  shape: 'none' | 'complete' | 'missing-instance' | 'cv-fail' | 'broken';
}

export interface Verdicts {
  spf: SpfVerdict | null;
  dkim: DkimVerdict[];
  dmarc: DmarcVerdict | null;
  arc: ArcVerdict;
}

export interface Receiver {
  /** The authserv-id whose stamps are believed (null for Microsoft's id-less layout). */
  authservId: string | null;
  /** Known provider name (`gmail`, `microsoft`, `yahoo`, `icloud`…) or null. */
  provider: string | null;
  /** How it was decided. */
  basis: 'received-by' | 'option' | 'only-stamp' | 'microsoft-layout' | 'port25-report';
}

/** A hop as it appears in the report's route. */
export interface RouteHop extends Hop {
  /** 0-based position among Received fields, 0 = topmost (newest). */
  position: number;
  /** 0-based position among all header fields. */
  fieldIndex: number;
  /** Seconds between the previous (older) hop and this one; negative = clock skew. */
  delaySeconds: number | null;
  /** True when the hop is inside the receiver's own boundary. */
  receiverInternal: boolean;
  /**
   * The role mailwhy gives the hop: `local` is a Received line that records no relay step (qmail
   * "invoked by uid", a pickup service), shown for completeness.
   */
  role: 'receiver-internal' | 'sending-host' | 'submission' | 'relay' | 'origin' | 'local';
  /** Provider whose host received or sent at this hop, when known. */
  provider: string | null;
}

export interface SendingHost {
  ip: string | null;
  rdns: string | null;
  helo: string | null;
  provider: string | null;
  /** Position of the hop among Received fields. */
  position: number;
  /** Whether client-ip= and the SPF comment agree with the hop's IP. */
  ipAgreement: 'agree' | 'disagree' | 'no-other-source';
}
