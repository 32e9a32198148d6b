import type { Provider } from './types.js';

/**
 * Mailchimp (marketing campaigns). Mail leaves from `mailNN(-NN).<pop>.mcsv.net` / `.rsgsv.net`
 * (`mail90.suw15.mcsv.net`, whose message carries Return-Path `bounce-mc.…@mail90.suw15.mcsv.net` and
 * `DKIM-Signature: … d=mail90.suw15.mcsv.net`). Without domain authentication neither SPF nor DKIM aligns
 * with the customer's From. `mailin.mcsv.net` (unsubscribe mailbox) is not an outbound host.
 *
 * Not filled in: spfTerms (the envelope stays on Mailchimp's domain, so the customer's SPF record is not
 * what receivers check) and the exact DKIM CNAME names (third-party guides disagree: k1 vs k2/k3).
 */
export const mailchimp: Provider = {
  id: 'mailchimp',
  name: { ja: 'Mailchimp', en: 'Mailchimp' },
  kind: 'esp',
  hostPattern: /^mail\d+(?:-\d+)?\.[a-z]+\d+\.(?:mcsv|rsgsv|mcdlv)\.net$/i,
  spfTerms: null,
  envelopeDomains: /(?:^|\.)(?:mcsv|rsgsv|mcdlv)\.net$/i,
  defaultDkimDomains: /(?:^|\.)mcsv\.net$/i,
  dkimHowTo: {
    ja:
      'Mailchimp の「Domains」ページで送信元ドメインを確認（Verify）した後、「Start authentication」を押し、' +
      '表示される 2 つの DKIM 用 CNAME レコードをそのまま DNS に追加します。値はアカウントごとに異なります。',
    en:
      "On Mailchimp's Domains page, verify the sending domain, click “Start authentication” and publish the two DKIM " +
      'CNAME records it shows exactly as given; the values differ from account to account.',
  },
  source: 'https://www.dmarctrust.com/blog/setup-dkim-mailchimp',
  sources: ['https://spfwise.com/en/article/mailchimp-spf-dkim-dmarc-setup'],
};
