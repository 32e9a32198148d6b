/**
 * Why a message or a file was not analysed: the reasons the scan writes into its records (errors,
 * skipped files, unreadable inputs). The data keeps them in English (the JSON summary, the JSON
 * lines and the CSV are read by programs); the text and HTML summaries word them in the summary's
 * language with `reasonIn`. A reason is one of the fixed texts below, or a prefix below, ': ' and a
 * detail (a library's message, a count), which stays as it is unless it is itself a fixed text.
 */
import type { Lang } from '../report.js';

/** Reasons that are the whole text. */
export const REASON = {
  noHeaderBlock: 'no header block: the message starts with an empty line',
  noHeaderFields: 'no header fields: not a mail message',
  nestedTooDeep: 'archive nested too deep: refused',
  zipInArchive: 'a zip inside an archive is not read: extract it first',
  notMailInput: 'not a mailbox, a message or an archive of them',
  notMail: 'not mail',
  ownOutput: "this scan's own output",
  brokenLink: 'broken symbolic link',
  linkLoop: 'a link to a folder already read (a loop)',
  notAFile: 'not a file (a socket, a pipe or a device)',
  noSuchFile: 'no such file',
  noSuchPath: 'no such file or folder',
  nulInName: 'NUL in the name',
  absolutePath: 'absolute path',
  traversal: 'path traversal (..)',
  archiveLink: 'a link inside an archive (not followed)',
} as const;

/** Reasons followed by ': ' and a detail. */
export const REASON_PREFIX = {
  analysisFailed: 'analysis failed',
  workerFailed: 'analysis worker failed',
  unreadable: 'unreadable',
  stoppedReading: 'stopped reading',
  tarUnreadable: 'tar archive unreadable',
  zipUnreadable: 'zip archive unreadable',
  notAZip: 'not a readable zip archive',
  zipWithoutDirectory: 'zip archive without its central directory (cut short?)',
  entryRefused: 'archive entry refused',
  entryUnreadable: 'archive entry unreadable',
  junkBeforeFirst: 'text before the first From_ line, not a message',
} as const;

/** `prefix: detail`, as the records carry it. */
export function withDetail(
  prefix: (typeof REASON_PREFIX)[keyof typeof REASON_PREFIX],
  detail: string,
): string {
  return `${prefix}: ${detail}`;
}

const JA_REASON: Record<keyof typeof REASON, string> = {
  noHeaderBlock: 'ヘッダーがありません（メッセージが空行で始まっています）',
  noHeaderFields: 'ヘッダーフィールドがありません（メールではありません）',
  nestedTooDeep: 'アーカイブの入れ子が深すぎるため読みません',
  zipInArchive: 'アーカイブ内の zip は読みません（先に展開してください）',
  notMailInput: 'メールボックス、メール、それらのアーカイブのどれでもありません',
  notMail: 'メールではありません',
  ownOutput: 'このスキャン自身の出力ファイル',
  brokenLink: 'リンク先のないシンボリックリンク',
  linkLoop: '読み込み済みのフォルダーへのリンク（ループ）',
  notAFile: 'ファイルではありません（ソケット、パイプ、デバイス）',
  noSuchFile: 'ファイルがありません',
  noSuchPath: 'ファイルもフォルダーもありません',
  nulInName: '名前に NUL 文字があります',
  absolutePath: '絶対パスです',
  traversal: 'パスが上のフォルダーを指しています（..）',
  archiveLink: 'アーカイブ内のリンク（たどりません）',
};

const JA_PREFIX: Record<keyof typeof REASON_PREFIX, string> = {
  analysisFailed: '解析に失敗しました',
  workerFailed: '解析スレッドが失敗しました',
  unreadable: '読めません',
  stoppedReading: '読み込みが途中で止まりました',
  tarUnreadable: 'tar アーカイブを読めません',
  zipUnreadable: 'zip アーカイブを読めません',
  notAZip: '読める zip アーカイブではありません',
  zipWithoutDirectory: '中央ディレクトリのない zip アーカイブです（途中で切れている？）',
  entryRefused: 'アーカイブのエントリーを拒否しました',
  entryUnreadable: 'アーカイブのエントリーを読めません',
  junkBeforeFirst: '最初の From_ 行より前の部分（メッセージではありません）',
};

const jaWhole = new Map<string, string>(
  (Object.keys(REASON) as (keyof typeof REASON)[]).map((k) => [REASON[k], JA_REASON[k]]),
);
const jaPrefix = new Map<string, string>(
  (Object.keys(REASON_PREFIX) as (keyof typeof REASON_PREFIX)[]).map((k) => [REASON_PREFIX[k], JA_PREFIX[k]]),
);

/** A record's reason in the summary's language (a detail from elsewhere stays as written). */
export function reasonIn(lang: Lang, reason: string): string {
  if (lang === 'en') return reason;
  const whole = jaWhole.get(reason);
  if (whole !== undefined) return whole;
  for (const [en, ja] of jaPrefix) {
    if (!reason.startsWith(`${en}: `)) continue;
    const detail = reason.slice(en.length + 2);
    return `${ja}: ${jaWhole.get(detail) ?? detail}`;
  }
  return reason;
}
