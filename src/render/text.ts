/**
 * The terminal report. No sentences are built here: wording comes from src/explain; this file lays
 * out labels, values and the catalog's text. Header values are attacker-controlled, so every one of
 * them goes through `clean()` (no terminal escape sequences reach the screen).
 */
import type { Severity } from '../diagnose/findings.js';
import { providerName } from '../diagnose/providers/index.js';
import type { UiText } from '../explain/index.js';
import { uiTexts } from '../explain/index.js';
import type { RouteHop } from '../model.js';
import type { Report } from '../report.js';
import { renderSpfText } from '../spf/render.js';

export interface TextOptions {
  color: boolean;
  /** `user`: only the plain lines for the person who saw the "?". */
  audience?: 'admin' | 'user';
}

const ANSI = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

/** Replaces control characters (C0, DEL, C1, bidi overrides) by visible escapes. */
export function clean(value: string | null | undefined, max = 400): string {
  if (value === null || value === undefined) return '';
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return shown.replace(
    /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const SEVERITY_MARK: Record<Severity, { mark: string; style: Style }> = {
  error: { mark: '✖', style: 'red' },
  warning: { mark: '!', style: 'yellow' },
  info: { mark: 'i', style: 'cyan' },
  ok: { mark: '✔', style: 'green' },
};

function pad(label: string, width: number): string {
  // East Asian wide characters take two columns.
  let cols = 0;
  for (const ch of label)
    cols +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return label + ' '.repeat(Math.max(1, width - cols));
}

export function renderText(report: Report, options: TextOptions): string {
  if (options.audience === 'user') return `${report.forUser.map((l) => clean(l, 1000)).join('\n')}\n`;
  const ui = uiTexts[report.lang].labels;
  const paint = (style: Style, s: string): string =>
    options.color ? `\u001b[${ANSI[style]}m${s}\u001b[0m` : s;
  const out: string[] = [];
  const line = (s = ''): void => {
    out.push(s);
  };

  if (report.input.name)
    line(paint('dim', `${ui.input}: ${clean(report.input.name)} (${report.input.kind})`));
  const headline = report.findings[0];
  const verdictWord = report.authenticated
    ? paint('green', ui.authenticated)
    : paint('red', ui.unauthenticated);
  line(`${paint('bold', ui.verdict)}: ${verdictWord}${headline ? ` — ${clean(headline.title)}` : ''}`);
  line();

  const m = report.message;
  const facts: [string, string | null][] = [
    [ui.from, m.from],
    [ui.envelopeFrom, m.envelopeFrom],
    [ui.subject, m.subject],
    [ui.date, m.date],
  ];
  for (const [label, value] of facts) if (value) line(`  ${pad(label, 18)}${clean(value)}`);
  line();

  if (report.receiver) {
    line(
      `${paint('bold', ui.receiver)}: ${clean(report.receiver.authservId ?? ui.unknown)}` +
        (report.receiver.provider ? ` (${providerName(report.receiver.provider, report.lang)})` : ''),
    );
  }
  const sh = report.sendingHost;
  if (sh) {
    line(
      `${paint('bold', ui.sendingHost)}: ${clean(sh.rdns ?? sh.helo ?? ui.unknown)} [${clean(sh.ip ?? '?')}]` +
        (sh.provider ? ` (${providerName(sh.provider, report.lang)})` : ''),
    );
  }

  if (report.hops.length > 0) {
    line();
    line(paint('bold', ui.route));
    for (const hop of report.hops) line(`  ${hopLine(hop, ui)}`);
  }

  line();
  line(paint('bold', ui.verdicts));
  const v = report.verdicts;
  const where = (s: { header: string; index: number; instance?: number } | null | undefined): string =>
    s
      ? paint('dim', `  [${s.header}${s.instance !== undefined ? ` i=${s.instance}` : ''} #${s.index + 1}]`)
      : '';
  line(
    `  SPF    ${v.spf ? `${v.spf.result}  ${clean(v.spf.domain ?? '')}  ${clean(v.spf.ip ?? '')}${where(v.spf.source)}` : ui.notRecorded}`,
  );
  if (v.dkim.length === 0) line(`  DKIM   ${ui.notRecorded}`);
  for (const d of v.dkim) {
    line(
      `  DKIM   ${d.result}  ${clean(d.domain ?? '')}${d.selector ? ` s=${clean(d.selector)}` : ''}${where(d.source)}`,
    );
  }
  line(
    `  DMARC  ${v.dmarc ? `${v.dmarc.result}${v.dmarc.policy ? ` p=${v.dmarc.policy}` : ''}  ${clean(v.dmarc.fromDomain ?? '')}${where(v.dmarc.source)}` : ui.notRecorded}`,
  );
  const arcSets = v.arc.sets.length
    ? `  (${ui.arcSets}: i=${v.arc.sets.map((set) => set.instance).join(',')}, ${v.arc.shape})`
    : '';
  line(`  ARC    ${v.arc.result ?? ui.notRecorded}${arcSets}${where(v.arc.source)}`);

  const g = report.gmail;
  // Without any verdict there is nothing Gmail's view could be read from.
  if (v.spf || v.dkim.length > 0 || v.dmarc) {
    line();
    line(paint('bold', ui.gmail));
    const parts = [g.unauthenticated ? paint('red', ui.questionMark) : paint('green', ui.avatar)];
    if (g.via) parts.push(`${ui.via} ${clean(g.via)}`);
    if (g.mailedBy) parts.push(`${ui.mailedBy} ${clean(g.mailedBy)}`);
    if (g.signedBy.length) parts.push(`${ui.signedBy} ${clean(g.signedBy.join(', '))}`);
    if (g.tls !== null) parts.push(`${ui.tls} ${g.tls ? ui.yes : paint('red', ui.redPadlock)}`);
    line(`  ${parts.join(' · ')}`);
  }

  if (report.untrusted.length > 0) {
    line();
    line(paint('bold', ui.notTrusted));
    for (const u of report.untrusted) line(`  ${clean(u.header)} #${u.index + 1}: ${clean(u.text, 160)}`);
  }

  line();
  line(paint('bold', ui.findings));
  for (const f of report.findings) {
    const { mark, style } = SEVERITY_MARK[f.severity];
    line(`  ${paint(style, mark)} ${clean(f.title)}`);
    line(`    ${clean(f.message, 2000)}`);
  }

  if (report.online?.spf) {
    line();
    line(paint('bold', ui.today));
    const tree = renderSpfText(report.online.spf.today, { lang: report.lang, color: options.color });
    for (const l of tree.trimEnd().split('\n')) line(l.trim() ? `  ${l}` : '');
  }

  const assumptionText = uiTexts[report.lang].assumption;
  for (const fix of report.fixes) {
    line();
    line(paint('bold', ui.fixes));
    line(
      `  ${pad(ui.zoneLine, 18)}${paint('green', clean(fix.zoneLine))}${fix.verified ? `  (${ui.verified})` : ''}`,
    );
    line(
      `  ${pad(ui.form, 18)}${ui.host}: ${clean(fix.form.host)}   ${ui.type}: ${fix.form.type}   ${ui.value}: ${clean(fix.form.value)}`,
    );
    line(`  ${ui.assumes}:`);
    for (const a of fix.assumes) line(`    - ${assumptionText(a)}`);
  }

  if (report.input.gmailSummary) {
    line();
    line(paint('dim', ui.summary));
    for (const l of report.input.gmailSummary.lines) line(paint('dim', `  ${clean(l)}`));
  }
  return `${out.join('\n')}\n`;
}

function hopLine(hop: RouteHop, ui: UiText['labels']): string {
  const who = hop.rdns ?? hop.helo ?? hop.from ?? '';
  const from = who || hop.ip ? `${clean(who)}${hop.ip ? ` [${clean(hop.ip)}]` : ''} → ` : '';
  const proto = [hop.protocol, hop.tls?.version].filter(Boolean).join(' ');
  const delay = hop.delaySeconds === null ? '' : `  ${ui.delay} ${hop.delaySeconds}s`;
  const role =
    hop.role === 'sending-host'
      ? `  ← ${ui.roleSendingHost}`
      : hop.role === 'submission'
        ? `  ← ${ui.roleSubmission}`
        : '';
  return `${String(hop.position + 1).padStart(2)}  ${from}${clean(hop.by ?? '?')}${proto ? `  ${clean(proto)}` : ''}${delay}${role}`;
}
