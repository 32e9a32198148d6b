import type { Provider, ReceiverProvider } from './types.js';

/**
 * Zoho Mail as a sender: mail leaves from `sender4-<x>.zoho.com` (`sender4-op-o12.zoho.com`,
 * `sender4-pp-f112.zoho.com` in public list archives); the customer's own DKIM selector is chosen in the
 * admin console (`s=zmail2` in the archived message).
 *
 * Not filled in: spfTerms. The include depends on the data centre the account lives in, and the public
 * guides disagree on the value (`include:zoho.com`, `include:zohomail.com`, `include:spf.zoho.com`;
 * `zoho.eu`/`zohomail.eu`; `zoho.jp`); no Zoho page confirming it was read. Hosts of other data centres
 * (zoho.eu, zoho.jp…) were not seen, so only zoho.com hosts are matched.
 */
export const zoho: Provider = {
  id: 'zoho',
  name: { ja: 'Zoho Mail', en: 'Zoho Mail' },
  kind: 'mailbox',
  hostPattern: /^sender\d*-[a-z]+-[a-z]*\d+\.zoho\.com$/i,
  spfTerms: null,
  dkimHowTo: {
    ja:
      'Zoho Mail の管理コンソールでドメインを選び、「メール認証」→「DKIM」でセレクター名を決めて鍵を作成します。' +
      '表示される TXT レコード（<セレクター>._domainkey）を DNS に追加してから、確認（Verify）して有効にします。',
    en:
      'In the Zoho Mail admin console, select the domain, open Email Authentication → DKIM and create a key with a ' +
      'selector name of your choice. Publish the TXT record it shows (<selector>._domainkey), then verify and enable it.',
  },
  source: 'https://lore.kernel.org/all/20250904073151.686227-3-uwu@icenowy.me/',
  sources: ['https://domainsecurityscanner.com/guides/zoho-mail'],
};

/** Zoho as the receiver: `mx.zohomail.com`. */
export const zohoReceiver: ReceiverProvider = {
  id: 'zoho',
  name: { ja: 'Zoho Mail', en: 'Zoho Mail' },
  authservId: /(?:^|\.)(?:zohomail\.com|zoho\.com|zoho\.eu|zoho\.in)$/i,
};
