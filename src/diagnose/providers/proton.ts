import type { Provider, ReceiverProvider } from './types.js';

/**
 * Proton Mail as a sender: mail leaves from `mail-NNNN.protonmail.ch` (`mail-40131.protonmail.ch`,
 * `mail-4322.protonmail.ch`, `mail-244105.protonmail.ch` in public list archives), signed
 * `s=protonmail` for custom domains once their DKIM CNAMEs are in place.
 */
export const proton: Provider = {
  id: 'proton',
  name: { ja: 'Proton Mail', en: 'Proton Mail' },
  kind: 'mailbox',
  hostPattern: /^mail-\d+\.protonmail\.ch$/i,
  spfTerms: () => ['include:_spf.protonmail.ch'],
  spfHowTo: {
    ja:
      'Proton Mail の「Settings」→「All settings」→「Organization」→「Domain names」でドメインの「Review」を開き、' +
      '「SPF」タブに表示される値をドメインの DNS に TXT レコードとして追加します（既存の SPF があれば「include:_spf.protonmail.ch」を追記）。',
    en:
      'In Proton Mail, open Settings → All settings → Organization → Domain names → Review for the domain and publish ' +
      'the value shown on the SPF tab as a TXT record (with an existing SPF record, add “include:_spf.protonmail.ch” to it).',
  },
  dkimHowTo: {
    ja: '同じ画面の「DKIM」タブに表示される 3 つの CNAME レコード（protonmail、protonmail2、protonmail3 の ._domainkey）を DNS に追加します。',
    en: 'On the DKIM tab of the same page, publish the three CNAME records it shows (protonmail, protonmail2 and protonmail3 ._domainkey).',
  },
  source: 'https://proton.me/support/anti-spoofing-custom-domain',
  sources: ['https://lore.kernel.org/all/20240922151618.737458-2-pZ010001011111@proton.me/'],
};

/** Proton as the receiver: one stamp per method, authserv-id `mail.protonmail.ch`. */
export const protonReceiver: ReceiverProvider = {
  id: 'proton',
  name: { ja: 'Proton Mail', en: 'Proton Mail' },
  authservId: /(?:^|\.)(?:protonmail\.ch|proton\.me|protonmail\.com)$/i,
};
