/**
 * `--audience user`: for the person who saw the "?" — at most 8 short lines, no jargon left
 * unexplained (a technical word appears only in parentheses after plain words), saying what the mark
 * means, whether to worry, and who must change what. Copy-ready for a support reply.
 */
import type { Finding } from '../diagnose/findings.js';
import { providerName } from '../diagnose/providers/index.js';
import type { Lang, Report } from '../report.js';

/** The situation the lines describe, chosen from the findings. */
export type UserSituation =
  | 'authenticated'
  | 'authenticated-via'
  | 'spoofing'
  | 'forwarded'
  | 'mailing-list'
  | 'bounce'
  | 'freemail'
  | 'sender-setup'
  | 'no-evidence';

function has(report: Report, code: Finding['code']): boolean {
  return report.findings.some((f) => f.code === code);
}

export function userSituation(report: Report): UserSituation {
  if (has(report, 'gmail-bounce')) return 'bounce';
  if (has(report, 'spoofing-suspected')) return 'spoofing';
  if (has(report, 'no-stamps')) return 'no-evidence';
  if (has(report, 'forwarded') && report.gmail.unauthenticated) return 'forwarded';
  if (has(report, 'list-modified') && report.gmail.unauthenticated) return 'mailing-list';
  // A mailbox provider's address (gmail.com…) sent by another server: nothing to change at the domain.
  if (has(report, 'freemail-domain')) return 'freemail';
  if (report.gmail.unauthenticated) return 'sender-setup';
  // Authenticated, but under another domain's name: Gmail shows "via", not "?".
  if (report.gmail.via) return 'authenticated-via';
  if (report.findings.some((f) => f.severity === 'error')) return 'sender-setup';
  return 'authenticated';
}

/** What the sender's administrator must change, in plain words (one line), or null. */
function whatToChange(report: Report, lang: Lang): string | null {
  const spfFix = report.fixes.find((f) => f.value.startsWith('v=spf1'));
  const host = report.sendingHost?.rdns ?? report.sendingHost?.helo ?? report.sendingHost?.ip ?? null;
  const noDkim = report.findings.some(
    (f) => f.code === 'dkim-none' || f.code === 'dkim-no-key' || f.code === 'dkim-default-domain',
  );
  const parts: string[] = [];
  const envelope = report.findings.some((f) => f.code === 'provider-envelope');
  if (lang === 'ja') {
    if (envelope)
      parts.push(
        '送信するプログラムが使う、表に出ない差出人アドレス（エンベロープ送信者、Return-Path）をドメインのアドレスにする',
      );
    if (spfFix && host)
      parts.push(`送信サーバー ${host} をドメインの「送信を許可するサーバーの一覧」（SPF レコード）に加える`);
    else if (spfFix) parts.push('ドメインの「送信を許可するサーバーの一覧」（SPF レコード）を直す');
    if (noDkim) parts.push('送信メールへの電子署名（DKIM）を有効にする');
    return parts.length ? `変更する内容：${parts.join('、')}。` : null;
  }
  if (envelope)
    parts.push(
      'make the sending program use an address of the domain as its hidden sender address (the envelope sender, Return-Path)',
    );
  if (spfFix && host)
    parts.push(`add the mail server ${host} to the domain's list of allowed senders (its SPF record)`);
  else if (spfFix) parts.push("correct the domain's list of allowed senders (its SPF record)");
  if (noDkim) parts.push('turn on the digital signature of outgoing mail (DKIM)');
  return parts.length ? `What to change: ${parts.join(', and ')}.` : null;
}

export function userLines(report: Report): string[] {
  const lang = report.lang;
  // A bounce's own From is the mailer daemon: the domain at fault is the one Gmail's reply names.
  const bounce = report.findings.find((f) => f.code === 'gmail-bounce');
  const bounceDomain = bounce?.code === 'gmail-bounce' ? bounce.args.domain : null;
  const domain =
    bounceDomain ??
    (bounce ? null : (report.message.fromDomain ?? report.message.envelopeDomain)) ??
    (lang === 'ja' ? '送信者のドメイン' : "the sender's domain");
  const provider = report.sendingHost?.provider ? providerName(report.sendingHost.provider, lang) : null;
  const situation = userSituation(report);
  const change = whatToChange(report, lang);
  const lines: (string | null)[] =
    lang === 'ja'
      ? ja(situation, report, domain, provider, change)
      : en(situation, report, domain, provider, change);
  return lines.filter((l): l is string => l !== null).slice(0, 8);
}

