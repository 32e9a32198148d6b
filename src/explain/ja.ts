import type { FindingArgs, FixAssumption } from '../diagnose/findings.js';
import { providerById, providerName } from '../diagnose/providers/index.js';
import type { Catalog, UiText } from './types.js';

const ipText = (ip: string | null): string => ip ?? '送信元の IP アドレス';

export const ja: Catalog = {
  authenticated: (a) => ({
    title: '認証済み：修正の必要はありません',
    detail:
      `このメールは認証に成功しています（` +
      [
        a.spfDomain ? `${a.spfDomain} の SPF` : null,
        a.dkimDomains.length ? `${a.dkimDomains.join('、')} の DKIM` : null,
      ]
        .filter((x) => x !== null)
        .join('、') +
      `）。受信側は ${a.fromDomain ?? '送信者'} のサーバーから届いたと確認でき、Gmail に「?」は表示されません。`,
  }),
  'gmail-unauthenticated': (a) => ({
    title: 'Gmail で送信者アイコンの代わりに「?」が表示されます',
    detail:
      `SPF も DKIM も成功していないため、Gmail はこのメールが本当に ${a.fromDomain ?? '送信者のドメイン'} から` +
      `送られたものか確認できませんでした。SPF か DKIM のどちらかが成功すれば「?」は消えます。`,
  }),
  'spf-not-designated': (a) => ({
    title: `SPF ${a.result}：${ipText(a.ip)} は ${a.domain} の送信元として許可されていません`,
    detail:
      `受信側はエンベロープ送信者のドメイン ${a.domain} の SPF レコードを調べましたが、` +
      `${ipText(a.ip)}${a.host ? `（${a.host}）` : ''} は含まれていませんでした。` +
      (a.transitioning
        ? 'レコードの末尾が「~all」なので結果は softfail です。'
        : 'レコードの「-」付きの項目（多くは「-all」）に該当したため結果は fail です。') +
      `SPF レコードには実際にメールを送っているサーバー${a.host ? `（${a.host}）` : ''}を書く必要があります。`,
  }),
  'freemail-domain': (a) => ({
    title: `${a.domain} はメールサービスのドメインで、${a.host ?? a.ip ?? 'このサーバー'} はそのサーバーではありません`,
    detail:
      `このメールは ${a.domain} のアドレスを使っていますが` +
      (a.result
        ? `（エンベロープ送信者。SPF は ${a.result}）`
        : '、そのドメインとしては何も認証されていません。') +
      `${a.result ? '、' : ''}送信したのは ${a.host ?? a.ip ?? '別のサーバー'} です。${a.domain} のメールを送れるのも、そのレコードを変えられるのもサービス自身だけなので、DNS では直せません。` +
      'Web サイトのフォームなど、訪問者のアドレスを From に書いて送るプログラムは、自分のドメインのアドレスから送り、訪問者のアドレスは Reply-To に書いてください。' +
      'そのような送り方に心当たりがなければ、アドレスは偽装されています。',
  }),
  'provider-envelope': (a) => ({
    title: `エンベロープ送信者が ${a.fromDomain} のアドレスではなく、サーバー自身の ${a.envelopeDomain} のアドレスです`,
    detail:
      `SPF はエンベロープ送信者（Return-Path）を調べます。このメールを送ったプログラムはそれを指定せず、${a.host} が ${a.envelopeDomain} のアドレスを書きました。` +
      `そのドメインの SPF は ${a.result} でしたが、このドメインは${providerName(a.provider, 'ja')}のもので、あなたのものではありません。成功したとしても DMARC では ${a.fromDomain} の認証になりません。` +
      `エンベロープ送信者を ${a.fromDomain} のアドレスにし（sendmail の -f オプション、PHP の mail() の第 5 引数、フォームやメール送信プラグインの「Return-Path」「エンベロープ送信者」の設定）、` +
      `${a.fromDomain} の SPF レコードに送信サーバーを記載してください（下記）。`,
  }),
  'sakura-server-host': (a) => ({
    title: `さくら：メールは初期ドメインではなくサーバーホスト ${a.host} から送信されています`,
    detail:
      `さくらのレンタルサーバでは、メールはサーバーホスト（${a.host}）から送信されます。` +
      `アカウントの初期ドメイン（xxx.sakura.ne.jp）を書いたレコードは、両者が同じ IP アドレスを持つプランで` +
      `たまたま通るだけです。${a.domain} のレコードにはサーバーホストを書いてください。` +
      `「a:${a.host}」なら IPv6 アドレスにも一致します（さくらは Gmail へ IPv6 で配送します）。「ip4:」では一致しません。`,
  }),
  'spf-none': (a) => ({
    title: a.bestGuess
      ? `SPF：${a.domain} は SPF レコードを公開していません（Gmail は「best guess」で推測）`
      : `SPF none：${a.domain} は SPF レコードを公開していません`,
    detail:
      (a.bestGuess
        ? `Gmail の「best guess record」という表現は、${a.domain} に SPF レコードがなく、Gmail が推測した結果（${a.result}）であることを意味します。`
        : `${a.domain} には SPF レコードがないため、どのサーバーが送信してよいか受信側には分かりません。`) +
      `送信サーバー${a.ip ? `（${a.ip}）` : ''}を含むレコードを公開してください。`,
  }),
  'spf-neutral': (a) => ({
    title: `SPF neutral：${a.domain} のレコードは ${ipText(a.ip)} を許可も拒否もしていません`,
    detail: 'neutral（多くは「?all」）では何も認証されません。送信サーバーをレコードに書いてください。',
  }),
  'spf-permerror': (a) => ({
    title: `SPF permerror：${a.domain} のレコードが壊れています`,
    detail:
      `受信側はレコードを評価できませんでした${a.detail ? `（${a.detail}）` : ''}。構文の誤り、` +
      `「v=spf1」レコードが 2 つある、DNS を引く項目が 10 を超える、のいずれかです。壊れたレコードでは何も認証されません。`,
  }),
  'spf-temperror': (a) => ({
    title: `SPF temperror：配送時に ${a.domain} の DNS 参照が失敗しました`,
    detail: `一時的な失敗です。再送では成功する可能性があります。${a.domain} のネームサーバーが応答しているか確認してください。`,
  }),
  'spf-pass': (a) => ({
    title: `SPF pass（${a.domain}）`,
    detail: `${a.ip ? `${a.ip} は` : '送信サーバーは'} ${a.domain} の SPF レコードで許可されています。`,
  }),
  'dkim-none': (a) => ({
    title: 'DKIM：有効な署名がありません',
    detail:
      `DKIM 署名は検証されませんでした。${a.fromDomain ?? '送信者のドメイン'} の鍵で送信メールに署名すれば、` +
      `SPF が使えない場合（転送、サーバーの移転）でも認証されます。`,
  }),
  'dkim-fail': (a) => ({
    title: `DKIM ${a.result}${a.domain ? `（${a.domain}）` : ''}`,
    detail:
      `署名はありましたが検証できませんでした${a.comment ? `（${a.comment}）` : ''}。` +
      `公開鍵がないか、署名後にメールが書き換えられています（メーリングリストや転送）。`,
  }),
  'dkim-pass': (a) => ({
    title: `DKIM pass（${a.domains.join('、')}）`,
    detail: `${a.domains.join('、')} の署名が検証され、署名後にメールが変更されていないことが確認できました。`,
  }),
  'dmarc-fail': (a) => ({
    title: `DMARC fail：${a.fromDomain ?? 'From のドメイン'}${a.policy ? `（ポリシー ${a.policy}）` : ''}`,
    detail:
      'From のドメインと一致する SPF または DKIM の成功がありません。' +
      (a.policy === 'reject'
        ? 'p=reject なので受信側はこのようなメールを拒否します。'
        : a.policy === 'quarantine'
          ? 'p=quarantine なので受信側はこのようなメールを迷惑メールに振り分けます。'
          : 'ポリシー上は配送されますが、送信者の評価は下がります。'),
  }),
  'dmarc-pass': (a) => ({
    title: `DMARC pass：${a.fromDomain ?? 'From のドメイン'}`,
    detail: '認証されたドメインが From アドレスと一致しています。',
  }),
  'no-tls': (a) => ({
    title: '受信サーバーへの配送が暗号化されていません（Gmail では赤い鍵アイコン）',
    detail:
      `${a.host ?? '送信サーバー'} は${a.protocol ? ` ${a.protocol} で` : ''}暗号化せずにメールを渡しました。` +
      '送信サーバーで STARTTLS を有効にしてください。',
  }),
  'gmail-via': (a) => ({
    title: `Gmail に「経由：${a.via}」と表示されます`,
    detail: `メールを認証したドメイン（${a.via}）が ${a.fromDomain ?? 'From のドメイン'} と異なります。From のドメインの鍵で署名すれば「経由」は消えます。`,
  }),
  'sending-ip-mismatch': (a) => ({
    title: `受信側が調べた IP は ${a.checkedIp} ですが、受信サーバーへの配送元は ${a.hopIp} です`,
    detail:
      'Received 行と SPF の記録が食い違っています。どちらかが偽造されたか、別の中継サーバーが書いた可能性があります。',
  }),
  'no-received': () => ({
    title: 'Received 行がないため経路が分かりません',
    detail:
      'Received フィールドがないので、送信したサーバーを特定できません。ヘッダー全体を貼り付けてください。',
  }),
  'no-stamps': () => ({
    title: 'ヘッダーに認証結果がありません',
    detail:
      'SPF・DKIM・DMARC の結果（Authentication-Results、ARC-Authentication-Results、Received-SPF）を記録した受信サーバーがありません。受信者が受け取ったメール（Gmail なら「メッセージのソースを表示」）を使ってください。',
  }),
  'spoofing-suspected': (a) => ({
    title: `このメールは ${a.fromDomain ?? '名乗っているドメイン'} から送られたものではない可能性が高いです`,
    detail:
      `根拠：${a.reasons.map((r) => spoofReasonJa[r]).join('。')}。` +
      `認証の失敗は保護が働いた結果です。このサーバーを ${a.fromDomain ?? 'ドメイン'} のレコードに加えないでください。` +
      'メールの内容（リンク、添付ファイル、送金やパスワードの依頼）には注意してください。',
  }),
  'untrusted-stamp': (a) => ({
    title: a.impersonates
      ? `受信サーバー（${a.authservId}）の名をかたる偽の記録が ${a.method}=${a.claimed} と主張しています`
      : `受信サーバー以外が書いた記録が ${a.method}=${a.claimed} と主張しています`,
    detail:
      `${a.authservId ?? '不明なホスト'} の ${a.field} は ${a.method}=${a.claimed} としています` +
      `${a.trusted ? `が、受信サーバー自身の記録は ${a.method}=${a.trusted} です` : ''}。` +
      'このような行は送信者が自由に書けるため、表示はしますが信用しません。',
  }),
  'from-multiple': (a) => ({
    title:
      a.fields > 1
        ? `From フィールドが ${a.fields} 個あります`
        : `From に ${a.addresses.length} 人の差出人が書かれています`,
    detail:
      `${a.addresses.join('、')}。` +
      (a.checked
        ? `受信サーバーが DMARC を確認したのは ${a.checked} だけです。メールソフトがほかのアドレスを表示することがあり、そのアドレスは何も認証されていません。`
        : 'メールソフトがどのアドレスを表示するかは決まっておらず、DMARC が認証するのは 1 つのドメインだけです。') +
      (a.fields > 1
        ? 'RFC 5322 では From フィールドは 1 個だけで、複数あるメールを拒否する受信サーバーも多くあります。'
        : 'RFC 5322 では差出人が複数なら Sender フィールドが必要で、RFC 7489 は From のすべてのドメインを確認するよう求めています。この形のメールは大半が迷惑メールのため、拒否する受信サーバーも多くあります。') +
      '送る側なら、From には 1 人だけを書き、ほかの人は Reply-To か Cc に入れてください。',
  }),
  'date-unreadable': (a) => ({
    title: `経路 ${a.position + 1}：日時を読み取れません`,
    detail: `「${a.text}」は日時として解釈できないため、この区間の遅延は不明です。`,
  }),
  'clock-skew': (a) => ({
    title: `経路 ${a.position + 1}：時計が ${Math.abs(a.seconds)} 秒遅れています`,
    detail: 'この中継の日時が前の中継より早くなっています。どちらかのサーバーの時計がずれています。',
  }),
  'header-truncated': (a) => ({
    title: 'ヘッダーが大きすぎるため先頭部分だけを読みました',
    detail: `${Math.round(a.limitBytes / 1024)} KiB を超えるヘッダーはそこで打ち切ります。受信サーバーの記録は先頭にあるので判定は有効です。`,
  }),
  'summary-mismatch': (a) => ({
    title: `Gmail の概要では ${a.method.toUpperCase()} ${a.summary}、ヘッダーでは ${a.header} です`,
    detail:
      '「メッセージのソースを表示」の表とヘッダーの記録が食い違っています。mailwhy はヘッダーの記録を説明します。',
  }),
  'spf-today': (a) => {
    const when = a.recordedAt ? `（${a.recordedAt.slice(0, 10)}）` : '';
    const said = a.recorded ? `受信時${when}の記録は ${a.recorded} でした。` : '';
    let verdict: string;
    if (a.recorded && a.recorded !== 'pass' && a.today === 'pass')
      verdict = '現在のレコードでは pass になります。その後レコードが修正されています。';
    else if (a.recorded === a.today) verdict = `現在のレコードでも ${a.today} のままです。`;
    else verdict = `現在のレコードでは ${a.today} になります。`;
    return {
      title: `現在：${a.domain} の SPF は ${a.ip} に対して ${a.today}`,
      detail:
        `${said}${verdict}` +
        (a.record
          ? `現在のレコード：「${a.record}」`
          : `${a.domain} は現在 SPF レコードを公開していません。`) +
        (a.matchedTerm ? `（「${a.matchedTerm}」で決定）` : ''),
    };
  },
  'online-dns-error': (a) => ({
    title: `現在：${a.domain} の DNS が応答しません（temperror）`,
    detail:
      'オンラインの確認ができませんでした。再試行すると結果が変わる可能性があります。上のオフラインの説明はそのまま有効です。',
  }),
  'fix-not-verified': (a) => ({
    title: '提案したレコードはオンラインの確認で pass にならないため提示しません',
    detail: `「${a.record}」は現在 ${a.ip} に対して ${a.result} になります。mailwhy は確認できたレコードだけを提示します。`,
  }),
  'spf-ipv6-not-covered': (a) => ({
    title: `IPv6 アドレス ${a.ip} で SPF が失敗：${a.domain} のレコードは IPv4 しか書いていない${a.confirmed ? '' : '可能性があります'}`,
    detail:
      `送信サーバーは IPv6（${a.ip}${a.host ? `、${a.host}` : ''}）でメールを渡しました。` +
      (a.confirmed
        ? `現在の ${a.domain} のレコードには IPv6 アドレスもホスト名もありません。`
        : '「ip4:」だけのレコードでは一致しません。') +
      `「a:${a.host ?? 'ホスト名'}」でホストを指定する（AAAA レコードにも一致します）か、「ip6:${a.ip}」を加えてください。`,
  }),
  'sent-via-provider': (a) => ({
    title: `メールは ${providerName(a.provider, 'ja')} 経由で送信されていますが、${a.domain} のレコードに含まれていません`,
    detail:
      `送信サーバーは ${providerName(a.provider, 'ja')} のものです` +
      (a.kind === 'mailbox'
        ? `（メールソフトから ${a.domain} のアドレスとしてその SMTP サーバー経由で送った場合など）。`
        : a.kind === 'relay'
          ? '（レンタルサーバー事業者が送信メールをここ経由で中継しています）。'
          : '。') +
      (howTo(a.provider, 'spfHowTo') ||
        `${a.domain} の SPF レコードに ${a.terms.map((t) => `「${t}」`).join('')} を加えるか、ドメインのサーバーから送信してください。`),
  }),
  'esp-envelope': (a) => ({
    title: `SPF は ${a.fromDomain ?? 'From のドメイン'} ではなく ${a.envelopeDomain}（${providerName(a.provider, 'ja')}）で成功しています`,
    detail:
      `${providerName(a.provider, 'ja')} は自社のエンベロープ送信者（${a.envelopeDomain}）で送信しました。SPF はそのドメインで成功しますが、` +
      `${a.fromDomain ?? 'From のドメイン'} と一致しないため DMARC では数えられず、Gmail では「経由」と表示されます。` +
      '自分のドメインでリターンパス（カスタム Return-Path）を設定し、自分のドメインで DKIM 署名してください。' +
      howTo(a.provider, 'returnPathHowTo') +
      howTo(a.provider, 'dkimHowTo'),
  }),
  'dkim-default-domain': (a) => ({
    title: `DKIM は ${a.fromDomain ?? 'From のドメイン'} ではなく ${providerName(a.provider, 'ja')} の既定ドメイン ${a.signingDomain} で成功しています`,
    detail:
      `${providerName(a.provider, 'ja')} は、自分のドメインの DKIM を設定するまで ${a.signingDomain} で署名します。` +
      `この署名は ${a.fromDomain ?? 'From のドメイン'} と一致しないため、DMARC はこれでは成功しません。` +
      howTo(a.provider, 'dkimHowTo'),
  }),
  'dkim-unaligned': (a) => ({
    title: `DKIM は ${a.fromDomain ?? 'From のドメイン'} とは別のドメイン ${a.signingDomain} で成功しています`,
    detail: `署名は有効ですが別のドメインのものなので DMARC では数えられません。${a.fromDomain ?? 'From のドメイン'} の鍵で署名してください。`,
  }),
  'dkim-no-key': (a) => ({
    title:
      a.selector && a.domain
        ? `DKIM：${a.selector}._domainkey.${a.domain} に公開鍵がありません`
        : 'DKIM：署名の公開鍵が DNS に見つかりません',
    detail: `メールは署名されていますが、受信側は DNS の ${a.selector ?? 'セレクター'}._domainkey.${a.domain ?? 'ドメイン'} に公開鍵を見つけられませんでした。サーバーが署名に使う鍵（事業者の管理画面に表示されます）を公開してください。`,
  }),
  forwarded: (a) => ({
    title: `転送${a.forwarder ? `（${a.forwarder}）` : ''}：SPF は送信者ではなく転送サーバーを調べています`,
    detail:
      '最終の受信サーバーには転送サーバーから届いたため、SPF は転送サーバーのアドレスを送信者のレコードと照合しました。これは成功しようがなく、送信者の設定の問題ではありません。' +
      (a.originalSpf
        ? `最初の受信サーバーは spf=${a.originalSpf} と記録しています（ARC セットに保存）。`
        : '') +
      (a.dkimSurvived
        ? 'DKIM 署名は転送後も有効なので、メールは認証されています。修正の必要はありません。'
        : a.dkimSigned
          ? `DKIM も有効ではありません。転送サーバー側でエンベロープ送信者を書き換え（SRS）、ARC で封印する必要があります${a.srs ? '（SRS はすでに使われています）' : ''}。送信者の DNS の問題ではありません。`
          : `このメールには DKIM 署名がありません。署名があれば転送後も有効でした。送信者はメールに DKIM 署名を付けられます。転送サーバー側ではエンベロープ送信者を書き換え（SRS）、ARC で封印する必要があります${a.srs ? '（SRS はすでに使われています）' : ''}。送信者の SPF レコードでは直せません。`),
  }),
  'list-modified': (a) => ({
    title: `メーリングリスト${a.list ? `（${a.list}）` : ''}がメールを書き換えたため DKIM 署名が壊れました`,
    detail:
      `リストはフッターや件名のタグを加えるため、${a.dkimDomain ?? '送信者'} の署名の本文ハッシュが一致しなくなります。` +
      (a.arcSealed
        ? 'リストは受け取った時点の結果を ARC で封印しており、受信側がそれを考慮することがあります。'
        : '') +
      'これはリストの動作によるもので、送信者の DNS の問題ではありません。',
  }),
  'dmarc-missing': (a) => ({
    title: `${a.fromDomain} は DMARC レコードを公開していません`,
    detail: `Gmail は ${a.fromDomain} の DMARC 結果を記録していません。まずレポートを受け取る監視用のポリシー（p=none）で始め、数週間レポートを確認してから強化してください。`,
  }),
  'gmail-bounce': (a) => ({
    title: `Gmail が受信を拒否しました：${a.code} ${a.enhanced}（${bounceKindJa[a.kind]}）`,
    detail:
      `エラーメールに Gmail の応答が引用されています：「${a.text}」。` +
      (a.domain || a.ip ? `${[a.domain, a.ip].filter(Boolean).join(' と ')} が示されています。` : '') +
      bounceAdviceJa[a.kind],
  }),
  'microsoft-compauth': (a) => ({
    title: `Microsoft の複合認証：${a.result}${a.reason ? `（理由コード ${a.reason}）` : ''}`,
    detail: compauthJa[a.meaning],
  }),
  'port25-report': (a) => ({
    title: 'port25 の検証レポート',
    detail: `検証サービスは送られたメールを次のように判定しました：${a.checks.map((c) => `${c.name} ${c.result}`).join('、')}。以下の診断でこの結果を説明します。`,
  }),
};

