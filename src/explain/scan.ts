/**
 * Wording of the scan summary, Japanese and English. The compiler checks both catalogs are complete:
 * every label and every finding code has its text in each language.
 */
import type { FindingCode } from '../diagnose/findings.js';
import type { Lang } from '../report.js';

export type ScanLabel =
  | 'title'
  | 'matchedDomain'
  | 'truncated'
  | 'all'
  | 'byFromDomain'
  | 'bySendingHost'
  | 'shownOf'
  | 'gmailQ'
  | 'causes'
  | 'topCauses'
  | 'fix'
  | 'noFix'
  | 'action'
  | 'spfRecords'
  | 'spfRecordsNote'
  | 'spfSenders'
  | 'noFromDomain'
  | 'unknownHost'
  | 'errors'
  | 'interrupted'
  | 'stoppedAt'
  | 'nothing'
  | 'noneMatched'
  | 'period'
  | 'noDates'
  | 'rate'
  | 'authenticated'
  | 'check'
  | 'results'
  | 'fromDomain'
  | 'sendingHost'
  | 'provider'
  | 'messageCount'
  | 'withProblems'
  | 'first'
  | 'last'
  | 'position'
  | 'error'
  | 'file'
  | 'reason'
  | 'size'
  | 'duration';

export interface HeadlineCounts {
  read: number;
  reported: number;
  errored: number;
}

/** Counts written with their noun ("1 message", "2 messages"; 「2 通」). */
export type CountedLabel = 'messages' | 'moreErrors' | 'skipped' | 'unreadable';

export interface ScanCatalog {
  labels: Record<ScanLabel, string>;
  /** A count and its noun, the noun agreeing with the count, the count with the language's digit grouping. */
  counted: Record<CountedLabel, (n: number) => string>;
  /** A merged SPF record whose own terms query DNS more than the 10 times an evaluation may. */
  overLookups: (n: number) => string;
  /** "N messages read = R reported + E errors": the sentence that says nothing was lost. */
  headline: (c: HeadlineCounts) => string;
  /**
   * A short line per finding code: what the cause is, without the message's particulars. Partial on
   * purpose: the diagnosis gains codes often, and a code without a line here is shown with the
   * report's own title for it (worded by src/explain, in the same language). A test checks both
   * languages cover the same codes.
   */
  causes: Partial<Record<FindingCode, string>>;
  /**
   * What to do about a cause, for every message that has it, in one line: the summary prints it
   * under the cause, with the DNS records that answer it when there are any. Complete on purpose
   * (the compiler checks it): null only where the finding asks nothing of anyone (a pass, a note).
   */
  actions: Record<FindingCode, string | null>;
}

const enNumber = (n: number): string => n.toLocaleString('en-US');
const enCount = (n: number, one: string, many: string): string => `${enNumber(n)} ${n === 1 ? one : many}`;
const jaNumber = (n: number): string => n.toLocaleString('ja-JP');

