import type { Provider } from './types.js';

/**
 * Sakura Internet's rental server (さくらのレンタルサーバ). Mail leaves from the server host
 * `wwwNNN.sakura.ne.jp`, whose address can differ from the account's initial domain
 * (`<account>.sakura.ne.jp`); Sakura's recommended record authorises the server host by name, which
 * also covers its IPv6 address (RFC 7208 §5.3), and the domain's MX.
 * Internal hops (`fsavNNN.sakura.ne.jp`, the virus-check loop) are deliberately not matched.
 */
export const sakura: Provider = {
  id: 'sakura',
  name: { ja: 'さくらのレンタルサーバ', en: 'Sakura rental server' },
  kind: 'hosting',
  hostPattern: /^www\d+\.sakura\.ne\.jp$/i,
  spfTerms: (host) => [`a:${host.toLowerCase()}`, 'mx'],
  // The initial domain (`<account>.sakura.ne.jp`) is the usual mistake; server hosts are wwwNNN.
  replacesTerms: /^\+?a:(?!www\d+\.)[a-z0-9-]+\.sakura\.ne\.jp$/i,
  spfHowTo: {
    ja:
      'さくらのサーバーコントロールパネルで、送信に使うドメインの SPF を設定します（マニュアル「SPFレコードを設定したい」）。' +
      '他社のネームサーバーを使っている場合は、そちらの DNS に TXT レコード「v=spf1 a:wwwNNN.sakura.ne.jp mx ~all」を追加します' +
      '（wwwNNN.sakura.ne.jp は Received 行に出ている、実際に送信したサーバー名）。',
    en:
      "Set SPF for the sending domain in Sakura's server control panel (manual “SPFレコードを設定したい”). " +
      "If the domain uses another company's name servers, add the TXT record “v=spf1 a:wwwNNN.sakura.ne.jp mx ~all” " +
      'there, where wwwNNN.sakura.ne.jp is the server that really sent the mail (the one in the Received line).',
  },
  dkimHowTo: {
    ja:
      'サーバーコントロールパネルで、送信に使うドメインの DKIM 署名と DMARC を設定します（マニュアル「DKIM署名、DMARCを設定したい」）。' +
      '他社のネームサーバーを使っている場合は、DKIM の公開鍵（TXT レコード）をそちらの DNS にも登録します。' +
      'メーリングリストでの転送は From を書き換えないため、DKIM/DMARC には対応していません。',
    en:
      "Turn on DKIM signing and DMARC for the sending domain in Sakura's server control panel " +
      "(manual “DKIM署名、DMARCを設定したい”). If the domain uses another company's name servers, publish the " +
      'DKIM public key (a TXT record) there as well. Forwarding by a Sakura mailing list does not support ' +
      'DKIM/DMARC, because the list does not rewrite From.',
  },
  source: 'https://help.sakura.ad.jp/rs/2861/',
  sources: [
    'https://help.sakura.ad.jp/mail/2811/',
    'https://qiita.com/acronhub/items/88dcede4574ae606f143',
    'https://blog.scaredeer.com/2023/01/sakura-muumuu-mail-spf.html',
    'https://memo.furyutei.com/entry/20181103/1541203626',
  ],
};
