import type { Provider, ReceiverProvider } from './types.js';

/**
 * Fastmail as a sender: mail leaves from `<x>-smtp.messagingengine.com` (`out1-smtp`, `wout3-smtp`,
 * `fout-a2-smtp`, `fhigh-b2-smtp`, `new1-smtp`…); `inN-smtp.messagingengine.com` are its MX hosts and are
 * not matched. Every message is signed `d=messagingengine.com` as well, which does not align with a
 * custom domain; the custom domain's own signature uses the fm1/fm2/fm3 selectors.
 */
export const fastmail: Provider = {
  id: 'fastmail',
  name: { ja: 'Fastmail', en: 'Fastmail' },
  kind: 'mailbox',
  hostPattern: /^(?!in\d+-)[a-z0-9-]+-smtp\.messagingengine\.com$/i,
  spfTerms: () => ['include:spf.messagingengine.com'],
  defaultDkimDomains: /(?:^|\.)messagingengine\.com$/i,
  spfHowTo: {
    ja:
      'Fastmail のネームサーバーを使っていれば自動で設定されます。それ以外の DNS では、SPF の TXT レコードに' +
      '「include:spf.messagingengine.com」を加えます。',
    en:
      "With Fastmail's name servers this is set up for you; at another DNS host, add “include:spf.messagingengine.com” " +
      "to the domain's SPF TXT record.",
  },
  dkimHowTo: {
    ja:
      'Fastmail のネームサーバーを使っていれば自動で設定されます。それ以外の DNS では、3 つの CNAME レコード ' +
      'fm1._domainkey → fm1.<ドメイン>.dkim.fmhosted.com（fm2、fm3 も同様）を追加します。',
    en:
      "With Fastmail's name servers this is set up for you; at another DNS host, add three CNAME records: " +
      'fm1._domainkey → fm1.<domain>.dkim.fmhosted.com, and the same for fm2 and fm3.',
  },
  source: 'https://www.fastmail.help/hc/en-us/articles/360060591153',
  sources: [
    'https://fastmail.blog/historical/dkim-signing-outgoing-email-with-from-address-domain/',
    'https://mailflowauthority.com/email-authentication/fastmail-email-auth',
    'https://lore.kernel.org/all/bcd8d501-a457-40fb-9b4d-4df118b76d2f@app.fastmail.com/',
  ],
};

/** Fastmail as the receiver: `mxN.messagingengine.com`. */
export const fastmailReceiver: ReceiverProvider = {
  id: 'fastmail',
  name: { ja: 'Fastmail', en: 'Fastmail' },
  authservId: /\.messagingengine\.com$/i,
};