function en(
  s: UserSituation,
  r: Report,
  domain: string,
  provider: string | null,
  change: string | null,
): (string | null)[] {
  switch (s) {
    case 'authenticated':
      return [
        `This message passed the checks: it really comes from ${domain}.`,
        'Gmail shows no "?" for it. Nothing to do.',
      ];
    case 'authenticated-via':
      return [
        `This message passed the checks, but Gmail shows "via ${r.gmail.via}": it was sent through that service on behalf of ${domain}.`,
        'That is common for newsletters and is not a warning. Nothing to do.',
        `The administrator of ${domain} can make "via" disappear by signing the mail with the domain's own key (DKIM).`,
      ];
    case 'spoofing':
      return [
        `The "?" means Gmail could not confirm that this message comes from ${domain}.`,
        `Here the signs show it was probably sent by someone else pretending to be ${domain}.`,
        'Do not click its links, open its attachments, or send money or passwords.',
        'If in doubt, contact the sender by a phone number or address you already know.',
        `Nothing needs to change at ${domain}: its protection worked.`,
      ];
    case 'forwarded':
      return [
        `The "?" means Gmail could not confirm the sender, because the message was forwarded on the way${r.sendingHost?.rdns ? ` (by ${r.sendingHost.rdns})` : ''}.`,
        'Forwarding breaks the proof of the sender, not the message: this is usually harmless.',
        `The sender (${domain}) does not need to change anything.`,
        'The administrator of the forwarding service can fix it (by rewriting the sender address, SRS, and sealing the message, ARC).',
      ];
    case 'mailing-list':
      return [
        `The "?" means Gmail could not confirm that this message comes from ${domain}, because a mailing list changed it on the way.`,
        'That is usual for lists and is not a sign of fraud.',
        "The list's administrator can avoid it; the sender does not need to change anything.",
      ];
    case 'bounce':
      return [
        'Your message was returned by Gmail: Gmail accepts mail only from senders who can prove who they are.',
        `The proof failed for ${domain}: this is a setting of the domain, not of your mail program.`,
        `Who must act: the administrator of ${domain}, in the domain's settings (DNS).`,
        change,
        'Once that is done, send the message again.',
      ];
    case 'freemail': {
      const f = r.findings.find((x) => x.code === 'freemail-domain');
      const at = f?.code === 'freemail-domain' ? f.args.domain : domain;
      const host = r.sendingHost?.rdns ?? r.sendingHost?.helo ?? null;
      return [
        `The "?" means Gmail could not confirm that this message comes from ${at}: ${at} is a mail service, and the message was sent by another server${host ? ` (${host})` : ''}.`,
        "This is what happens when a website's contact form or a program writes the visitor's address as the sender.",
        'If you expected a message from such a form, it is safe to read; otherwise treat it with suspicion.',
        `Who must act: whoever runs ${host ?? 'that server'} (the form's administrator): send from an address of the site's own domain, with the visitor's address as the reply-to address (Reply-To).`,
        `Nothing can be changed at ${at}.`,
      ];
    }
    case 'sender-setup':
      return [
        `The "?" next to the sender means Gmail could not confirm that this message really comes from ${domain}.`,
        "It is a setting on the sender's side, not a virus and not a hacked account.",
        `Messages you expected from ${domain} are safe to read; be careful with unexpected requests for money or passwords.`,
        `Who must act: the administrator of ${domain}${provider ? ` (mail is sent through ${provider})` : ''}, in the domain's settings (DNS).`,
        change,
      ];
    case 'no-evidence':
      return [
        'These headers do not contain the checks the receiving mail service made, so mailwhy cannot tell.',
        'In Gmail, open the message, choose "Show original", copy the whole text and try again.',
      ];
  }
}

