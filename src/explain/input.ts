/**
 * Why explain could not read an input, and what it could not do with one it read, in English and
 * Japanese: the one line explain prints on standard error, in the language of its reports. The
 * compiler checks both catalogs are complete.
 */
import type { Lang } from '../report.js';

/** Every problem, in catalog order. */
export const INPUT_PROBLEMS = [
  'empty',
  'archive',
  'binary',
  'binary-nul',
  'no-such-file',
  'permission-denied',
  'directory',
  'not-a-directory',
  'link-loop',
  'no-header',
  'mailbox-too-large',
  'first-message-fills-read',
] as const;

export type InputProblem = (typeof INPUT_PROBLEMS)[number];

/** What a problem's wording needs: the read limit, and the messages seen within it. */
export interface InputProblemArgs {
  mib: number;
  messages: number;
}

type Catalog = Record<InputProblem, (a: InputProblemArgs) => string>;

const en: Catalog = {
  empty: () => 'the input is empty',
  archive: () =>
    'an archive or compressed file, not a message ("mailwhy scan" reads .zip, .tgz and .gz archives of mail)',
  binary: () => 'binary data, not a mail message',
  'binary-nul': () => 'binary data, not a mail message (it contains NUL bytes)',
  'no-such-file': () => 'no such file',
  'permission-denied': () => 'permission denied',
  directory: () => 'is a directory (use "mailwhy scan" for folders and mailboxes)',
  'not-a-directory': () => 'not a directory in the path',
  'link-loop': () => 'too many symbolic links',
  'no-header': () => 'no header fields found: not a mail message',
  'mailbox-too-large': (a) =>
    `a mailbox larger than ${a.mib} MiB (${a.messages}+ messages): "mailwhy scan" reads whole mailboxes`,
  'first-message-fills-read': (a) =>
    `only the first ${a.mib} MiB were read; if this is a mailbox, "mailwhy scan" reads all of its messages`,
};

const ja: Catalog = {
  empty: () => '入力が空です',
  archive: () =>
    'アーカイブ（圧縮ファイル）で、メールではありません（メールの .zip、.tgz、.gz は「mailwhy scan」で読めます）',
  binary: () => 'バイナリデータで、メールではありません',
  'binary-nul': () => 'バイナリデータで、メールではありません（NUL バイトを含みます）',
  'no-such-file': () => 'ファイルがありません',
  'permission-denied': () => '読み取る権限がありません',
  directory: () => 'フォルダーです（フォルダーやメールボックスは「mailwhy scan」で調べます）',
  'not-a-directory': () => 'パスの途中がフォルダーではありません',
  'link-loop': () => 'シンボリックリンクが多すぎます',
  'no-header': () => 'ヘッダーが見つかりません（メールではありません）',
  'mailbox-too-large': (a) =>
    `${a.mib} MiB を超えるメールボックスです（${a.messages} 通以上）。メールボックス全体は「mailwhy scan」で調べます`,
  'first-message-fills-read': (a) =>
    `先頭の ${a.mib} MiB だけを読みました。メールボックスなら、すべてのメールは「mailwhy scan」で調べます`,
};

const catalogs: Record<Lang, Catalog> = { en, ja };

export function inputProblemText(lang: Lang, problem: InputProblem, args: InputProblemArgs): string {
  return catalogs[lang][problem](args);
}
