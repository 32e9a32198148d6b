/**
 * The page's own words (its controls, status line and read errors), complete in both languages. The
 * report itself is worded by src/explain; these are only the page around it.
 */
import type { Lang } from '../src/report.js';
import type { ReadErrorCode, ReadNoticeCode } from './read.js';

export interface PageTexts {
  title: string;
  tagline: string;
  inputTitle: string;
  dropTitle: string;
  dropHint: string;
  dropping: string;
  pasteLabel: string;
  explain: string;
  clear: string;
  langLabel: string;
  audienceLabel: string;
  forAdmins: string;
  forUsers: string;
  copy: string;
  copied: string;
  copyFailed: string;
  reading: string;
  privacy: string;
  /** The live region's sentence once reports are shown. */
  status: (s: { total: number; authenticated: number; first: string | null; errors: number }) => string;
  readError: Record<ReadErrorCode, string>;
  /** Said beside a report that is shown, about its input. */
  readNotice: Record<ReadNoticeCode, string>;
}

export const pageTexts: Record<Lang, PageTexts> = {
  en: {
    title: 'mailwhy — why was this mail (not) authenticated?',
    tagline: 'Why Gmail shows a "?" — from the message’s own headers. Nothing leaves this page.',
    inputTitle: 'Your message',
    dropTitle: 'Drop .eml files here, or choose files',
    dropHint: 'Gmail: ⋮ → “Download message” (.eml), or a saved “Show original” page',
    dropping: 'Release to explain the files',
    pasteLabel: 'Or paste the text of Gmail’s “Show original” page, or just the header block',
    explain: 'Explain',
    clear: 'Clear',
    langLabel: 'Language',
    audienceLabel: 'Detail',
    forAdmins: 'for admins',
    forUsers: 'for users',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Select the text and copy it',
    reading: 'Reading…',
    privacy:
      'mailwhy runs entirely in this page: the message is read here and sent nowhere (the page is not allowed to make any request). Open source: the same analysis as the mailwhy command.',
    status: ({ total, authenticated, first, errors }) => {
      const err = errors > 0 ? ` ${errors} file${errors === 1 ? '' : 's'} could not be read.` : '';
      if (total === 0) return err.trim();
      if (total === 1) return `${first ?? ''}${err}`;
      return `${total} messages explained: ${authenticated} authenticated, ${total - authenticated} not.${err}`;
    },
    readError: {
      empty: 'the file is empty',
      archive:
        'an archive or compressed file, not a message: unpack it first; "mailwhy scan" on the command line reads .zip, .tgz and .gz archives of mail',
      binary: 'binary data, not a mail message',
      'no-header': 'no header fields found: not a mail message',
      unreadable: 'the file could not be read',
      'mailbox-too-large':
        'a mailbox larger than 8 MiB: the page explains messages; "mailwhy scan" on the command line reads whole mailboxes',
      internal: 'mailwhy failed on this file (a bug: please report it, with the file if you can share it)',
    },
    readNotice: {
      'first-message-fills-read':
        'only the first 8 MiB were read and explained: if this is a mailbox, "mailwhy scan" on the command line reads all of its messages',
    },
  },
  ja: {
    title: 'mailwhy — このメールはなぜ認証された（されなかった）のか',
    tagline:
      'Gmail に「?」が出る理由を、メール自身のヘッダーから説明します。データはこのページの外に出ません。',
    inputTitle: 'メッセージ',
    dropTitle: '.eml ファイルをここにドロップ、またはファイルを選択',
    dropHint:
      'Gmail：⋮ →「メッセージをダウンロード」(.eml)、または保存した「メッセージのソースを表示」ページ',
    dropping: '離すと説明します',
    pasteLabel: 'または Gmail の「メッセージのソースを表示」の内容か、ヘッダー部分だけを貼り付け',
    explain: '説明する',
    clear: 'クリア',
    langLabel: '言語',
    audienceLabel: '詳しさ',
    forAdmins: '管理者向け',
    forUsers: '利用者向け',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: '文字を選択してコピーしてください',
    reading: '読み込み中…',
    privacy:
      'mailwhy はこのページの中だけで動きます。メッセージはここで読まれ、どこにも送られません（このページは通信を一切許可されていません）。オープンソース：mailwhy コマンドと同じ解析です。',
    status: ({ total, authenticated, first, errors }) => {
      const err = errors > 0 ? ` ${errors} 件のファイルを読めませんでした。` : '';
      if (total === 0) return err.trim();
      if (total === 1) return `${first ?? ''}${err}`;
      return `${total} 件を説明しました：認証済み ${authenticated} 件、未認証 ${total - authenticated} 件。${err}`;
    },
    readError: {
      empty: 'ファイルが空です',
      archive:
        'アーカイブ（圧縮ファイル）で、メールではありません。展開してから読み込んでください。メールの .zip、.tgz、.gz はコマンドラインの「mailwhy scan」で読めます',
      binary: 'バイナリデータです（メールではありません）',
      'no-header': 'ヘッダーが見つかりません（メールではありません）',
      unreadable: 'ファイルを読めませんでした',
      'mailbox-too-large':
        '8 MiB を超えるメールボックスです。このページはメールを 1 通ずつ説明します。メールボックス全体はコマンドラインの「mailwhy scan」で調べてください',
      internal:
        'mailwhy の不具合でこのファイルを解析できませんでした（できればファイルを添えて報告してください）',
    },
    readNotice: {
      'first-message-fills-read':
        '先頭の 8 MiB だけを読んで説明しました。メールボックスなら、すべてのメールはコマンドラインの「mailwhy scan」で調べてください',
    },
  },
};
