import type { Provider } from './types.js';

/**
 * Xserver (エックスサーバー). Mail leaves from the server host `svNNNN.xserver.jp` (e.g.
 * `Received: from sv14631.xserver.jp (sv14631.xserver.jp [162.43.104.32])`, signed `s=default`, in
 * public vger.kernel.org list archives). Internal hops (`virusgwNNNN.xserver.jp`, `webmail.xserver.ne.jp`)
 * are not matched.
 *
 * Not filled in: spfTerms. Zones hosted on Xserver's name servers show the default record
 * `v=spf1 +a:svNNNN.xserver.jp +a:<domain> +mx include:spf.sender.xserver.jp ~all` (many public zone
 * dumps), but Xserver's own manual page could not be read to confirm it, so mailwhy does not offer it
 * as the provider's documented value.
 */
export const xserver: Provider = {
  id: 'xserver',
  name: { ja: 'エックスサーバー', en: 'Xserver' },
  kind: 'hosting',
  hostPattern: /^sv\d+\.xserver\.jp$/i,
  spfTerms: null,
  dkimHowTo: {
    ja:
      'エックスサーバーのサーバーパネルの「メール」→「DKIM設定」で、送信に使うドメインの DKIM を ON にします。' +
      '他社のネームサーバーを使っている場合は、画面に表示される default._domainkey の TXT レコードをそちらの DNS に追加します。',
    en:
      'In the Xserver server panel, open “メール” → “DKIM設定” and turn DKIM on for the sending domain. ' +
      "If the domain uses another company's name servers, add the default._domainkey TXT record the panel shows there.",
  },
  // List archives' copies of messages whose Received lines show the server host.
  source: 'https://lore.kernel.org/all/79fef4873b4adf2477d6915abac46f65@glory-web.com/',
  sources: [
    'https://lore.kernel.org/all/F919ucBRLCaPoAWZuJFwUyZrzTmZa9l341yyvGKhtU@xjp.co.jp/',
    'https://gamitaka.com/configuration-spf-dmarc.html',
  ],
};
