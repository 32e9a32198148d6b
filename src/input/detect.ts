import { headerEnd } from '../headers/split.js';

/**
 * Recognises what the user handed us: a whole message (.eml), a bare header block, or the text of
 * Gmail's "Show original" page (its summary table followed by the raw message), copied or saved.
 * Pure: shared by the CLI and the web page.
 */

/** `port25-report` and `gmail-bounce` are recognised from the body by the analysis, not here. */
export type InputKind = 'eml' | 'headers' | 'gmail-original' | 'port25-report' | 'gmail-bounce';

export interface GmailSummaryVerdict {
  /** The result word as Gmail printed it, lower-cased (`softfail`, `pass`, `fail`, `neutral`…). */
  result: string;
  ip?: string;
  domain?: string;
  /** The summary line as it stood. */
  line: string;
}

/** Gmail's "Show original" summary table, kept as evidence. */
export interface GmailSummary {
  messageId?: string;
  createdAt?: string;
  from?: string;
  to?: string;
  subject?: string;
  spf?: GmailSummaryVerdict;
  dkim?: GmailSummaryVerdict;
  dmarc?: GmailSummaryVerdict;
  lines: string[];
}

export interface DetectedInput {
  kind: InputKind;
  /** The message text to analyse (for "Show original": the raw part only). */
  message: string;
  /** 1-based line number of the message's first line in the text handed in. */
  firstLine: number;
  /** Character offset of the message in the text handed in (after HTML extraction when `html`). */
  offset: number;
  /** The input was a saved HTML page whose text was extracted. */
  html: boolean;
  summary: GmailSummary | null;
}

// Labels of the summary table, in the English and Japanese UI. Gmail separates label and value with
// a tab when the table is copied, and with a colon in some layouts; we accept either.
const SUMMARY_LABELS: { key: keyof Omit<GmailSummary, 'lines'>; re: RegExp }[] = [
  { key: 'messageId', re: /^(?:message[ -]?id|メッセージ\s*ID)\s*[:：\t]\s*(.*)$/i },
  { key: 'createdAt', re: /^(?:created (?:at|on)|作成日時?|作成日)\s*[:：\t]\s*(.*)$/i },
  { key: 'from', re: /^(?:from|送信者|差出人|送信元)\s*[:：\t]\s*(.*)$/i },
  { key: 'to', re: /^(?:to|宛先|送信先)\s*[:：\t]\s*(.*)$/i },
  { key: 'subject', re: /^(?:subject|件名)\s*[:：\t]\s*(.*)$/i },
  { key: 'spf', re: /^SPF\s*[:：\t]\s*(.*)$/ },
  { key: 'dkim', re: /^DKIM\s*[:：\t]\s*(.*)$/ },
  { key: 'dmarc', re: /^DMARC\s*[:：\t]\s*(.*)$/ },
];

const CHROME_LINES =
  /^(?:original message|元のメッセージ|download original|copy to clipboard|元のメッセージをダウンロード|クリップボードにコピー|learn more|詳細)\s*$/i;

function readVerdict(value: string, line: string): GmailSummaryVerdict {
  const result = (/['"‘’]?\s*([A-Za-z]+)/.exec(value)?.[1] ?? '').toLowerCase();
  const verdict: GmailSummaryVerdict = { result, line };
  const ip = /\b(?:IP|IP アドレス|IPアドレス)\s*[:：]?\s*([0-9a-fA-F:.]+[0-9a-fA-F])/.exec(value)?.[1];
  if (ip) verdict.ip = ip;
  const domain = /\b(?:domain|ドメイン)\s*[:：]?\s*([A-Za-z0-9.-]+\.[A-Za-z]{2,})/.exec(value)?.[1];
  if (domain) verdict.domain = domain.toLowerCase();
  return verdict;
}

/** Extracts the text of Gmail's saved "Show original" HTML page (summary cells and the raw <pre>). */
function htmlToText(html: string): string {
  // One pass with indexOf, no backtracking regex: a hostile page (thousands of unclosed "<pre" or
  // "<td" openers) costs time linear in its size.
  const lower = html.toLowerCase();
  let before = html;
  let pre = '';
  const preOpen = lower.indexOf('<pre');
  if (preOpen !== -1) {
    const gt = html.indexOf('>', preOpen);
    if (gt !== -1) {
      const close = lower.indexOf('</pre>', gt);
      pre = html.slice(gt + 1, close === -1 ? html.length : close);
      before = html.slice(0, preOpen);
    }
  }
  let out = '';
  let i = 0;
  while (i < before.length) {
    const lt = before.indexOf('<', i);
    if (lt === -1) {
      out += before.slice(i);
      break;
    }
    out += before.slice(i, lt);
    const gt = before.indexOf('>', lt);
    if (gt === -1) {
      out += before.slice(lt);
      break;
    }
    const name = /^(\/?)([a-z][a-z0-9]*)/.exec(lower.slice(lt + 1, Math.min(gt, lt + 12)));
    const closing = name?.[1] === '/';
    const tag = name?.[2] ?? '';
    i = gt + 1;
    if (!closing && (tag === 'script' || tag === 'style')) {
      const end = lower.indexOf(`</${tag}`, i);
      const endGt = end === -1 ? -1 : lower.indexOf('>', end);
      i = endGt === -1 ? before.length : endGt + 1;
    } else if (closing && (tag === 'td' || tag === 'th')) out += '\t';
    else if (tag === 'br' || (closing && /^(?:tr|div|p|h\d)$/.test(tag))) out += '\n';
  }
  return `${decodeEntities(out)}\n${decodeEntities(pre)}`;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? '';
  });
}