const spoofReasonJa: Record<import('../diagnose/findings.js').SpoofReason, string> = {
  'dmarc-policy':
    'ドメインの DMARC ポリシーは reject / quarantine で、本物のメールは通るはずなのに DMARC が失敗しています',
  'no-reverse-dns': '送信元 IP に逆引き（PTR）の名前がありません',
  'bare-helo': '送信サーバーがドメイン名ではないコンピューター名で名乗っています',
  'forged-stamps': '受信サーバーの名をかたる認証結果がメールに書き込まれています',
  'intra-org': 'Microsoft は受信側組織自身のドメインへのなりすましと判断しました',
};

const bounceKindJa: Record<import('../diagnose/bounce.js').BounceKind, string> = {
  unauthenticated: 'SPF も DKIM も成功していません',
  'dmarc-policy': 'From のドメインの DMARC ポリシーにより拒否',
  'spf-hardfail': '-all のレコードで SPF が失敗',
  spf: 'SPF が成功していません',
  dkim: 'DKIM が成功していません',
  'not-aligned': 'From が SPF とも DKIM とも一致していません',
  ptr: '送信元 IP の逆引き（PTR）が正しくありません',
  tls: 'TLS が必要です',
  'rate-limited': '未認証のため送信を制限',
  'dns-tempfail': 'DMARC の確認中に DNS が失敗',
  'spf-suspicious': 'SPF レコードに不審な記述があります',
};

