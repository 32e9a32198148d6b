import type { Provider } from './types.js';

/**
 * heteml (ヘテムル). Its support page gives the SPF record `v=spf1 include:_spf.heteml.jp ~all`, preset
 * when the domain uses heteml's name servers or Muumuu DNS with heteml selected.
 *
 * Not filled in: hostPattern (no Received line from a heteml outbound host was found) and the DKIM steps.
 */
export const heteml: Provider = {
  id: 'heteml',
  name: { ja: 'ヘテムル', en: 'heteml' },
  kind: 'hosting',
  hostPattern: null,
  spfTerms: () => ['include:_spf.heteml.jp'],
  spfHowTo: {
    ja:
      'ヘテムルのネームサーバー（またはムームーDNS でヘテムルを選んだ場合）は SPF が初期設定済みです。' +
      'ムームーDNS のカスタム設定を使う場合は「設定1」でヘテムルの SPF を「利用しない」にしてから「設定2」で、' +
      '他社のネームサーバーの場合はそちらの DNS で、TXT レコード「v=spf1 include:_spf.heteml.jp ~all」を設定します。',
    en:
      "heteml's name servers (and Muumuu DNS with heteml selected) publish SPF for you. With Muumuu DNS custom " +
      "settings, switch heteml's SPF to “利用しない” under “設定1” and add the record under “設定2”; with another " +
      "company's name servers, add it there: TXT “v=spf1 include:_spf.heteml.jp ~all”.",
  },
  source:
    'https://support.heteml.jp/hc/ja/articles/360041679414-SPF%E3%83%AC%E3%82%B3%E3%83%BC%E3%83%89%E3%81%AE%E8%A8%AD%E5%AE%9A%E3%81%AB%E3%81%A4%E3%81%84%E3%81%A6',
};
