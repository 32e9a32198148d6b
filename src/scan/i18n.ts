/**
 * Wording of the scan summary, Japanese and English. The compiler checks both catalogs are complete:
 * every label and every finding code has its text in each language.
 */
import type { FindingCode } from '../diagnose/findings.js';
import type { Lang } from '../report.js';

export type ScanLabel =
  | 'title'
  | 'read'
  | 'reported'
  | 'errored'
  | 'matchedDomain'
  | 'truncated'
  | 'all'
  | 'byFromDomain'
  | 'bySendingHost'
  | 'shownOf'
  | 'messages'
  | 'gmailQ'
  | 'causes'
  | 'topCauses'
  | 'fix'
  | 'noFix'
  | 'errors'
  | 'moreErrors'
  | 'skipped'
  | 'interrupted'
  | 'stoppedAt'
  | 'nothing'
  | 'period'
  | 'rate';

export interface ScanCatalog {
  labels: Record<ScanLabel, string>;
  /** One short line per finding code: what the cause is. */
  causes: Record<FindingCode, string>;
}

const en: ScanCatalog = {
  labels: {
    title: 'mailwhy scan',
    read: 'messages read',
    reported: 'reported',
    errored: 'errors',
    matchedDomain: 'messages from or for',
    truncated: 'cut short (header block not closed)',
    all: 'All messages',
    byFromDomain: 'By From domain',
    bySendingHost: 'By sending host',
    shownOf: 'shown of',
    messages: 'messages',
    gmailQ: 'Gmail "?"',
    causes: 'causes',
    topCauses: 'Top causes and their fixes',
    fix: 'fix',
    noFix: 'no DNS record to publish for this cause',
    errors: 'Errors (message or entry not analysed)',
    moreErrors: 'more in the --jsonl file',
    skipped: 'files skipped (not mail)',
    interrupted: 'Interrupted: this is the summary so far.',
    stoppedAt: 'stopped after',
    nothing: 'No messages found.',
    period: 'dates',
    rate: 'messages/s',
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
    'date-unreadable': 'a Received date could not be read',
    'clock-skew': 'clock skew between hops',
    'header-truncated': 'header block longer than the limit',
    'summary-mismatch': 'Gmail summary disagrees with the headers',
    'spf-today': "today's SPF record checked against the sending IP",
    'online-dns-error': 'DNS failed during the online check',
    'fix-not-verified': 'the proposed SPF record would still not pass: not offered',
  },
};

const ja: ScanCatalog = {
  labels: {
    title: 'mailwhy scan',
    read: '読み込んだメッセージ',
    reported: '解析',
    errored: 'エラー',
    matchedDomain: '対象ドメインの送信・宛先のメッセージ',
    truncated: '途中で切れている(ヘッダーが終わっていない)',
    all: '全メッセージ',
    byFromDomain: 'From ドメイン別',
    bySendingHost: '送信サーバー別',
    shownOf: '件を表示 / 全',
    messages: '通',
    gmailQ: 'Gmail の「?」',
    causes: '原因',
    topCauses: '主な原因と修正',
    fix: '修正',
    noFix: 'この原因に対して公開する DNS レコードはありません',
    errors: 'エラー(解析できなかったメッセージ・エントリ)',
    moreErrors: '件は --jsonl ファイルに記録',
    skipped: '件のファイルをスキップ(メールではない)',
    interrupted: '中断しました。ここまでの集計です。',
    stoppedAt: '中断位置',
    nothing: 'メッセージが見つかりませんでした。',
    period: '期間',
    rate: '通/秒',
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
    'date-unreadable': 'Received の日付が読めない',
    'clock-skew': '中継サーバー間の時刻のずれ',
    'header-truncated': 'ヘッダーが上限を超えている',
    'summary-mismatch': 'Gmail の概要とヘッダーの判定が食い違う',
    'spf-today': '現在の SPF レコードを送信 IP で検査',
    'online-dns-error': 'オンライン検査中の DNS 障害',
    'fix-not-verified': '提案した SPF レコードでも合格しないため提示しない',
  },
};

export const scanCatalogs: Record<Lang, ScanCatalog> = { en, ja };
