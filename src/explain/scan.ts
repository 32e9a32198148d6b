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
  | 'errors'
  | 'interrupted'
  | 'stoppedAt'
  | 'nothing'
  | 'noneMatched'
  | 'period'
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
  /** "N messages read = R reported + E errors": the sentence that says nothing was lost. */
  headline: (c: HeadlineCounts) => string;
  /**
   * A short line per finding code: what the cause is, without the message's particulars. Partial on
   * purpose: the diagnosis gains codes often, and a code without a line here is shown with the
   * report's own title for it (worded by src/explain, in the same language). A test checks both
   * languages cover the same codes.
   */
  causes: Partial<Record<FindingCode, string>>;
}

const enNumber = (n: number): string => n.toLocaleString('en-US');
const enCount = (n: number, one: string, many: string): string => `${enNumber(n)} ${n === 1 ? one : many}`;
const jaNumber = (n: number): string => n.toLocaleString('ja-JP');

const en: ScanCatalog = {
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
    errors: 'Errors (message or entry not analysed)',
    interrupted: 'Interrupted: this is the summary so far.',
    stoppedAt: 'stopped after',
    nothing: 'No messages found.',
    noneMatched: 'No message is from or for this domain or a subdomain of it.',
    period: 'dates',
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
};

const ja: ScanCatalog = {
  headline: (c) =>
    `読み込み ${jaNumber(c.read)} 通 = 解析 ${jaNumber(c.reported)} 通 + エラー ${jaNumber(c.errored)} 通`,
  counted: {
    messages: (n) => `${jaNumber(n)} 通`,
    moreErrors: (n) => `${jaNumber(n)} 件は --jsonl ファイルに記録`,
    skipped: (n) => `${jaNumber(n)} 件のファイルをスキップ(メールではない、または読まないもの)`,
    unreadable: (n) => `${jaNumber(n)} 件の入力を読めませんでした(未検査)`,
  },
  labels: {
    title: 'mailwhy scan',
    matchedDomain: '対象ドメインの送信・宛先のメッセージ',
    truncated: '途中で切れている(ヘッダーが終わっていない)',
    all: '全メッセージ',
    byFromDomain: 'From ドメイン別',
    bySendingHost: '送信サーバー別',
    shownOf: '件を表示 / 全',
    gmailQ: 'Gmail の「?」',
    causes: '原因',
    topCauses: '主な原因と修正',
    fix: '修正',
    noFix: 'この原因に対して公開する DNS レコードはありません',
    errors: 'エラー(解析できなかったメッセージ・エントリ)',
    interrupted: '中断しました。ここまでの集計です。',
    stoppedAt: '中断位置',
    nothing: 'メッセージが見つかりませんでした。',
    noneMatched:
      'このドメイン(またはそのサブドメイン)からの、またはこのドメイン宛てのメッセージはありません。',
    period: '期間',
    rate: '通/秒',
    authenticated: '認証済み',
    check: '検査',
    results: '結果(通数)',
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
    'sakura-server-host': 'さくら: 送信元はサーバーホストで、初期ドメインではない',
    'spf-none': 'SPF: SPF レコードがない',
    'spf-neutral': 'SPF: neutral(判定なし)',
    'spf-permerror': 'SPF: レコードの誤り(permerror)',
    'spf-temperror': 'SPF: 配送時の DNS 障害(temperror)',
    'spf-pass': 'SPF 合格',
    'dkim-none': 'DKIM: 署名なし',
    'dkim-fail': 'DKIM: 署名の検証に失敗',
    'dkim-pass': 'DKIM 合格',
    'dmarc-fail': 'DMARC 不合格',
    'dmarc-pass': 'DMARC 合格',
    'no-tls': '受信サーバーへの経路が TLS なし(赤い鍵)',
    'gmail-via': 'Gmail で別ドメインの「経由」表示',
    'sending-ip-mismatch': '送信 IP が SPF の検査対象 IP と異なる',
    'no-received': 'Received ヘッダーがなく経路が不明',
    'no-stamps': '受信サーバーの認証結果がない',
    'untrusted-stamp': '受信サーバー以外が書いた認証結果(偽装の可能性)',
    'from-multiple': 'From に複数の差出人',
    'date-unreadable': 'Received の日付が読めない',
    'clock-skew': '中継サーバー間の時刻のずれ',
    'header-truncated': 'ヘッダーが上限を超えている',
    'summary-mismatch': 'Gmail の概要とヘッダーの判定が食い違う',
    'spf-today': '現在の SPF レコードを送信 IP で検査',
    'online-dns-error': 'オンライン検査中の DNS 障害',
    'fix-not-verified': '提案した SPF レコードでも合格しないため提示しない',
    'spf-ipv6-not-covered': 'IPv6 の送信元で SPF 不合格(レコードが IPv4 のみ)',
    'sent-via-provider': 'SPF レコードにない事業者経由で送信',
    'esp-envelope': 'SPF 合格は配信サービスのドメインで、From ドメインではない',
    'dkim-default-domain': '事業者の既定ドメインで DKIM 署名',
    'dkim-unaligned': 'From ドメインと無関係なドメインで DKIM 合格',
    'dkim-no-key': 'DKIM の公開鍵が DNS にない',
    forwarded: '転送: SPF は転送サーバーを判定',
    'list-modified': 'メーリングリストが作成者の DKIM 署名を壊した',
    'dmarc-missing': 'DMARC レコードがない',
    'gmail-bounce': 'Gmail の拒否を引用したエラーメール',
    'microsoft-compauth': 'Microsoft の複合認証(compauth)',
  },
};

export const scanCatalogs: Record<Lang, ScanCatalog> = { en, ja };