function ja(
  s: UserSituation,
  r: Report,
  domain: string,
  provider: string | null,
  change: string | null,
): (string | null)[] {
  switch (s) {
    case 'authenticated':
      return [
        `このメールは確認に成功しています。本当に ${domain} から届いたものです。`,
        'Gmail に「?」は表示されません。対応は不要です。',
      ];
    case 'authenticated-via':
      return [
        `このメールは確認に成功していますが、Gmail には「${r.gmail.via} 経由」と表示されます。${domain} の代わりにそのサービスから送られたためです。`,
        'メルマガなどではよくあることで、警告ではありません。対応は不要です。',
        `${domain} の管理者がドメイン自身の鍵で署名（DKIM）すれば「経由」は消えます。`,
      ];
    case 'spoofing':
      return [
        `「?」は、このメールが ${domain} から届いたものか Gmail が確認できなかったという意味です。`,
        `今回は、誰かが ${domain} になりすまして送った可能性が高いと判断できます。`,
        'リンクを開いたり、添付ファイルを開いたり、送金やパスワードの入力をしたりしないでください。',
        '心配な場合は、すでに知っている電話番号やアドレスで送信者に確認してください。',
        `${domain} 側での変更は不要です。保護は正しく働いています。`,
      ];
    case 'forwarded':
      return [
        `「?」は、途中でメールが転送されたため${r.sendingHost?.rdns ? `（${r.sendingHost.rdns}）` : ''}、Gmail が送信者を確認できなかったという意味です。`,
        '転送で壊れたのは送信者の証明であり、メールそのものではありません。多くの場合、心配はいりません。',
        `送信者（${domain}）側での変更は不要です。`,
        '転送サービスの管理者が対処できます（送信者アドレスの書き換え「SRS」と、メールの封印「ARC」）。',
      ];
    case 'mailing-list':
      return [
        `「?」は、メーリングリストが途中でメールを書き換えたため、${domain} から届いたものか Gmail が確認できなかったという意味です。`,
        'メーリングリストではよくあることで、詐欺の兆候ではありません。',
        'リストの管理者が対処できます。送信者側での変更は不要です。',
      ];
    case 'bounce':
      return [
        'メールが Gmail から返送されました。Gmail は送信者を証明できるメールしか受け取りません。',
        `${domain} の証明に失敗しています。メールソフトではなく、ドメインの設定の問題です。`,
        `対応する人：${domain} の管理者（ドメインの設定「DNS」で行います）。`,
        change,
        '設定が終わったら、もう一度送信してください。',
      ];
    case 'freemail': {
      const f = r.findings.find((x) => x.code === 'freemail-domain');
      const at = f?.code === 'freemail-domain' ? f.args.domain : domain;
      const host = r.sendingHost?.rdns ?? r.sendingHost?.helo ?? null;
      return [
        `「?」は、このメールが ${at} から届いたものか Gmail が確認できなかったという意味です。${at} はメールサービスのドメインで、このメールは別のサーバー${host ? `（${host}）` : ''}から送られています。`,
        'Web サイトの問い合わせフォームなどが、訪問者のアドレスを差出人にして送るとこうなります。',
        '心当たりのあるフォームからのメールなら読んでも大丈夫です。そうでなければ注意して扱ってください。',
        `対応する人：${host ?? 'そのサーバー'} を運用している人（フォームの管理者）。差出人にはサイト自身のドメインのアドレスを使い、訪問者のアドレスは返信先（Reply-To）に書きます。`,
        `${at} 側では何も変えられません。`,
      ];
    }
    case 'sender-setup':
      return [
        `送信者の横の「?」は、このメールが本当に ${domain} から届いたものか Gmail が確認できなかったという意味です。`,
        '送信者側の設定の問題で、ウイルスやアカウントの乗っ取りではありません。',
        `${domain} からの心当たりのあるメールは読んでも大丈夫です。思いがけない送金やパスワードの依頼には注意してください。`,
        `対応する人：${domain} の管理者${provider ? `（メールは ${provider} から送信されています）` : ''}。ドメインの設定（DNS）で行います。`,
        change,
      ];
    case 'no-evidence':
      return [
        'このヘッダーには受信サービスの確認結果が含まれていないため、mailwhy では判断できません。',
        'Gmail でメールを開き「メッセージのソースを表示」を選び、全文をコピーしてもう一度試してください。',
      ];
  }
}