export const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
// Fields that a raw message from Gmail starts with; the summary table never shows them.
const RAW_START =
  /^(?:delivered-to|received|return-path|x-received|arc-seal|arc-message-signature|arc-authentication-results|authentication-results|received-spf|dkim-signature|x-google-smtp-source|mime-version)\s*:/i;

/**
 * A line that may be a verdict row of the summary (looser than SUMMARY_LABELS' spf/dkim/dmarc
 * patterns on the trimmed line: it only has to rule the table out, never in).
 */
const VERDICT_ROW = /^\s*(?:SPF|DKIM|DMARC)\s*[:：\t]/;

/**
 * Decides the kind of input and returns the part to analyse. The "Show original" summary is
 * recognised by its SPF/DKIM/DMARC lines standing before the raw message's first trace field.
 */
export function detectInput(text: string): DetectedInput {
  let source = text.replace(/^\uFEFF/, '');
  const html = /^\s*<(?:!doctype html|html)[\s>]/i.test(source);
  if (html) source = htmlToText(source);

  // Only the first lines matter for recognition: split those, keeping each line's offset. A
  // character scan, not a regex per line: this runs for every message of a scanned mailbox.
  const starts: number[] = [];
  const lines: string[] = [];
  let from = 0;
  // Next LF and next CR at or after `from` (-1: none left), searched again only once passed.
  let lf = source.indexOf('\n');
  let cr = source.indexOf('\r');
  while (lines.length < 64 && from <= source.length) {
    if (lf !== -1 && lf < from) lf = source.indexOf('\n', from);
    if (cr !== -1 && cr < from) cr = source.indexOf('\r', from);
    const end = cr === -1 ? (lf === -1 ? source.length : lf) : lf === -1 ? cr : Math.min(cr, lf);
    starts.push(from);
    lines.push(source.slice(from, end));
    if (end >= source.length) break;
    from = end === cr && lf === cr + 1 ? end + 2 : end + 1;
  }

  // Look for the summary table within the first lines, before the raw message starts. Without a
  // line that could be one of its SPF/DKIM/DMARC rows the table cannot be recognised, so the label
  // regexes are not run at all (a plain message, as every message of a mailbox is, skips them).
  const summary: GmailSummary = { lines: [] };
  let rawStart = -1;
  let sawVerdictLine = false;
  const scanned = Math.min(lines.length, 60);
  let maybeSummary = false;
  for (let i = 0; i < scanned && !maybeSummary; i++) maybeSummary = VERDICT_ROW.test(lines[i] ?? '');
  for (let i = 0; i < (maybeSummary ? scanned : 0); i++) {
    const line = (lines[i] ?? '').trim();
    if (RAW_START.test(line) && (sawVerdictLine || i === 0)) {
      rawStart = i;
      break;
    }
    if (line === '' || CHROME_LINES.test(line)) continue;
    for (const { key, re: label } of SUMMARY_LABELS) {
      const m = label.exec(line);
      if (!m) continue;
      const value = (m[1] ?? '').replace(/\s*(?:learn more|詳細)\s*$/i, '').trim();
      if (key === 'spf' || key === 'dkim' || key === 'dmarc') {
        summary[key] = readVerdict(value, line);
        sawVerdictLine = true;
      } else if (summary[key] === undefined) {
        summary[key] = value;
      }
      summary.lines.push(line);
      break;
    }
  }

  if (sawVerdictLine && rawStart > 0) {
    const offset = starts[rawStart] ?? 0;
    return {
      kind: 'gmail-original',
      message: source.slice(offset),
      offset,
      firstLine: rawStart + 1,
      summary,
      html,
    };
  }

  // A message or a header block. Skip an mbox "From " separator line if the user saved one.
  let first = 0;
  while (first < lines.length - 1 && (lines[first] ?? '').trim() === '') first++;
  if ((lines[first] ?? '').startsWith('From ')) first++;
  const offset = starts[first] ?? source.length;
  const message = source.slice(offset);
  const { bodyStart } = headerEnd(message);
  const hasBody = bodyStart < message.length && message.slice(bodyStart).trim() !== '';
  const kind: InputKind = hasBody && HEADER_LINE.test(lines[first] ?? '') ? 'eml' : 'headers';
  return { kind, message, offset, firstLine: first + 1, summary: null, html };
}
