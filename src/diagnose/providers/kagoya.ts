import type { Provider } from './types.js';

/**
 * KAGOYA (カゴヤ・ジャパン: KAGOYA MAIL, rental servers). Its DKIM manual: the key is created per mail
 * domain with a selector name the customer chooses, and the selector is activated only after the public
 * key has reached DNS.
 *
 * Not filled in: hostPattern (no Received line from its outbound hosts was found) and spfTerms
 * (`include:kagoya.net` appears in one public migration note only).
 */
export const kagoya: Provider = {
  id: 'kagoya',
  name: { ja: 'カゴヤ・ジャパン（KAGOYA）', en: 'KAGOYA Japan' },
  kind: 'hosting',
  hostPattern: null,
  spfTerms: null,
  spfHowTo: {
    ja:
      'カゴヤのネームサーバー（ns0.kagoya.net / ns1.kagoya.net）を使っている場合は、コントロールパネルの DNS レコード設定で ' +
      'TXT レコード（SPF）を追加できます。それ以外のネームサーバーでは、そちらの DNS で設定します。',
    en:
      "If the domain uses KAGOYA's name servers (ns0.kagoya.net / ns1.kagoya.net), add the SPF TXT record in the " +
      "control panel's DNS record settings; otherwise add it at the DNS host the domain uses.",
  },
  dkimHowTo: {
    ja:
      'コントロールパネルの「メール」→「ドメイン設定」→「独自ドメイン管理」でドメインを選び、任意のセレクター名で DKIM の鍵を作成します。' +
      '公開鍵が DNS に反映されてから（約1時間）セレクターを有効化します。先に有効化すると検証に失敗します。',
    en:
      'In the control panel, open “メール” → “ドメイン設定” → “独自ドメイン管理”, choose the domain and create a DKIM key ' +
      'with a selector name of your choice. Activate the selector only after the public key has reached DNS ' +
      '(about an hour); activating it earlier makes verification fail.',
  },
  source: 'https://support.kagoya.jp/kir/manual/add_maildomain/dkim.html',
  sources: ['https://support.kagoya.jp/flex/manual/ip_domain/index.html'],
};
