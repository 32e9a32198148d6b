import type { Provider } from './types.js';

/**
 * CPI (KDDI Web Communications). Its FAQ says CPI servers' SPF must be present in the DNS the domain
 * uses, and that CPI's DNS team can check whether it is set; it does not publish the value.
 *
 * Not filled in: hostPattern, spfTerms, DKIM steps (none found on a public page).
 */
export const cpi: Provider = {
  id: 'cpi',
  name: { ja: 'CPI レンタルサーバー', en: 'CPI rental server' },
  kind: 'hosting',
  hostPattern: null,
  spfTerms: null,
  spfHowTo: {
    ja:
      'CPI のサーバーから送るメールには、CPI サーバーの SPF がドメインの DNS に必要です。CPI の DNS を使っている場合は、' +
      'CPI の DNS 担当に SPF の設定の有無を問い合わせてください。CPI 以外のサーバーからも送る場合は、そのサーバーの SPF も加えます。',
    en:
      "Mail sent from CPI's servers needs CPI's SPF in the domain's DNS. If the domain uses CPI's DNS, ask CPI's DNS " +
      'team whether it is set. If other servers also send for the domain, their SPF has to be added as well.',
  },
  source: 'https://faq.cpi.ad.jp/faq/947',
  sources: ['https://www.cpi.ad.jp/news/info/202403263630/'],
};