const bounceAdviceJa: Record<import('../diagnose/bounce.js').BounceKind, string> = {
  unauthenticated: 'SPF レコードに送信サーバーを書き、DKIM 署名を有効にしてメールを認証してください。',
  'dmarc-policy':
    'From と一致するドメインで SPF か DKIM を成功させるか、修正するまで DMARC ポリシーを緩めてください。',
  'spf-hardfail': 'レコードに送信サーバーを書いてください。-all ではそれ以外のサーバーはすべて拒否されます。',
  spf: 'SPF レコードに送信サーバーを書いてください（Gmail は大量送信者に SPF と DKIM の両方を求めます）。',
  dkim: '自分のドメインで DKIM 署名してください（Gmail は大量送信者に SPF と DKIM の両方を求めます）。',
  'not-aligned': 'SPF のドメイン（リターンパス）か DKIM の d= を From のドメインと一致させてください。',
  ptr: '送信元 IP の事業者に、同じ IP に正引きできる PTR レコードの設定を依頼してください。',
  tls: '送信サーバーで STARTTLS を有効にしてください。',
  'rate-limited': 'SPF か DKIM でメールを認証してください。Gmail は未認証の送信者を制限します。',
  'dns-tempfail': 'ドメインのネームサーバーが応答しているか確認してください。Gmail は再試行します。',
  'spf-suspicious': 'SPF レコードから広すぎる指定（巨大なアドレス範囲、+all）を削除してください。',
};

