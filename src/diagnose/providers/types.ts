/** A sentence in both languages. */
export interface Text2 {
  ja: string;
  en: string;
}

/** What mailwhy knows about a hosting or mail provider, with the public page the knowledge comes from. */
export interface Provider {
  id: string;
  name: Text2;
  /** hosting: rental/shared server; mailbox: Workspace, M365, Zoho…; esp: bulk senders; relay: outbound relays. */
  kind: 'hosting' | 'mailbox' | 'esp' | 'relay';
  /**
   * Recognises the provider's outbound hosts by name (PTR or HELO in a Received line): anchored, dots
   * escaped, so that no two providers' patterns overlap. Null when no outbound host name could be
   * confirmed from a real Received line or the provider's documentation (the provider's other data is
   * still reachable by id, envelope domain or DKIM domain).
   */
  hostPattern: RegExp | null;
  /**
   * The SPF terms the provider documents for a domain that sends through `host`
   * (e.g. Sakura: `a:www123.sakura.ne.jp mx`). Null when the provider documents none, or when the
   * documented value could not be confirmed from a public page.
   */
  spfTerms: ((host: string) => string[]) | null;
  /**
   * The provider's own relays inside its network, as the `by` host of the Received line just below its
   * outbound host. A host that received the message from one of them is the provider's even when it
   * carries a customer's branded name (SendGrid's dedicated IPs: `o9.sgmail.github.com`).
   */
  internalHosts?: RegExp;
  /**
   * Terms of a published record that the provider's documented setup replaces (a known mistake), e.g.
   * Sakura's initial domain `a:<account>.sakura.ne.jp`, which is not where mail leaves from.
   */
  replacesTerms?: RegExp;
  /** Envelope (Return-Path) domains the provider uses when the customer set up none of their own (ESPs). */
  envelopeDomains?: RegExp;
  /** DKIM signing domains the provider uses by default (`*.gappssmtp.com`, `*.onmicrosoft.com`…). */
  defaultDkimDomains?: RegExp;
  /** Where, in the provider's control panel, the SPF record is set (or what to ask support). */
  spfHowTo?: Text2;
  /** How to turn on DKIM signing with the customer's own domain. */
  dkimHowTo?: Text2;
  /** ESPs: how to set a custom return path (envelope domain) under the customer's domain. */
  returnPathHowTo?: Text2;
  /** Where the knowledge comes from: public pages (first = the main one). */
  source: string;
  sources?: string[];
}

/** A receiver (the provider whose stamps we read), recognised by its authserv-id. */
export interface ReceiverProvider {
  id: string;
  name: Text2;
  authservId: RegExp;
}
