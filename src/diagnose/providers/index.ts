import { memo } from '../../cache.js';
import { amazonSes } from './amazonses.js';
import { conoha } from './conoha.js';
import { cpi } from './cpi.js';
import { fastmail, fastmailReceiver } from './fastmail.js';
import { gmailReceiver, googleWorkspace } from './google.js';
import { heteml } from './heteml.js';
import { kagoya } from './kagoya.js';
import { lolipop } from './lolipop.js';
import { mailchannels } from './mailchannels.js';
import { mailchimp } from './mailchimp.js';
import { mailgun } from './mailgun.js';
import { mandrill } from './mandrill.js';
import { microsoft365, microsoftReceiver } from './microsoft365.js';
import { proton, protonReceiver } from './proton.js';
import { sakura } from './sakura.js';
import { sendgrid } from './sendgrid.js';
import type { Provider, ReceiverProvider } from './types.js';
import { xserver } from './xserver.js';
import { zoho, zohoReceiver } from './zoho.js';

export type { Provider, ReceiverProvider, Text2 } from './types.js';

/** Every sending provider mailwhy knows, one file each; host patterns never overlap (tested pairwise). */
export const PROVIDERS: readonly Provider[] = [
  sakura,
  xserver,
  lolipop,
  heteml,
  conoha,
  kagoya,
  cpi,
  googleWorkspace,
  microsoft365,
  zoho,
  fastmail,
  proton,
  amazonSes,
  sendgrid,
  mailchimp,
  mandrill,
  mailgun,
  mailchannels,
];

/**
 * Receivers, by authserv-id (or the host that received). The ids match the provider names that
 * src/authres gives a receiver (gmail, microsoft, yahoo, aol, icloud, fastmail, proton, zoho, mailru, yandex),
 * so that providerName() can name either. Sources: ../shared/docs/domain.md §1–2 and the stamps in
 * ../shared/corpus/authres (`mx.aol.com`, `mr21p00im-dmarcmilter001.me.com`, `mxs.mail.ru`,
 * `mxfront8g.mail.yandex.net`…).
 */
export const RECEIVERS: readonly ReceiverProvider[] = [
  gmailReceiver,
  microsoftReceiver,
  { id: 'yahoo', name: { ja: 'Yahoo', en: 'Yahoo' }, authservId: /\.yahoo\.com$/i },
  { id: 'aol', name: { ja: 'AOL', en: 'AOL' }, authservId: /(?:^|\.)aol\.com$/i },
  { id: 'icloud', name: { ja: 'iCloud', en: 'iCloud' }, authservId: /(?:^|\.)(?:icloud\.com|me\.com)$/i },
  fastmailReceiver,
  protonReceiver,
  zohoReceiver,
  { id: 'mailru', name: { ja: 'Mail.ru', en: 'Mail.ru' }, authservId: /(?:^|\.)mail\.ru$/i },
  { id: 'yandex', name: { ja: 'Yandex', en: 'Yandex' }, authservId: /(?:^|\.)yandex\.(?:net|ru|com)$/i },
];

function clean(name: string): string {
  return name.trim().replace(/\.$/, '');
}

// Lookups by name are remembered: the same hosts and domains come back message after message in a
// scanned mailbox, and each miss tries every provider's pattern.
const byHost = memo(
  4096,
  (name) => PROVIDERS.find((candidate) => candidate.hostPattern?.test(clean(name)) ?? false) ?? null,
);

/** The provider whose outbound host this is, by PTR or HELO name. */
export function providerOfHost(...names: (string | null | undefined)[]): Provider | null {
  for (const name of names) {
    if (!name) continue;
    const p = byHost(name);
    if (p) return p;
  }
  return null;
}

const byInternalHost = memo(
  1024,
  (name) => PROVIDERS.find((candidate) => candidate.internalHosts?.test(clean(name)) ?? false) ?? null,
);

/** The provider whose internal relay this `by` host is (see Provider.internalHosts), or null. */
export function providerOfInternalHost(name: string | null | undefined): Provider | null {
  return name ? byInternalHost(name) : null;
}

/** The provider with this id (`sakura`, `google`, `sendgrid`…), or null. */
export function providerById(id: string): Provider | null {
  return PROVIDERS.find((p) => p.id === id) ?? null;
}

/**
 * The ESP whose own envelope (Return-Path / smtp.mailfrom) domain this is: SPF then passes for the
 * provider's domain, not the customer's (e.g. `bounces+…@sendgrid.net`, `…@mail90.suw15.mcsv.net`).
 * Accepts a domain or an address.
 */
export function providerOfEnvelopeDomain(domainOrAddress: string | null | undefined): Provider | null {
  if (!domainOrAddress) return null;
  const domain = clean(domainOrAddress.slice(domainOrAddress.lastIndexOf('@') + 1));
  if (!domain) return null;
  return byEnvelope(domain);
}

const byEnvelope = memo(
  4096,
  (domain) => PROVIDERS.find((p) => p.envelopeDomains?.test(domain) ?? false) ?? null,
);

/**
 * The provider whose default DKIM signing domain this is (`*.gappssmtp.com`, `*.onmicrosoft.com`,
 * messagingengine.com…): a pass that does not align with the customer's From.
 */
export function providerOfDkimDomain(domain: string | null | undefined): Provider | null {
  if (!domain) return null;
  const d = clean(domain);
  if (!d) return null;
  return byDkimDomain(d);
}

const byDkimDomain = memo(4096, (d) => PROVIDERS.find((p) => p.defaultDkimDomains?.test(d) ?? false) ?? null);

/** The receiving provider, by authserv-id (or by the host that received). */
export function receiverProvider(...ids: (string | null | undefined)[]): ReceiverProvider | null {
  for (const id of ids) {
    if (!id) continue;
    const r = RECEIVERS.find((candidate) => candidate.authservId.test(clean(id)));
    if (r) return r;
  }
  return null;
}

/** The provider's name in a language, for display; the id itself when unknown. */
export function providerName(id: string, lang: 'ja' | 'en'): string {
  const p = PROVIDERS.find((x) => x.id === id) ?? RECEIVERS.find((x) => x.id === id);
  return p ? p.name[lang] : id;
}