const compauthJa: Record<FindingArgs['microsoft-compauth']['meaning'], string> = {
  'explicit-fail':
    'From のドメインの DMARC ポリシー（reject / quarantine）で失敗したため、Microsoft はそれに従って処理します。',
  'implicit-fail':
    '送信者が DMARC などのレコードを公開していないか不十分なため、Microsoft が独自に未認証と判断しました。',
  'intra-org-fail':
    'From のドメインは受信側組織自身のドメインですが、メールは外部から届き認証されていません。Microsoft は組織自身へのなりすましとして扱います。',
  pass: 'Microsoft は送信者を認証済みとみなしています。',
  'soft-pass': 'Microsoft は送信者を弱く認証済み（soft pass）とみなしています。',
  bypass: '認証は適用されていません（許可リストや組織内のメール）。',
  other: 'Microsoft の compauth 理由コードの一覧を参照してください。',
};

function howTo(provider: string, key: 'spfHowTo' | 'dkimHowTo' | 'returnPathHowTo'): string {
  return providerById(provider)?.[key]?.ja ?? '';
}

const assumptions: Record<FixAssumption, string> = {
  'record-unknown-offline':
    'オフラインで実行したため現在公開されているレコードは見ていません。既存のレコードと統合してください（--online で確認できます）',
  'only-sender':
    'このサーバーだけがこのドメインのメールを送ると仮定しています。他の送信サービス（メルマガ配信、Google Workspace など）も加えてください',
  'host-address-stable':
    'ホスト名で指定するので、プロバイダーが IP アドレスを変えてもレコードを直す必要はありません',
  'ip-literal': '送信サーバーを IP アドレスで指定しています。アドレスが変わったらレコードも変更してください',
  'rua-mailbox':
    'rua= のアドレスが存在し、毎日の集計レポートを受け取れることを前提にしています（自分のメールボックスなら何でも構いません）',
  'verified-online':
    '現在公開されているレコードと統合し、送信元 IP に対して評価して pass になることを確認しました',
};

