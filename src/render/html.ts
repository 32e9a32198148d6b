/**
 * The HTML report, and the layout the web page shares with it.
 *
 * A report is first laid out as a small tree of elements (`reportTree`): a closed set of tags and
 * attributes, text as plain strings. `renderHtml` serialises that tree into one self-contained file
 * (escaped, no script at all, a strict Content-Security-Policy); the web page turns the same tree into
 * DOM nodes with createElement/textContent (web/dom.ts). One layout, two outputs, and no path by which
 * a header value could become markup: every header value is attacker-controlled.
 *
 * No sentences are built here: wording comes from src/explain (labels and the findings' own text).
 */
import type { Severity } from '../diagnose/findings.js';
import { providerName } from '../diagnose/providers/index.js';
import { uiTexts } from '../explain/index.js';
import type { RouteHop, VerdictSource } from '../model.js';
import type { Audience, Lang, Report, ReportFinding } from '../report.js';
import { renderSpfText } from '../spf/render.js';
import { clean } from './text.js';

/** The only tags the layout uses (no void elements, nothing that loads or runs anything). */
export type HtmlTag =
  | 'main'
  | 'article'
  | 'section'
  | 'header'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'p'
  | 'ol'
  | 'ul'
  | 'li'
  | 'dl'
  | 'dt'
  | 'dd'
  | 'div'
  | 'span'
  | 'strong'
  | 'code'
  | 'pre'
  | 'details'
  | 'summary'
  | 'button'
  | 'bdi';

/** The only attributes the layout uses: no URL-valued or event-handler attribute can be expressed. */
export type HtmlAttr =
  | 'class'
  | 'lang'
  | 'role'
  | 'title'
  | 'open'
  | 'aria-label'
  | 'aria-hidden'
  | 'data-copy'
  | 'type';

export interface HtmlElement {
  tag: HtmlTag;
  attrs: Partial<Record<HtmlAttr, string>>;
  children: HtmlNode[];
}

/** A string is text: it is escaped (HTML) or set with textContent (DOM), never parsed. */
export type HtmlNode = HtmlElement | string;

export type Child = HtmlNode | null | undefined | false;

/** Builds a layout element; null, undefined and false children are left out, arrays flattened. */
export function h(
  tag: HtmlTag,
  attrs: Partial<Record<HtmlAttr, string>>,
  ...children: (Child | Child[])[]
): HtmlElement {
  const out: HtmlNode[] = [];
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) out.push(c);
  return { tag, attrs, children: out };
}

/** An attacker-controlled value: bidi isolated, control and bidi-override characters made visible, length capped. */
function v(value: string | null | undefined, max = 400): HtmlElement {
  return h('bdi', {}, clean(value, max));
}

/** What a reader of the given audience is shown. */
export interface ReportView {
  audience: Audience;
  /** The findings shown, in the report's order. */
  findings: ReportFinding[];
  /** Plain lines for the person who saw the "?" (the report's `forUser`, worded by src/explain/user.ts). */
  userLines: string[];
  /** The technical sections: facts, route, verdicts, what Gmail shows, fixes, untrusted stamps, summary. */
  technical: boolean;
}

/**
 * Picks what to show. Admins see everything; users see the verdict and the report's plain lines for
 * them (`forUser`, as `--audience user` prints), or the headline finding when a report has none.
 */
export function viewFor(report: Report, audience: Audience): ReportView {
  if (audience === 'admin') return { audience, findings: report.findings, userLines: [], technical: true };
  const userLines = report.forUser ?? [];
  return {
    audience,
    findings: userLines.length > 0 ? [] : report.findings.slice(0, 1),
    userLines,
    technical: false,
  };
}

export interface ReportTreeOptions {
  audience?: Audience;
  /** When set, a copy button with this label follows each DNS record (the page; the static report has no script). */
  copyLabel?: string;
}

const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '!', info: 'i', ok: '✔' };

