/** What one Received field says about one relay step. Every field is optional except raw. */
export interface Hop {
  /** The unfolded field value as it stood (without the `Received:` name). */
  raw: string;
  /** The word after `from` as written (often the HELO name, sometimes the PTR). */
  from?: string;
  /** The name the client gave in HELO/EHLO. */
  helo?: string;
  /** Reverse DNS name the receiving MTA found for the client (trailing dot removed). */
  rdns?: string;
  /** Client IP, normalised with ipaddr.js (IPv4-mapped IPv6 turned into IPv4). */
  ip?: string;
  ipVersion?: 4 | 6;
  ident?: string;
  /** The receiving host (`by` clause). */
  by?: string;
  via?: string;
  /**
   * `with` protocol, upper-cased: SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, LOCAL… (the first known
   * protocol word of the clause, e.g. SMTP for `with Microsoft SMTP Server`).
   */
  protocol?: string;
  /** The `with` clause as written, comments left out (`Microsoft SMTP Server`, `esmtpsa`). */
  with?: string;
  /** TLS when the line states it. */
  tls?: { version?: string; cipher?: string; bits?: string };
  /**
   * What the line says about SMTP AUTH, labelled as SpamAssassin labels it: the `with` word as
   * written (`ESMTPSA`, `esmtpa`, `HTTP`…), the SASL mechanism of Courier's `(AUTH: LOGIN …)`, or the
   * MTA whose comment says so: `Postfix` (`(Authenticated sender: …)`), `Sendmail`
   * (`(authenticated bits=0)`), `CriticalPath` (`(authenticated as …)`).
   */
  auth?: string;
  /** The text that showed the authentication (`with ESMTPSA`, `Authenticated sender: user@example.com`). */
  authText?: string;
  /** True when the line holds an IP literal that is not a valid address (e.g. `[12.345.67.12]`). */
  ipInvalid?: boolean;
  id?: string;
  for?: string;
  envelopeFrom?: string;
  /** Date text after the last `;`, as written. */
  dateRaw?: string;
  /** The date, or undefined when absent or unreadable (never "now"). */
  date?: Date;
}

/** One Received field of a message, placed in the chain. Data only (JSON-friendly). */
export interface ChainHop {
  /** The relay hop, or null when the field is not a relay hop (see parseReceived). */
  hop: Hop | null;
  /** When hop is null: what the field still says (by, with, id, date) for showing the route. */
  nonRelay: Hop | null;
  /** 0 = topmost (newest) Received field. */
  position: number;
  /** 0-based index among all header fields. */
  fieldIndex: number;
  /** Epoch milliseconds of the field's date, or null when absent or unreadable. */
  dateMs: number | null;
  /**
   * This field's date minus the date of the next older field with a readable date, in seconds
   * (fractions kept); null when either is missing. Negative = the clocks disagree.
   */
  delaySeconds: number | null;
  /** Inside the receiver's boundary: its own internal steps, or a client in its own/trusted networks. */
  receiverInternal: boolean;
  /** SpamAssassin trusted-relay semantics (trusted_networks, or inference without configuration). */
  trusted: boolean;
  /** SpamAssassin internal-relay semantics (internal_networks). */
  internal: boolean;
  /** The client is in msaNetworks: a trusted submission agent, everything older inherits its trust. */
  msa: boolean;
}

/** The Received chain of one message, read top (newest) to bottom (oldest). Data only. */
export interface ReceivedChain {
  /** Every Received field, topmost first. */
  hops: ChainHop[];
  /** Lower-case `by` names inside the receiver's boundary, the receiving MX included. */
  receiverHosts: string[];
  /** Organisational domain of the receiver (e.g. google.com), from the topmost named `by` host. */
  receiverDomain: string | null;
  /** Position of the sending host: the first hop whose client is outside the receiver's boundary. */
  sendingHostPosition: number | null;
  /** Position of the oldest hop where a client authenticated (ESMTPSA, `(Authenticated sender: …)`…). */
  submissionPosition: number | null;
  /** Newest readable date minus oldest readable date, in seconds. */
  transitSeconds: number | null;
  /** Positions whose delay is a second or more negative (clock skew between the two stamps). */
  skewPositions: number[];
  /** Positions whose date is absent or cannot be read. */
  unreadableDatePositions: number[];
  /**
   * The webmail client address of `X-Originating-IP` (SpamAssassin bug 5680), placed after the
   * oldest Received hop for trust purposes; null when absent or not an IP.
   */
  originating: { ip: string; fieldIndex: number; trusted: boolean; internal: boolean } | null;
}

/** Networks as SpamAssassin's trusted_networks / internal_networks / msa_networks take them. */
export interface ChainOptions {
  /** CIDRs or addresses (`192.0.2.0/24`, `1.2/16`, `2001:db8::/32`, `!192.0.2.7`); first match wins. */
  trustedNetworks?: string[];
  internalNetworks?: string[];
  msaNetworks?: string[];
}
