import type { Provider } from './types.js';

/**
 * Mandrill (Mailchimp Transactional). Mail leaves from `mailNNN-NN.<pop>.mandrillapp.com`
 * (`Received: from mail136-9.atl41.mandrillapp.com (… [198.2.136.9])`, in a xen-devel archive copy) and
 * is signed `d=mandrillapp.com; s=mte1` beside the customer's own `s=mte1` signature once the sending
 * domain is set up. Mandrill refuses to send from domains without SPF and DKIM set up.
 */
export const mandrill: Provider = {
  id: 'mandrill',
  name: { ja: 'Mandrill（Mailchimp Transactional）', en: 'Mandrill (Mailchimp Transactional)' },
  kind: 'esp',
  hostPattern: /^mail\d+-\d+\.[a-z]+\d+\.mandrillapp\.com$/i,
  spfTerms: () => ['include:spf.mandrillapp.com'],
  envelopeDomains: /(?:^|\.)mandrillapp\.com$/i,
  defaultDkimDomains: /(?:^|\.)mandrillapp\.com$/i,
  spfHowTo: {
    ja: 'ドメインの DNS で、SPF の TXT レコードに「include:spf.mandrillapp.com」を加えます。SPF レコードはドメインに 1 つだけです。',
    en: "Add “include:spf.mandrillapp.com” to the domain's SPF TXT record at its DNS host (one SPF record per domain).",
  },
  dkimHowTo: {
    ja:
      'Mandrill の「Settings」→「Domains」で送信ドメインを追加し、表示される DKIM 用 CNAME レコード' +
      '（mte1._domainkey と mte2._domainkey）を DNS に追加してから、DNS の確認（Test DNS Settings）を行います。',
    en:
      'In Mandrill, add the sending domain under Settings → Domains, publish the DKIM CNAME records it shows ' +
      '(mte1._domainkey and mte2._domainkey), then run the DNS check (Test DNS Settings).',
  },
  source: 'https://mandrill.zendesk.com/hc/en-us/articles/360039236053-About-SPF-and-DKIM',
  sources: [
    'https://lore.kernel.org/all/20251124134344.456-1-ngoc-tu.dinh@vates.tech/',
    'https://sendmarc.com/spf/spf-mandrill',
    'https://www.senderclarity.com/guides/mandrill-spf-dkim-dmarc-setup',
  ],
};
