/**
 * Domains of mailbox providers' own addresses (free mail and carrier mail): anyone can have an
 * address there, and only the provider sends for them and publishes their records. A message that
 * claims such an address but was sent by another server (a website's contact form writing the
 * visitor's address in From is the usual case) cannot be fixed in DNS by whoever sent it.
 * Lower-case names; a subdomain is not covered (`mail.gmail.com` is not an address domain).
 */
const FREEMAIL = new Set([
  // Google (Gmail)
  'gmail.com',
  'googlemail.com',
  // Yahoo! JAPAN and Yahoo
  'yahoo.co.jp',
  'ymail.ne.jp',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'ymail.com',
  'rocketmail.com',
  // Microsoft (Outlook.com)
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'live.com',
  'live.jp',
  'msn.com',
  // Apple (iCloud Mail)
  'icloud.com',
  'me.com',
  'mac.com',
  // AOL
  'aol.com',
  // Japanese carriers
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'ymobile.ne.jp',
  'rakumail.jp',
  // Others widely used
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'fastmail.com',
]);

/** Whether `domain` is the address domain of a mailbox provider (see above). */
export function isFreemailDomain(domain: string | null | undefined): boolean {
  return !!domain && FREEMAIL.has(domain.toLowerCase().replace(/\.$/, ''));
}
