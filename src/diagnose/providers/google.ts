import type { Provider, ReceiverProvider } from './types.js';

/**
 * Google Workspace / Gmail as a sender: mail leaves from `mail-<x>.google.com`
 * (`mail-sor-f41.google.com`, `mail-pf1-x432.google.com`…). Without the customer's own DKIM key, Gmail
 * signs with `d=*.gappssmtp.com`, which passes but does not align with the customer's From.
 * Other google.com hosts (`proxy.google.com`, `mx.google.com`, `google-public-dns-a.google.com`) are not
 * outbound mail hosts and are not matched.
 */
export const googleWorkspace: Provider = {
  id: 'google',
  name: { ja: 'Google Workspace / Gmail', en: 'Google Workspace / Gmail' },
  kind: 'mailbox',
  hostPattern: /^mail-[a-z0-9-]+\.google\.com$/i,
  spfTerms: () => ['include:_spf.google.com'],
  defaultDkimDomains: /(?:^|\.)gappssmtp\.com$/i,
  spfHowTo: {
    ja:
      'ドメインの DNS（ドメインを管理している会社の画面）で、SPF の TXT レコードに「include:_spf.google.com」を加えます。' +
      'SPF レコードは 1 つのドメインに 1 つだけです。既にある場合は、その中に追記します。',
    en:
      "At the domain's DNS host, add “include:_spf.google.com” to the domain's SPF TXT record. A domain has one SPF " +
      'record only: if one exists, add the term to it rather than publishing a second one.',
  },
  dkimHowTo: {
    ja:
      'Google 管理コンソールの「アプリ」→「Google Workspace」→「Gmail」→「メールの認証」でドメインを選び、DKIM 鍵を生成します。' +
      '表示された TXT レコード（既定のセレクタは google、名前は google._domainkey）を DNS に追加し、反映後に「認証を開始」を押します。',
    en:
      'In the Google Admin console, open Apps → Google Workspace → Gmail → Authenticate email, choose the domain and ' +
      'generate a DKIM key. Add the TXT record it shows (default selector “google”, name google._domainkey) at the ' +
      'DNS host, then click “Start authentication” once it has propagated.',
  },
  source: 'https://support.google.com/a/answer/33786',
  sources: [
    'https://support.google.com/a/answer/174124',
    'https://support.google.com/a/answer/177063',
    'https://support.google.com/a/answer/180504',
  ],
};

/** Gmail as the receiver: its stamps carry the authserv-id mx.google.com. */
export const gmailReceiver: ReceiverProvider = {
  id: 'gmail',
  name: { ja: 'Gmail', en: 'Gmail' },
  authservId: /^(?:mx|gmr-mx)\.google\.com$/i,
};
