import type { FixAssumption } from '../diagnose/findings.js';
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
        : 'レコードの末尾が「-all」なので結果は fail です。') +
      `SPF レコードには実際にメールを送っているサーバー${a.host ? `（${a.host}）` : ''}を書く必要があります。`,
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
  'untrusted-stamp': (a) => ({
    title: `受信サーバー以外が書いた記録が ${a.method}=${a.claimed} と主張しています`,
    detail:
      `${a.authservId ?? '不明なホスト'} の Authentication-Results は ${a.method}=${a.claimed} としていますが` +
      `${a.trusted ? `、受信サーバー自身の記録は ${a.method}=${a.trusted} です` : ''}。` +
      'このような行は送信者が自由に書けるため、表示はしますが信用しません。',
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
};

const assumptions: Record<FixAssumption, string> = {
  'record-unknown-offline':
    'オフラインで実行したため現在公開されているレコードは見ていません。既存のレコードと統合してください（--online で確認できます）',
  'only-sender':
    'このサーバーだけがこのドメインのメールを送ると仮定しています。他の送信サービス（メルマガ配信、Google Workspace など）も加えてください',
  'host-address-stable':
    'ホスト名で指定するので、プロバイダーが IP アドレスを変えてもレコードを直す必要はありません',
  'ip-literal': '送信サーバーを IP アドレスで指定しています。アドレスが変わったらレコードも変更してください',
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