/** RFC 3848 / RFC 6531 protocol names: an S before the optional A marks TLS (ESMTPS, ESMTPSA, UTF8SMTPS). */
function hopTls(hop: RouteHop): boolean | null {
  if (hop.tls) return true;
  const m = /^(?:UTF8)?(?:SMTP|ESMTP|LMTP)(S?)A?$/i.exec(hop.protocol ?? '');
  if (!m) return null;
  return m[1] !== '';
}

function seconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}

/** Lays out one report. */
export function reportTree(report: Report, options: ReportTreeOptions = {}): HtmlElement {
  const ui = uiTexts[report.lang].labels;
  const view = viewFor(report, options.audience ?? 'admin');
  const headline = report.findings[0];
  const where = (s: VerdictSource | null | undefined): string =>
    s ? `${s.header}${s.instance !== undefined ? ` i=${s.instance}` : ''} #${s.index + 1}` : '';
  const copy = (text: string): HtmlElement | null =>
    options.copyLabel === undefined
      ? null
      : h('button', { type: 'button', class: 'copy', 'data-copy': text }, options.copyLabel);
  const section = (cls: string, title: string, ...body: (Child | Child[])[]): HtmlElement =>
    h('section', { class: cls }, h('h3', {}, title), ...body);

  const verdict = h(
    'header',
    { class: 'verdict' },
    report.input.name
      ? h('p', { class: 'input' }, `${ui.input}: `, v(report.input.name), ` (${report.input.kind})`)
      : null,
    h(
      'h2',
      {},
      h(
        'span',
        { class: report.authenticated ? 'badge ok' : 'badge bad' },
        report.authenticated ? ui.authenticated : ui.unauthenticated,
      ),
      headline ? ' ' : null,
      headline ? v(headline.title) : null,
    ),
  );

  const findings = section(
    'findings',
    ui.findings,
    h(
      'ul',
      {},
      view.findings.map((f) =>
        h(
          'li',
          { class: `finding sev-${f.severity}` },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, SEVERITY_MARK[f.severity]),
          h(
            'div',
            {},
            h('strong', {}, v(f.title)),
            h('p', {}, v(f.message, 2000)),
            view.technical
              ? f.evidence.map((e) =>
                  h(
                    'details',
                    { class: 'evidence' },
                    h('summary', {}, e.index < 0 ? ui.summary : `${clean(e.header, 80)} #${e.index + 1}`),
                    h('pre', {}, clean(e.text, 4000)),
                  ),
                )
              : null,
          ),
        ),
      ),
    ),
  );

  if (!view.technical) {
    const plain =
      view.userLines.length > 0
        ? h(
            'div',
            { class: 'for-user' },
            view.userLines.map((l) => h('p', {}, v(l, 1000))),
          )
        : findings;
    return h('article', { class: 'report audience-user', lang: report.lang }, verdict, plain);
  }

  const m = report.message;
  const sh = report.sendingHost;
  const facts: [string, Child][] = [
    [ui.from, m.from ? v(m.from) : null],
    [ui.envelopeFrom, m.envelopeFrom ? v(m.envelopeFrom) : null],
    [ui.subject, m.subject ? v(m.subject) : null],
    [ui.date, m.date ? v(m.date) : null],
    [
      ui.receiver,
      report.receiver
        ? h(
            'span',
            {},
            v(report.receiver.authservId ?? ui.unknown),
            report.receiver.provider ? ` (${providerName(report.receiver.provider, report.lang)})` : null,
          )
        : null,
    ],
    [
      ui.sendingHost,
      sh
        ? h(
            'strong',
            { class: 'sending-host' },
            v(sh.rdns ?? sh.helo ?? ui.unknown),
            ' [',
            v(sh.ip ?? '?'),
            ']',
            sh.provider ? ` (${providerName(sh.provider, report.lang)})` : null,
          )
        : null,
    ],
  ];
  const factList = h(
    'dl',
    { class: 'facts' },
    facts.filter(([, value]) => value).flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
  );

  const route =
    report.hops.length === 0
      ? null
      : section(
          'route',
          ui.route,
          h(
            'ol',
            { class: 'timeline' },
            report.hops.map((hop) => {
              const who = hop.rdns ?? hop.helo ?? hop.from ?? null;
              const tls = hopTls(hop);
              const classes = ['hop', `role-${hop.role}`];
              return h(
                'li',
                { class: classes.join(' ') },
                h('span', { class: 'pos', 'aria-hidden': 'true' }, String(hop.position + 1)),
                h(
                  'div',
                  { class: 'hop-body' },
                  h(
                    'p',
                    { class: 'hop-line' },
                    who || hop.ip
                      ? [
                          who ? v(who) : null,
                          hop.ip ? h('span', { class: 'ip' }, ' [', v(hop.ip), ']') : null,
                          ' → ',
                        ]
                      : null,
                    v(hop.by ?? '?'),
                  ),
                  h(
                    'p',
                    { class: 'hop-meta' },
                    hop.role === 'sending-host' ? h('span', { class: 'chip sending' }, ui.sendingHost) : null,
                    hop.role === 'submission' ? h('span', { class: 'chip' }, ui.roleSubmission) : null,
                    hop.provider
                      ? h('span', { class: 'chip' }, providerName(hop.provider, report.lang))
                      : null,
                    hop.protocol ? h('span', { class: 'chip' }, v(hop.protocol, 40)) : null,
                    // No TLS inside the receiver's own network says nothing about the sender: not shown.
                    tls === null || (hop.receiverInternal && !tls)
                      ? null
                      : h(
                          'span',
                          { class: tls ? 'chip tls' : 'chip no-tls' },
                          tls && /^TLS/i.test(hop.tls?.version ?? '') ? null : `${ui.tls} `,
                          tls
                            ? v(hop.tls?.version ?? ui.yes, 40)
                            : hop.role === 'sending-host'
                              ? ui.redPadlock
                              : ui.none,
                        ),
                    hop.delaySeconds === null
                      ? null
                      : h('span', { class: 'chip' }, `${ui.delay} ${seconds(hop.delaySeconds)}`),
                  ),
                ),
              );
            }),
          ),
        );

  const verdictRow = (
    method: string,
    result: string | null,
    detail: Child[],
    source: VerdictSource | null | undefined,
  ): HtmlElement => {
    const head = [
      h('span', { class: 'method' }, method),
      ' ',
      h(
        'span',
        { class: `result r-${(result ?? 'none').replace(/[^a-z]/gi, '').toLowerCase()}` },
        result ? v(result, 40) : ui.notRecorded,
      ),
      ...detail.flatMap((d) => (d ? [' ', d] : [])),
    ];
    if (!source) return h('li', {}, h('p', { class: 'verdict-row' }, head));
    return h(
      'li',
      {},
      h(
        'details',
        {},
        h('summary', { class: 'verdict-row' }, head),
        h('p', { class: 'source' }, where(source), source.authservId ? [' · ', v(source.authservId)] : null),
        h('pre', {}, clean(source.text, 4000)),
      ),
    );
  };
  const vd = report.verdicts;
  const verdicts = section(
    'verdicts',
    ui.verdicts,
    h(
      'ul',
      { class: 'verdict-list' },
      verdictRow(
        'SPF',
        vd.spf?.result ?? null,
        [vd.spf?.domain ? v(vd.spf.domain) : null, vd.spf?.ip ? v(vd.spf.ip) : null],
        vd.spf?.source,
      ),
      vd.dkim.length === 0
        ? verdictRow('DKIM', null, [], null)
        : vd.dkim.map((d) =>
            verdictRow(
              'DKIM',
              d.result,
              [d.domain ? v(d.domain) : null, d.selector ? h('span', {}, 's=', v(d.selector)) : null],
              d.source,
            ),
          ),
      verdictRow(
        'DMARC',
        vd.dmarc?.result ?? null,
        [
          vd.dmarc?.policy ? h('span', {}, 'p=', v(vd.dmarc.policy, 40)) : null,
          vd.dmarc?.fromDomain ? v(vd.dmarc.fromDomain) : null,
        ],
        vd.dmarc?.source,
      ),
      verdictRow(
        'ARC',
        vd.arc.result,
        [
          vd.arc.sets.length
            ? `(${ui.arcSets}: i=${vd.arc.sets.map((s) => s.instance).join(',')}, ${vd.arc.shape})`
            : null,
        ],
        vd.arc.source,
      ),
    ),
  );

  const g = report.gmail;
  // Without any verdict there is nothing Gmail's view could be read from.
  const gmail = !(vd.spf || vd.dkim.length > 0 || vd.dmarc)
    ? null
    : section(
        'gmail',
        ui.gmail,
        h(
          'ul',
          { class: 'gmail-view' },
          h(
            'li',
            { class: g.unauthenticated ? 'chip bad' : 'chip ok' },
            g.unauthenticated ? ui.questionMark : ui.avatar,
          ),
          g.via ? h('li', { class: 'chip warn' }, `${ui.via} `, v(g.via)) : null,
          g.mailedBy ? h('li', { class: 'chip' }, `${ui.mailedBy} `, v(g.mailedBy)) : null,
          g.signedBy.length ? h('li', { class: 'chip' }, `${ui.signedBy} `, v(g.signedBy.join(', '))) : null,
          g.tls === null
            ? null
            : h(
                'li',
                { class: g.tls ? 'chip ok' : 'chip bad' },
                `${ui.tls} `,
                g.tls ? ui.yes : ui.redPadlock,
              ),
        ),
      );

  const untrusted =
    report.untrusted.length === 0
      ? null
      : section(
          'untrusted',
          ui.notTrusted,
          h(
            'ul',
            {},
            report.untrusted.map((u) =>
              h(
                'li',
                {},
                h(
                  'details',
                  {},
                  h(
                    'summary',
                    {},
                    `${clean(u.header, 80)} #${u.index + 1}`,
                    u.authservId ? [' · ', v(u.authservId)] : null,
                  ),
                  h('pre', {}, clean(u.text, 4000)),
                ),
              ),
            ),
          ),
        );

  const assumption = uiTexts[report.lang].assumption;
  const fixes =
    report.fixes.length === 0
      ? null
      : section(
          'fixes',
          ui.fixes,
          report.fixes.map((fix) =>
            h(
              'div',
              { class: 'fix' },
              h(
                'dl',
                {},
                h('dt', {}, ui.zoneLine),
                h(
                  'dd',
                  { class: 'copy-row' },
                  h('code', { class: 'zone' }, clean(fix.zoneLine, 2000)),
                  copy(fix.zoneLine),
                  fix.verified ? h('span', { class: 'chip ok' }, ui.verified) : null,
                ),
                h('dt', {}, ui.form),
                h(
                  'dd',
                  {},
                  h(
                    'dl',
                    { class: 'form' },
                    h('dt', {}, ui.host),
                    h('dd', {}, h('code', {}, clean(fix.form.host, 400))),
                    h('dt', {}, ui.type),
                    h('dd', {}, h('code', {}, clean(fix.form.type, 40))),
                    h('dt', {}, ui.value),
                    h(
                      'dd',
                      { class: 'copy-row' },
                      h('code', { class: 'zone' }, clean(fix.form.value, 2000)),
                      copy(fix.form.value),
                    ),
                  ),
                ),
                fix.assumes.length
                  ? [
                      h('dt', {}, ui.assumes),
                      h(
                        'dd',
                        {},
                        h(
                          'ul',
                          {},
                          fix.assumes.map((a) => h('li', {}, assumption(a))),
                        ),
                      ),
                    ]
                  : null,
              ),
            ),
          ),
        );

  // Online (`--online`): today's SPF evaluation, its trace as the SPF renderer lays it out.
  const today = report.online?.spf
    ? section(
        'today',
        ui.today,
        h(
          'pre',
          {},
          renderSpfText(report.online.spf.today, { lang: report.lang, color: false })
            .trimEnd()
            .split('\n')
            .map((l) => clean(l, 2000))
            .join('\n'),
        ),
      )
    : null;

  const summary = report.input.gmailSummary
    ? h(
        'details',
        { class: 'gmail-summary' },
        h('summary', {}, ui.summary),
        h('pre', {}, report.input.gmailSummary.lines.map((l) => clean(l, 2000)).join('\n')),
      )
    : null;

  return h(
    'article',
    { class: 'report', lang: report.lang },
    verdict,
    factList,
    gmail,
    findings,
    today,
    fixes,
    route,
    verdicts,
    untrusted,
    summary,
  );
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double-quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Serialises a layout tree: every string escaped, only the closed set of tags and attributes. */
export function serialize(node: HtmlNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  let attrs = '';
  for (const [name, value] of Object.entries(node.attrs) as [HtmlAttr, string | undefined][]) {
    if (value !== undefined) attrs += ` ${name}="${escapeHtml(value)}"`;
  }
  return `<${node.tag}${attrs}>${node.children.map(serialize).join('')}</${node.tag}>`;
}

