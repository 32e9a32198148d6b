import type { Provider } from './types.js';

/**
 * Mailgun (Sinch). Mail leaves from `mNNN-NN.mailgun.net` (US) and `mNN-NN.eu.mailgun.net` (EU), or the
 * shared `so254-NN.mailgun.net` pool; `luna.mailgun.net` is the HTTP API hop, not an outbound host.
 * Customers send from a sending domain (usually a subdomain such as mg.example.com) that gets the SPF
 * include; the sandbox domain is `sandbox….mailgun.org`.
 */
export const mailgun: Provider = {
  id: 'mailgun',
  name: { ja: 'Mailgun', en: 'Mailgun' },
  kind: 'esp',
  hostPattern: /^(?:m\d+-\d+|so\d+-\d+)\.(?:eu\.)?mailgun\.net$/i,
  spfTerms: () => ['include:mailgun.org'],
  envelopeDomains: /(?:^|\.)mailgun\.org$/i,
  spfHowTo: {
    ja:
      'Mailgun に登録した送信ドメイン（例: mg.example.com）の DNS に、TXT レコード「v=spf1 include:mailgun.org ~all」を追加します。' +
      '親ドメインではなく、送信ドメインそのものに設定します。',
    en:
      'On the sending domain registered in Mailgun (e.g. mg.example.com), publish the TXT record ' +
      '“v=spf1 include:mailgun.org ~all” — on that domain itself, not on its parent.',
  },
  dkimHowTo: {
    ja: 'Mailgun のコントロールパネルの「Send」→「Sending」→「Domains」で送信ドメインを開き、表示される DKIM レコードを DNS に追加して確認（Verify）します。',
    en: "In Mailgun's control panel, open Send → Sending → Domains, select the sending domain, publish the DKIM record it shows and verify.",
  },
  source: 'https://documentation.mailgun.com/en/latest/user_manual.html',
  sources: [
    'https://support.rentman.io/hc/en-us/articles/360020178399-Domain-verification-troubleshooting',
    'https://spfwise.com/en/article/mailgun-spf-dkim-dmarc-setup',
  ],
};