const en: ScanCatalog = {
  overLookups: (n) =>
    `${n} terms query DNS, over the 10 an evaluation allows (RFC 7208 §4.6.4; those inside include: count too): name some servers with ip4: or ip6: instead`,
  headline: (c) =>
    `${enCount(c.read, 'message', 'messages')} read = ${enNumber(c.reported)} reported + ${enCount(c.errored, 'error', 'errors')}`,
  counted: {
    messages: (n) => enCount(n, 'message', 'messages'),
    moreErrors: (n) => `${enNumber(n)} more in the --jsonl file`,
    skipped: (n) => `${enCount(n, 'file', 'files')} skipped (not mail, or not to be read)`,
    unreadable: (n) => `${enCount(n, 'input', 'inputs')} could not be read (not scanned)`,
  },
  labels: {
    title: 'mailwhy scan',
    matchedDomain: 'messages from or for',
    truncated: 'cut short (header block not closed)',
    all: 'All messages',
    byFromDomain: 'By From domain',
    bySendingHost: 'By sending host',
    shownOf: 'shown of',
    gmailQ: 'Gmail "?"',
    causes: 'causes',
    topCauses: 'Top causes and their fixes',
    fix: 'fix',
    noFix: 'no DNS record to publish for this cause',
    action: 'what to do',
    spfRecords: 'One SPF record per domain',
    spfRecordsNote:
      'A domain publishes only one SPF record: these merge the fixes above. Keep the servers that really send for the domain, and merge the result with the record it publishes today.',
    spfSenders: 'servers (messages)',
    noFromDomain: '(no From domain)',
    unknownHost: '(unknown host)',
    errors: 'Errors (message or entry not analysed)',
    interrupted: 'Interrupted: this is the summary so far.',
    stoppedAt: 'stopped after',
    nothing: 'No messages found.',
    noneMatched: 'No message is from or for this domain or a subdomain of it.',
    period: 'dates',
    noDates: 'no Date field',
    rate: 'messages/s',
    authenticated: 'authenticated',
    check: 'Check',
    results: 'Results (messages)',
    fromDomain: 'From domain',
    sendingHost: 'Sending host',
    provider: 'Provider',
    messageCount: 'Messages',
    withProblems: 'With problems',
    first: 'First',
    last: 'Last',
    position: 'Position',
    error: 'Error',
    file: 'File',
    reason: 'Reason',
    size: 'Read',
    duration: 'Time',
  },
  causes: {
    authenticated: 'authenticated',
    'gmail-unauthenticated': 'Gmail shows "?": neither SPF nor DKIM passed',
    'spf-not-designated': 'SPF: the sending server is not in the SPF record',
    'freemail-domain': "a mailbox provider's address (gmail.com…) sent from another server",
    'provider-envelope': "the envelope sender is the hosting server's own address, not the From domain's",
    'sakura-server-host': 'Sakura: mail leaves from the server host, not the initial domain',
    'spf-none': 'SPF: no SPF record',
    'spf-neutral': 'SPF: neutral',
    'spf-permerror': 'SPF: broken record (permerror)',
    'spf-temperror': 'SPF: DNS failure at delivery (temperror)',
    'spf-pass': 'SPF passed',
    'dkim-none': 'DKIM: not signed',
    'dkim-fail': 'DKIM: signature failed',
    'dkim-pass': 'DKIM passed',
    'dmarc-fail': 'DMARC failed',
    'dmarc-pass': 'DMARC passed',
    'no-tls': 'no TLS on the hop into the receiver (red padlock)',
    'gmail-via': 'Gmail shows "via" another domain',
    'sending-ip-mismatch': 'the sending IP differs from the one SPF checked',
    'no-received': 'no Received field: route unknown',
    'no-stamps': 'no authentication stamp from a receiver',
    'untrusted-stamp': 'a stamp not written by the receiver (likely forged)',
    'from-multiple': 'From names several authors',
    'date-unreadable': 'a Received date could not be read',
    'clock-skew': 'clock skew between hops',
    'header-truncated': 'header block longer than the limit',
    'summary-mismatch': 'Gmail summary disagrees with the headers',
    'spf-today': "today's SPF record checked against the sending IP",
    'online-dns-error': 'DNS failed during the online check',
    'fix-not-verified': 'the proposed SPF record would still not pass: not offered',
    'spf-ipv6-not-covered': 'SPF failed for an IPv6 sending address (record lists IPv4 only)',
    'sent-via-provider': 'sent through a provider the SPF record does not name',
    'esp-envelope': "SPF passed for the mailing service's domain, not the From domain",
    'dkim-default-domain': "DKIM signed with the provider's default domain",
    'dkim-unaligned': 'DKIM passed for a domain unrelated to the From domain',
    'dkim-no-key': 'DKIM key not found in DNS',
    forwarded: 'forwarded: SPF judged the forwarder',
    'list-modified': "a mailing list broke the author's DKIM signature",
    'dmarc-missing': 'no DMARC record',
    'gmail-bounce': "a bounce quoting Gmail's refusal",
    'microsoft-compauth': 'Microsoft composite authentication (compauth)',
  },
  actions: {
    authenticated: null,
    'gmail-unauthenticated':
      "Make SPF or DKIM pass for the From domain: name the sending server in the domain's SPF record, or sign with a DKIM key of the domain.",
    'spf-not-designated':
      "Name the servers that really send the domain's mail in its SPF record (a server that only forges the domain stays out).",
    'freemail-domain':
      "Send from an address of your own domain, with the visitor's address in Reply-To: nobody but the provider can change a mailbox provider's records.",
    'provider-envelope':
      "Set the envelope sender (Return-Path) to an address of the From domain in the sending program, and name the server in that domain's SPF record.",
    'sakura-server-host':
      'Name the server host (a:wwwNNN.sakura.ne.jp) in the SPF record, not the initial domain (xxx.sakura.ne.jp).',
    'spf-none': 'Publish an SPF record that names the servers sending for the domain.',
    'spf-neutral': 'Name the sending servers in the SPF record and end it with ~all or -all instead of ?all.',
    'spf-permerror':
      'Repair the SPF record: one "v=spf1" record per name, valid terms, at most 10 terms that query DNS.',
    'spf-temperror':
      "Check that the domain's name servers answer; the receiver could not look the record up.",
    'spf-pass': null,
    'dkim-none':
      'Turn on DKIM signing for the From domain where the mail is sent (server or service), and publish its public key.',
    'dkim-fail':
      'Check that the published key is the one the mail is signed with, and that nothing rewrites the message after signing.',
    'dkim-pass': null,
    'dmarc-fail':
      'Make SPF (the return path) or DKIM (d=) pass for the From domain or its organisational domain; mail you did not send should keep failing.',
    'dmarc-pass': null,
    'no-tls': 'Enable STARTTLS on the sending server.',
    'gmail-via':
      'Sign with a DKIM key of the From domain, so that the authenticated domain is the From domain.',
    'sending-ip-mismatch':
      "Look at the hop into the receiver: a relay you do not know, or a forged line; the receiver's stamp is what counts.",
    'no-received':
      'Nothing to fix in DNS: a copy with no route (sent or saved mail) cannot be judged; scan the copy a recipient received.',
    'no-stamps':
      'Nothing to fix in DNS: no receiver recorded a verdict in these copies (sent or saved mail, or a receiver that writes none); scan the copy a recipient received.',
    'untrusted-stamp':
      'Nothing to fix in DNS: the line was written before delivery and is shown, not believed; treat the message with suspicion.',
    'spoofing-suspected':
      'Do not add these servers to your records: the failed checks are stopping mail that only claims to be yours.',
    'from-multiple': 'Send with one author in From; put the others in Reply-To or Cc.',
    'date-unreadable': null,
    'clock-skew': 'Check the clocks (NTP) of the servers on the route.',
    'header-truncated': null,
    'summary-mismatch': null,
    'spf-today': null,
    'online-dns-error': "Run the online check again later; the domain's name servers did not answer.",
    'fix-not-verified':
      'Find which server really sends the mail before changing the record: the usual record would still not pass.',
    'spf-ipv6-not-covered':
      'Name the sending host with "a:" (it covers its AAAA address too) or add its address with "ip6:".',
    'sent-via-provider':
      "Add the provider's SPF term (usually an include:) to the domain's record, or send through the domain's own server.",
    'esp-envelope':
      'At the mailing service, set a custom return path under your domain and turn on DKIM signing for your domain.',
    'dkim-default-domain':
      "Set up DKIM for your own domain at the provider and publish the keys it gives you, instead of its default domain's.",
    'dkim-unaligned':
      'Sign with a DKIM key of the From domain (d= the From domain or its organisational domain).',
    'dkim-no-key':
      'Publish the public key at selector._domainkey.domain (the selector and domain of the signature; the provider shows the key).',
    forwarded:
      "Nothing to fix in the author's DNS: DKIM signing lets mail survive forwarding; the forwarder should use SRS and ARC.",
    'list-modified':
      "Nothing to fix in the author's DNS: the list breaks the signature; it should not change messages, or should rewrite From.",
    'dmarc-missing':
      'Publish a DMARC record: start with p=none and a rua= address for reports, then tighten the policy.',
    'gmail-bounce':
      "Do what Gmail's refusal asks: authenticate the mail with SPF and DKIM aligned with the From domain.",
    'microsoft-compauth':
      "Make SPF or DKIM pass for a domain aligned with From: Microsoft's composite verdict follows them.",
    'port25-report': null,
  },
};

