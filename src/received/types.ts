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
  /** `with` protocol, upper-cased: SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, local… */
  protocol?: string;
  /** TLS when the line states it. */
  tls?: { version?: string; cipher?: string; bits?: string };
  /** What the line says about SMTP AUTH (e.g. `ESMTPSA`, `authenticated sender: user@example.com`). */
  auth?: string;
  id?: string;
  for?: string;
  envelopeFrom?: string;
  /** Date text after the last `;`, as written. */
  dateRaw?: string;
  /** The date, or undefined when absent or unreadable (never "now"). */
  date?: Date;
}
