/** What mailwhy knows about a hosting or mail provider, with the public page the knowledge comes from. */
export interface Provider {
  id: string;
  name: { ja: string; en: string };
  /** Recognises the provider's outbound hosts by name (PTR or HELO in a Received line). */
  hostPattern: RegExp;
  /**
   * The SPF terms the provider documents for a domain that sends through `host`
   * (e.g. Sakura: `a:www123.sakura.ne.jp mx`). Null when the provider documents none.
   */
  spfTerms: ((host: string) => string[]) | null;
  /**
   * Terms of a published record that the provider's documented setup replaces (a known mistake), e.g.
   * Sakura's initial domain `a:<account>.sakura.ne.jp`, which is not where mail leaves from.
   */
  replacesTerms?: RegExp;
  /** Where the knowledge comes from. */
  source: string;
}

/** A receiver (the provider whose stamps we read), recognised by its authserv-id. */
export interface ReceiverProvider {
  id: string;
  name: { ja: string; en: string };
  authservId: RegExp;
}