const ja: ScanCatalog = {
  overLookups: (n) =>
    `DNS を引く項目が ${n} 個あり、1 回の評価で許される 10 個を超えます（RFC 7208 §4.6.4。include: の中の項目も数えます）。一部のサーバーは ip4: か ip6: で記載してください。`,
  headline: (c) =>
    `読み込み ${jaNumber(c.read)} 通 = 解析 ${jaNumber(c.reported)} 通 + エラー ${jaNumber(c.errored)} 通`,
  counted: {
    messages: (n) => `${jaNumber(n)} 通`,
    moreErrors: (n) => `${jaNumber(n)} 件は --jsonl ファイルに記録`,
    skipped: (n) => `${jaNumber(n)} 件のファイルをスキップ（メールではない、または読まないもの）`,
    unreadable: (n) => `${jaNumber(n)} 件の入力を読めませんでした（未検査）`,
  },
  labels: {
    title: 'mailwhy scan',
    matchedDomain: '対象ドメインの送信・宛先のメッセージ',
    truncated: '途中で切れている（ヘッダーが終わっていない）',
    all: '全メッセージ',
    byFromDomain: 'From ドメイン別',
    bySendingHost: '送信サーバー別',
    shownOf: '件を表示 / 全',
    gmailQ: 'Gmail の「?」',
    causes: '原因',
    topCauses: '主な原因と修正',
    fix: '修正',
    noFix: 'この原因に対して公開する DNS レコードはありません',
    action: '対処',
    spfRecords: 'ドメインごとに 1 つの SPF レコード',
    spfRecordsNote:
      '1 つのドメインが公開できる SPF レコードは 1 つだけです。上の修正をまとめました。実際にそのドメインのメールを送っているサーバーだけを残し、現在公開しているレコードとまとめてください。',
    spfSenders: '送信サーバー（通数）',
    noFromDomain: '（From ドメインなし）',
    unknownHost: '（送信サーバー不明）',
    errors: 'エラー（解析できなかったメッセージ・エントリ）',
    interrupted: '中断しました。ここまでの集計です。',
    stoppedAt: '中断位置',
    nothing: 'メッセージが見つかりませんでした。',
    noneMatched:
      'このドメイン（またはそのサブドメイン）からの、またはこのドメイン宛てのメッセージはありません。',
    period: '期間',
    noDates: '日付なし',
    rate: '通/秒',
    authenticated: '認証済み',
    check: '検査',
    results: '結果（通数）',
    fromDomain: 'From ドメイン',
    sendingHost: '送信サーバー',
    provider: '事業者',
    messageCount: '通数',
    withProblems: '問題あり',
    first: '最初',
    last: '最後',
    position: '位置',
    error: 'エラー',
    file: 'ファイル',
    reason: '理由',
    size: '読み込み',
    duration: '時間',
  },
  causes: {
    authenticated: '認証済み',
    'gmail-unauthenticated': 'Gmail で「?」表示: SPF も DKIM も合格していない',
    'spf-not-designated': 'SPF: 送信サーバーが SPF レコードに含まれていない',
    'freemail-domain': 'メールサービスのアドレス（gmail.com など）を別のサーバーから送信',
    'provider-envelope': 'エンベロープ送信者が From ドメインではなくサーバー自身のアドレス',
    'sakura-server-host': 'さくら: 送信元はサーバーホストで、初期ドメインではない',
    'spf-none': 'SPF: SPF レコードがない',
    'spf-neutral': 'SPF: neutral（判定なし）',
    'spf-permerror': 'SPF: レコードの誤り（permerror）',
    'spf-temperror': 'SPF: 配送時の DNS 障害（temperror）',
    'spf-pass': 'SPF 合格',
    'dkim-none': 'DKIM: 署名なし',
    'dkim-fail': 'DKIM: 署名の検証に失敗',
    'dkim-pass': 'DKIM 合格',
    'dmarc-fail': 'DMARC 不合格',
    'dmarc-pass': 'DMARC 合格',
    'no-tls': '受信サーバーへの経路が TLS なし（赤い鍵）',
    'gmail-via': 'Gmail で別ドメインの「経由」表示',
    'sending-ip-mismatch': '送信 IP が SPF の検査対象 IP と異なる',
    'no-received': 'Received ヘッダーがなく経路が不明',
    'no-stamps': '受信サーバーの認証結果がない',
    'untrusted-stamp': '受信サーバー以外が書いた認証結果（偽装の可能性）',
    'from-multiple': 'From に複数の差出人',
    'date-unreadable': 'Received の日付が読めない',
    'clock-skew': '中継サーバー間の時刻のずれ',
    'header-truncated': 'ヘッダーが上限を超えている',
    'summary-mismatch': 'Gmail の概要とヘッダーの判定が食い違う',
    'spf-today': '現在の SPF レコードを送信 IP で検査',
    'online-dns-error': 'オンライン検査中の DNS 障害',
    'fix-not-verified': '提案した SPF レコードでも合格しないため提示しない',
    'spf-ipv6-not-covered': 'IPv6 の送信元で SPF 不合格（レコードが IPv4 のみ）',
    'sent-via-provider': 'SPF レコードにない事業者経由で送信',
    'esp-envelope': 'SPF 合格は配信サービスのドメインで、From ドメインではない',
    'dkim-default-domain': '事業者の既定ドメインで DKIM 署名',
    'dkim-unaligned': 'From ドメインと無関係なドメインで DKIM 合格',
    'dkim-no-key': 'DKIM の公開鍵が DNS にない',
    forwarded: '転送: SPF は転送サーバーを判定',
    'list-modified': 'メーリングリストが作成者の DKIM 署名を壊した',
    'dmarc-missing': 'DMARC レコードがない',
    'gmail-bounce': 'Gmail の拒否を引用したエラーメール',
    'microsoft-compauth': 'Microsoft の複合認証（compauth）',
  },
  actions: {
    authenticated: null,
    'gmail-unauthenticated':
      'From ドメインで SPF か DKIM を合格させる。ドメインの SPF レコードに送信サーバーを記載するか、ドメインの鍵で DKIM 署名する。',
    'spf-not-designated':
      '実際にそのドメインのメールを送っているサーバーを SPF レコードに記載する（ドメインを騙るだけのサーバーは加えない）。',
    'freemail-domain':
      '自分のドメインのアドレスから送り、訪問者のアドレスは Reply-To に書く。メールサービスのドメインのレコードはサービス以外には変えられない。',
    'provider-envelope':
      '送信するプログラムでエンベロープ送信者（Return-Path）を From ドメインのアドレスにし、そのドメインの SPF レコードに送信サーバーを記載する。',
    'sakura-server-host':
      'SPF レコードには初期ドメイン（xxx.sakura.ne.jp）ではなくサーバーホスト（a:wwwNNN.sakura.ne.jp）を記載する。',
    'spf-none': 'ドメインのメールを送るサーバーを記載した SPF レコードを公開する。',
    'spf-neutral': '送信サーバーを SPF レコードに記載し、末尾を ?all ではなく ~all か -all にする。',
    'spf-permerror':
      'SPF レコードを修正する。1 つの名前に「v=spf1」のレコードは 1 件、正しい項目、DNS を引く項目は 10 個まで。',
    'spf-temperror': 'ドメインのネームサーバーが応答するか確認する。受信サーバーはレコードを引けなかった。',
    'spf-pass': null,
    'dkim-none':
      'メールを送るサーバーやサービスで From ドメインの DKIM 署名を有効にし、公開鍵を DNS に公開する。',
    'dkim-fail':
      '公開している鍵が署名に使う鍵と同じか、署名後にメッセージを書き換える中継がないかを確認する。',
    'dkim-pass': null,
    'dmarc-fail':
      'SPF（Return-Path のドメイン）か DKIM（d=）を、From ドメインまたはその組織ドメインで合格させる。送っていないメールは不合格のままでよい。',
    'dmarc-pass': null,
    'no-tls': '送信サーバーで STARTTLS を有効にする。',
    'gmail-via': 'From ドメインの鍵で DKIM 署名し、認証されるドメインを From ドメインにする。',
    'sending-ip-mismatch':
      '受信サーバーへの中継を確認する（知らない中継か、偽造された行）。判断の基準は受信サーバーの記録。',
    'no-received':
      'DNS で直すものはない。経路のない控え（送信済み・保存したメール）は判定できないので、受信者が受け取ったメールを調べる。',
    'no-stamps':
      'DNS で直すものはない。受信サーバーの判定が記録されていない（送信済み・保存したメール、または結果を書かない受信サーバー）ので、受信者が受け取ったメールを調べる。',
    'untrusted-stamp':
      'DNS で直すものはない。配送前に書かれた行で、表示はしても信用しない。メッセージ自体を疑って扱う。',
    'spoofing-suspected':
      'これらのサーバーをレコードに加えない。認証の失敗は、あなたのドメインを騙るメールを止めている。',
    'from-multiple': 'From には差出人を 1 人だけ書き、ほかの人は Reply-To か Cc に書く。',
    'date-unreadable': null,
    'clock-skew': '経路上のサーバーの時計（NTP）を確認する。',
    'header-truncated': null,
    'summary-mismatch': null,
    'spf-today': null,
    'online-dns-error':
      'しばらくしてからオンライン検査をやり直す。ドメインのネームサーバーが応答しなかった。',
    'fix-not-verified':
      'レコードを変える前に、実際にどのサーバーが送っているかを確かめる。通常の修正ではまだ合格しない。',
    'spf-ipv6-not-covered':
      '送信ホストを「a:」で記載する（AAAA のアドレスも対象になる）か、「ip6:」でアドレスを加える。',
    'sent-via-provider':
      '事業者の SPF の項目（多くは include:）をドメインのレコードに加えるか、ドメイン自身のサーバーから送る。',
    'esp-envelope':
      '配信サービスで、Return-Path を自分のドメインのもの（カスタム Return-Path）にし、自分のドメインの DKIM 署名を有効にする。',
    'dkim-default-domain':
      '事業者の既定ドメインではなく、自分のドメインの DKIM を事業者で設定し、渡される鍵を DNS に公開する。',
    'dkim-unaligned': 'From ドメインの鍵で DKIM 署名する（d= を From ドメインかその組織ドメインにする）。',
    'dkim-no-key':
      'selector._domainkey.domain（署名のセレクタとドメイン）に公開鍵を公開する。鍵は事業者の管理画面に出ている。',
    forwarded:
      '作成者の DNS で直すものはない。DKIM 署名があれば転送後も認証される。転送サーバーは SRS と ARC を使うべき。',
    'list-modified':
      '作成者の DNS で直すものはない。署名を壊しているのはメーリングリスト。リストはメッセージを変えないか、From を書き換えるべき。',
    'dmarc-missing':
      'DMARC レコードを公開する。まず p=none とレポートの宛先（rua=）で始め、レポートを見てからポリシーを強める。',
    'gmail-bounce': 'Gmail の拒否理由に従う。From ドメインと一致する SPF と DKIM でメールを認証する。',
    'microsoft-compauth':
      'From と一致するドメインで SPF か DKIM を合格させる。Microsoft の複合認証はそれに従う。',
    'port25-report': null,
  },
};

export const scanCatalogs: Record<Lang, ScanCatalog> = { en, ja };