/**
 * The look of a report, shared with the web page (which adds web/page.css). Changing it changes the
 * hash below: test/web/html.test.ts computes it and says the new value.
 */
export const REPORT_CSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--info:#0969da;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#161b22;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--info:#4493f8;--accent:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",Meiryo,sans-serif;overflow-wrap:anywhere}
.mailwhy{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:0 0 1rem}
.report{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:1rem 0;background:var(--bg)}
.report h2{font-size:1.2rem;margin:.25rem 0 .75rem;line-height:1.4}
.report h3{font-size:1rem;margin:1.25rem 0 .5rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.report ul,.report ol{margin:0;padding:0;list-style:none}
.input{margin:0;color:var(--muted);font-size:.9rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;color:#fff;font-size:.9rem;vertical-align:.1rem}
.badge.ok{background:var(--ok)}.badge.bad{background:var(--bad)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.facts dt{color:var(--muted)}.facts dd{margin:0;min-width:0}
.sending-host{color:var(--bad)}
.finding{display:flex;gap:.6rem;padding:.6rem;border-left:4px solid var(--line);background:var(--card);margin:.4rem 0;border-radius:0 .4rem .4rem 0}
.finding p{margin:.25rem 0 0}
.finding .mark{font-weight:bold;min-width:1.2rem;text-align:center}
.sev-error{border-color:var(--bad)}.sev-error .mark{color:var(--bad)}
.sev-warning{border-color:var(--warn)}.sev-warning .mark{color:var(--warn)}
.sev-info{border-color:var(--info)}.sev-info .mark{color:var(--info)}
.sev-ok{border-color:var(--ok)}.sev-ok .mark{color:var(--ok)}
details{margin:.3rem 0}summary{cursor:pointer;color:var(--accent)}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);border:1px solid var(--line);border-radius:.3rem;padding:.5rem;margin:.3rem 0;font:.85rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;max-height:20rem;overflow:auto}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem;word-break:break-all}
.fix{border:2px solid var(--ok);border-radius:.5rem;padding:.75rem;margin:.5rem 0}
.fix dl{margin:0}.fix dt{font-weight:600;margin-top:.4rem}.fix dd{margin:.2rem 0 0}
.fix .form{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem}.fix .form dt{font-weight:normal;color:var(--muted);margin:0}
.fix .form dd{margin:0;min-width:0}.fix ul{list-style:disc;padding-left:1.25rem}
.zone{user-select:all;background:var(--card);padding:.15rem .35rem;border-radius:.25rem}
.copy-row{display:flex;gap:.5rem;align-items:flex-start;flex-wrap:wrap}
.timeline{border-left:3px solid var(--line);margin-left:.8rem}
.hop{position:relative;padding:.3rem 0 .6rem 1.4rem}
.hop .pos{position:absolute;left:-.85rem;top:.3rem;width:1.4rem;height:1.4rem;border-radius:50%;background:var(--bg);border:2px solid var(--line);font-size:.75rem;text-align:center;line-height:1.1rem}
.hop p{margin:0}.hop-line{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
.hop-meta{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.2rem}
.role-sending-host .pos{border-color:var(--bad);background:var(--bad);color:#fff}
.role-sending-host .hop-line{font-weight:bold}
.role-receiver-internal{color:var(--muted)}
.chip{display:inline-block;border:1px solid var(--line);border-radius:1rem;padding:0 .5rem;font-size:.8rem}
.chip.sending,.chip.bad,.chip.no-tls{border-color:var(--bad);color:var(--bad)}
.chip.ok,.chip.tls{border-color:var(--ok);color:var(--ok)}.chip.warn{border-color:var(--warn);color:var(--warn)}
.gmail-view{display:flex;flex-wrap:wrap;gap:.4rem}.gmail-view .chip{font-size:.9rem;padding:.1rem .6rem}
.verdict-list li{margin:.2rem 0}.verdict-row{margin:0}
.method{display:inline-block;min-width:3.5rem;font-weight:600;color:var(--fg)}
.result{font-weight:600}.r-pass{color:var(--ok)}.r-fail,.r-softfail,.r-permerror,.r-hardfail{color:var(--bad)}.r-neutral,.r-none,.r-temperror{color:var(--warn)}
.source{margin:.2rem 0 0;color:var(--muted);font-size:.85rem}
.gmail-summary{margin-top:1rem}
.for-user p{margin:.6rem 0;font-size:1.05rem}
@media (max-width:40rem){.mailwhy{padding:.5rem}.report{padding:.6rem}.facts,.fix .form{grid-template-columns:1fr}.facts dd{margin-bottom:.4rem}}
@media print{summary{color:inherit}details{break-inside:avoid}}
`;

/** SHA-256 of REPORT_CSS for the report's Content-Security-Policy (checked by test/web/html.test.ts). */
export const REPORT_CSS_HASH = 'sha256-kTTjaTis78DApkbowcAuLRwi1o7aWb/CMmHIlPh9KnI=';

/** The report file's policy: nothing may run or load; only the one inline stylesheet applies. */
export const REPORT_CSP = `default-src 'none'; script-src 'none'; style-src '${REPORT_CSS_HASH}'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'`;

export interface HtmlOptions {
  audience?: Audience;
}

/** One self-contained HTML file for one or several reports (`explain --format html`): no script, nothing loaded. */
export function renderHtml(report: Report | Report[], options: HtmlOptions = {}): string {
  const reports = Array.isArray(report) ? report : [report];
  const first = reports[0];
  const treeOptions: ReportTreeOptions = {};
  if (options.audience) treeOptions.audience = options.audience;
  return htmlDocument({
    lang: first?.lang ?? 'en',
    title: first ? (first.input.name ?? first.message.subject ?? 'report') : 'report',
    body: reports.map((r) => reportTree(r, treeOptions)),
  });
}

/**
 * One self-contained HTML file around a layout (for the reports here, and for any other mailwhy
 * output that wants the same look): the report's stylesheet and policy, no script, nothing loaded.
 */
export function htmlDocument(doc: { lang: Lang; title: string; body: HtmlNode | HtmlNode[] }): string {
  const body = h('main', { class: 'mailwhy' }, h('h1', {}, 'mailwhy'), doc.body);
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>mailwhy — ${escapeHtml(clean(doc.title, 120))}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    serialize(body),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
