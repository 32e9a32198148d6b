import type { Provider, ReceiverProvider } from './types.js';

/**
 * Microsoft 365 (Exchange Online) as a sender: mail leaves Exchange Online Protection from
 * `<region>-obe.outbound.protection.outlook.com` (HELO) / `mail-<x>.outbound.protection.outlook.com`
 * (PTR). Internal hops (`*.prod.outlook.com`, `*.prod.protection.outlook.com`) and the inbound
 * `*.mail.protection.outlook.com` are not matched. Custom domains without their own DKIM are signed with
 * the tenant's initial `*.onmicrosoft.com` domain, which does not align with the customer's From.
 */
export const microsoft365: Provider = {
  id: 'microsoft365',
  name: { ja: 'Microsoft 365', en: 'Microsoft 365' },
  kind: 'mailbox',
  hostPattern: /^[a-z0-9-]+\.outbound\.protection\.outlook\.com$/i,
  spfTerms: () => ['include:spf.protection.outlook.com'],
  defaultDkimDomains: /(?:^|\.)onmicrosoft\.com$/i,
  spfHowTo: {
    ja:
      'ドメインの DNS で、SPF の TXT レコードに「include:spf.protection.outlook.com」を加えます' +
      '（Microsoft 365 だけから送る場合の推奨値は「v=spf1 include:spf.protection.outlook.com -all」）。SPF レコードはドメインに 1 つだけです。',
    en:
      "At the domain's DNS host, add “include:spf.protection.outlook.com” to the SPF TXT record (Microsoft's value " +
      'when Microsoft 365 is the only sender: “v=spf1 include:spf.protection.outlook.com -all”). One SPF record per domain.',
  },
  dkimHowTo: {
    ja:
      'Microsoft Defender ポータル（security.microsoft.com）で「Email & collaboration」→「Policies & rules」→「Threat policies」→' +
      '「Email authentication settings」→「DKIM」を開き、ドメインを選びます。表示される 2 つの CNAME レコード' +
      '（selector1._domainkey と selector2._domainkey）を DNS に追加してから、このドメインの DKIM 署名を有効にします。',
    en:
      'In the Microsoft Defender portal (security.microsoft.com), open Email & collaboration → Policies & rules → ' +
      'Threat policies → Email authentication settings → DKIM and select the domain. Publish the two CNAME records it ' +
      'shows (selector1._domainkey and selector2._domainkey), then turn on “Sign messages for this domain with DKIM signatures”.',
  },
  source: 'https://learn.microsoft.com/en-us/defender-office-365/email-authentication-spf-configure',
  sources: ['https://learn.microsoft.com/en-us/defender-office-365/email-authentication-dkim-configure'],
};

/**
 * Microsoft as the receiver: authserv-ids and Received-SPF receivers in outlook.com / microsoft.com
 * (`mx.microsoft.com`, `protection.outlook.com`), and hotmail.com.
 */
export const microsoftReceiver: ReceiverProvider = {
  id: 'microsoft',
  name: { ja: 'Microsoft 365 / Outlook.com', en: 'Microsoft 365 / Outlook.com' },
  authservId: /(?:^|\.)(?:outlook\.com|microsoft\.com|hotmail\.com)$/i,
};
