import type { Provider } from './types.js';

/**
 * Amazon SES. Mail leaves from `<x>.smtp-out.<region>.amazonses.com` (or `<x>.smtp-out.amazonses.com`).
 * By default the MAIL FROM (envelope) domain is a subdomain of amazonses.com: SPF passes for Amazon's
 * domain and does not align with the customer's From. The custom MAIL FROM domain (a subdomain of the
 * verified domain) gets `include:amazonses.com` and an MX to `feedback-smtp.<region>.amazonses.com`; the
 * spfTerms below are for that subdomain, which is where SES mail is checked once it is set.
 */
export const amazonSes: Provider = {
  id: 'amazonses',
  name: { ja: 'Amazon SES', en: 'Amazon SES' },
  kind: 'esp',
  hostPattern: /^[a-z0-9-]+\.smtp-out\.(?:[a-z0-9-]+\.)?amazonses\.com$/i,
  spfTerms: () => ['include:amazonses.com'],
  envelopeDomains: /(?:^|\.)amazonses\.com$/i,
  returnPathHowTo: {
    ja:
      'SES コンソールの認証済みドメイン（ID）で「カスタム MAIL FROM ドメイン」を有効にし、そのドメインのサブドメイン（例: mail.example.com）を指定します。' +
      'そのサブドメインに MX レコード「10 feedback-smtp.<リージョン>.amazonses.com」と TXT レコード「v=spf1 include:amazonses.com ~all」を追加します。' +
      'メールの受信に使っているサブドメインは指定できません。',
    en:
      'In the SES console, open the verified domain identity and enable a custom MAIL FROM domain: a subdomain of it ' +
      '(e.g. mail.example.com). On that subdomain publish an MX record “10 feedback-smtp.<region>.amazonses.com” and a ' +
      'TXT record “v=spf1 include:amazonses.com ~all”. It must not be a subdomain you receive mail on.',
  },
  dkimHowTo: {
    ja: 'SES コンソールの認証済みドメインで Easy DKIM を使い、表示される 3 つの CNAME レコードをドメインの DNS に追加します。',
    en: 'Use Easy DKIM on the verified domain identity in the SES console and publish the three CNAME records it shows at the DNS host.',
  },
  source: 'https://docs.aws.amazon.com/ses/latest/DeveloperGuide/mail-from-set.html',
  sources: [
    'https://docs.aws.amazon.com/ses/latest/APIReference/API_SetIdentityMailFromDomain.html',
    'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html',
    'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html',
  ],
};
