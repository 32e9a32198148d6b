import type { Finding, Fix } from './diagnose/findings.js';
import type { GmailSummary, InputKind } from './input/detect.js';
import type { Receiver, RouteHop, SendingHost, Verdicts } from './model.js';
import type { OnlineReport } from './online.js';

export const REPORT_SCHEMA = 'mailwhy.report/1';

export type Lang = 'ja' | 'en';
export type Audience = 'admin' | 'user';

/** A finding as it stands in the report: the data plus its wording in the report's language. */
export type ReportFinding = Finding & { title: string; message: string };

export interface MessageFacts {
  messageId: string | null;
  /** The Date field as written. */
  date: string | null;
  /** The From field as written (decoded). */
  from: string | null;
  fromAddress: string | null;
  fromDomain: string | null;
  /** Envelope sender: Return-Path, else smtp.mailfrom of the trusted SPF verdict. */
  envelopeFrom: string | null;
  envelopeDomain: string | null;
  subject: string | null;
  to: string | null;
}

/** What Gmail shows the reader for this message. */
export interface GmailView {
  /** True when the trusted receiver is Gmail (otherwise this is what Gmail would show). */
  receiverIsGmail: boolean;
  /** The "?" avatar: neither SPF nor DKIM passed. */
  unauthenticated: boolean;
  /** "via <domain>". */
  via: string | null;
  /** "mailed-by": the domain that passed SPF. */
  mailedBy: string | null;
  /** "signed-by": the domains that passed DKIM. */
  signedBy: string[];
  /** TLS on the hop into the receiver: false = the red open padlock; null = the headers don't say. */
  tls: boolean | null;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  lang: Lang;
  input: {
    kind: InputKind;
    name: string | null;
    /** How the header bytes were decoded. */
    encoding: string;
    headerBytes: number;
    headerFields: number;
    gmailSummary: GmailSummary | null;
  };
  message: MessageFacts;
  receiver: Receiver | null;
  sendingHost: SendingHost | null;
  submission: {
    ip: string | null;
    rdns: string | null;
    helo: string | null;
    by: string | null;
    auth: string | null;
    position: number;
  } | null;
  hops: RouteHop[];
  transitSeconds: number | null;
  identities: { envelopeDomain: string | null; fromDomain: string | null; dkimDomains: string[] };
  verdicts: Verdicts;
  /** Stamps that the trusted receiver did not write: shown, never believed. */
  untrusted: { header: string; index: number; authservId: string | null; text: string }[];
  gmail: GmailView;
  /** SPF or DKIM passed (what Gmail needs to drop the "?") and nothing failed that matters. */
  authenticated: boolean;
  findings: ReportFinding[];
  fixes: Fix[];
  /** The same conclusion for the person who saw the "?": at most 8 plain lines (`--audience user`). */
  forUser: string[];
  /** Online checks (`--online`): today's SPF evaluation with its trace, the fixes' checks; null offline. */
  online: OnlineReport | null;
}