export const jaUi: UiText = {
  assumption: (a) => assumptions[a],
  labels: {
    verdict: '判定',
    authenticated: '認証済み',
    unauthenticated: '認証されていません',
    from: '差出人',
    envelopeFrom: 'エンベロープ送信者',
    subject: '件名',
    date: '日時',
    receiver: '受信サーバー（信頼する記録）',
    sendingHost: '送信サーバー',
    route: '経路（新しい順）',
    verdicts: '認証結果',
    gmail: 'Gmail での表示',
    findings: '診断',
    fixes: '修正：この DNS レコードを公開してください',
    zoneLine: 'ゾーンファイル',
    form: '管理画面の入力欄',
    assumes: '前提',
    none: 'なし',
    unknown: '不明',
    questionMark: '「?」（未認証）',
    avatar: '送信者確認済み',
    via: '経由',
    mailedBy: '送信元',
    signedBy: '署名元',
    tls: 'TLS',
    redPadlock: 'なし（赤い鍵アイコン）',
    yes: 'あり',
    notTrusted: '信頼しない記録（表示のみ）',
    delay: '遅延',
    summary: 'Gmail「メッセージのソースを表示」の概要',
    host: 'ホスト名',
    type: 'タイプ',
    value: '値',
    input: '入力',
    roleSendingHost: '送信サーバー',
    roleSubmission: '送信者の投稿',
    notRecorded: '記録なし',
    arcSets: 'ARC セット',
    today: '現在（オンライン）',
    verified: 'オンラインで確認済み：pass',
  },
};
