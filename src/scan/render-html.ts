/**
 * The scan summary as one self-contained HTML file (`mailwhy scan --format html`): no script, nothing
 * loaded, a Content-Security-Policy that allows only its own stylesheet (by hash). Pure.
 *
 * Built like the single report (src/render/html.ts): a tree of elements from a closed set of tags and
 * attributes, every string escaped on output. The report's set has no tables and its document carries
 * the report's stylesheet and hash; a summary is tables, so this file widens the set by the table
 * elements and `scope`/`tabindex` (still nothing that loads, runs or links) and carries its own
 * stylesheet. Every value from the messages (domains, host names, titles, zone lines, positions, error
 * texts) is attacker-controlled: it only ever becomes a text node, through `clean()` and `escapeHtml`.
 *
 * Wording comes from ./i18n.ts (and the report's own titles for causes the catalog lacks).
 */
import { providerName } from '../diagnose/providers/index.js';
import { reasonIn } from '../explain/reasons.js';
import { scanCatalogs } from '../explain/scan.js';
import type { HtmlAttr, HtmlTag } from '../render/html.js';
import { escapeHtml } from '../render/html.js';
import { clean } from '../render/text.js';
import type { Lang } from '../report.js';
import type { GroupSummary, ScanSummary, VerdictCounts } from './aggregate.js';
import { describeSource } from './record.js';
import { day, groupName, n, size } from './render.js';

type SummaryTag = HtmlTag | 'table' | 'caption' | 'thead' | 'tbody' | 'tr' | 'th' | 'td';
type SummaryAttr = HtmlAttr | 'scope' | 'tabindex';

export interface SummaryElement {
  tag: SummaryTag;
  attrs: Partial<Record<SummaryAttr, string>>;
  children: SummaryNode[];
}

/** A string is text: always escaped, never parsed. */
export type SummaryNode = SummaryElement | string;

type Child = SummaryNode | null | undefined | false;

function el(
  tag: SummaryTag,
  attrs: Partial<Record<SummaryAttr, string>>,
  ...children: (Child | Child[])[]
): SummaryElement {
  const out: SummaryNode[] = [];
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) out.push(c);
  return { tag, attrs, children: out };
}

/** An attacker-controlled value: bidi isolated, control characters made visible, length capped. */
function v(value: string | null | undefined, max = 400): SummaryElement {
  return el('bdi', {}, clean(value, max));
}

function serialize(node: SummaryNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  let attrs = '';
  for (const [name, value] of Object.entries(node.attrs) as [SummaryAttr, string | undefined][]) {
    if (value !== undefined) attrs += ` ${name}="${escapeHtml(value)}"`;
  }
  return `<${node.tag}${attrs}>${node.children.map(serialize).join('')}</${node.tag}>`;
}

/**
 * The summary's look: the report's palette (light and dark), tables that scroll sideways inside their
 * own box on a narrow screen so the page itself never does. Changing it changes the hash below:
 * test/scan/html.test.ts computes it and says the new value.
 */
export const SUMMARY_CSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#161b22;--ok:#3fb950;--bad:#f85149;--warn:#d29922;--accent:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",Meiryo,sans-serif;overflow-wrap:anywhere}
.mailwhy{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:0 0 .5rem}
h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
.headline{font-size:1.1rem;font-weight:600;margin:.25rem 0 .75rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;min-width:0}
.notice{border-left:4px solid var(--warn);background:var(--card);padding:.6rem .8rem;border-radius:0 .4rem .4rem 0;margin:.75rem 0}
.notice p{margin:0}
.scroll{overflow-x:auto;margin:.5rem 0;border:1px solid var(--line);border-radius:.4rem}
.scroll:focus{outline:2px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.5rem .6rem}
th,td{padding:.35rem .6rem;border-top:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:var(--card);white-space:nowrap}
tbody th{font-weight:600;min-width:10rem;max-width:24rem;overflow-wrap:anywhere}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.date{white-space:nowrap}
.counts{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 .6rem}
.counts li{white-space:nowrap}
.r-pass{color:var(--ok)}.r-fail,.r-softfail,.r-permerror,.r-hardfail{color:var(--bad)}.r-neutral,.r-none,.r-temperror{color:var(--warn)}
.bad{color:var(--bad);font-weight:600}
.muted{color:var(--muted)}.action,.senders{margin:.3rem 0}.warning{margin:.3rem 0;color:var(--warn);font-weight:600}
.causes{padding-left:1.75rem;margin:.5rem 0}.causes>li{margin:.9rem 0}
.cause{margin:0;font-weight:600}.cause code{font-weight:normal}
.fixes{list-style:none;padding:0;margin:.3rem 0}.fixes li{margin:.3rem 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
.zone{user-select:all;background:var(--card);border:1px solid var(--line);padding:.15rem .35rem;border-radius:.25rem}
@media (max-width:40rem){.mailwhy{padding:.5rem}.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.4rem}table{font-size:.85rem}}
@media print{.scroll{overflow:visible;border:0}}
`;

/** SHA-256 of SUMMARY_CSS for the policy (checked by test/scan/html.test.ts). */
export const SUMMARY_CSS_HASH = 'sha256-23ZFfmJaj9AqAaQu54C3b0EAtK2p11phQrh6DhslYhg=';

/** The report file's policy with the summary's stylesheet: nothing may run or load. */
export const SUMMARY_CSP = `default-src 'none'; script-src 'none'; style-src '${SUMMARY_CSS_HASH}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;

export interface SummaryHtmlOptions {
  lang: Lang;
  /** Rows per group table (the JSON summary has them all). Default 20, as the text summary. */
  top?: number;
}

/** A verdict word as a class name: letters only, whatever the receiver wrote. */
function resultClass(word: string): string {
  return `r-${word.replace(/[^a-z]/gi, '').toLowerCase()}`;
}

function counts(c: VerdictCounts, lang: Lang): SummaryElement {
  const entries = Object.entries(c);
  if (entries.length === 0) return el('span', { class: 'muted' }, '-');
  return el(
    'ul',
    { class: 'counts' },
    entries.map(([word, count]) =>
      el('li', {}, el('span', { class: resultClass(word) }, v(word, 40)), ` ${n(count, lang)}`),
    ),
  );
}

/** A table in a box that scrolls sideways on a narrow screen; the box is focusable so a keyboard can scroll it. */
function table(
  cls: string,
  caption: string,
  head: { label: string; num?: boolean }[],
  rows: SummaryElement[],
): SummaryElement {
  return el(
    'div',
    { class: 'scroll', role: 'region', tabindex: '0', 'aria-label': caption },
    el(
      'table',
      { class: cls },
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          head.map((c) => el('th', c.num ? { scope: 'col', class: 'num' } : { scope: 'col' }, c.label)),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

/** Renders the summary `mailwhy scan --format json` prints as one HTML file. */
export function renderSummaryHtml(s: ScanSummary, options: SummaryHtmlOptions): string {
  const { lang } = options;
  const top = options.top ?? 20;
  const c = scanCatalogs[lang];
  const L = c.labels;
  const causeText = (code: string, title: string): string => c.causes[code as keyof typeof c.causes] ?? title;

  const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : s.read;
  // The groups by From domain partition the messages counted: their dates give the whole period.
  // ISO 8601 dates in UTC sort as strings.
  const dates = s.byFromDomain
    .flatMap((g) => [g.first, g.last])
    .filter((d): d is string => d !== null)
    .sort();
  const first = dates[0] ?? null;
  const last = dates[dates.length - 1] ?? null;

  const facts: [string, Child | Child[]][] = [
    [L.size, `${size(s.bytes)}`],
    [L.duration, `${s.seconds.toFixed(1)} s (${n(rate, lang)} ${L.rate})`],
    [L.period, first || last ? `${day(first)} … ${day(last)}` : null],
    [L.matchedDomain, s.domain !== null ? [v(s.domain), `: ${n(s.matched, lang)}`] : null],
    [L.truncated, s.truncated > 0 ? n(s.truncated, lang) : null],
  ];
  const overview = el(
    'header',
    { class: 'overview' },
    el('h2', {}, L.title),
    el('p', { class: 'headline' }, c.headline(s)),
    el(
      'dl',
      { class: 'facts' },
      facts
        .filter(([, value]) => value)
        .flatMap(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]),
    ),
    s.interrupted
      ? el(
          'div',
          { class: 'notice', role: 'status' },
          el('p', {}, el('strong', {}, L.interrupted)),
          el(
            'p',
            {},
            `${L.stoppedAt}: `,
            el('code', {}, v(s.interrupted.at ? describeSource(s.interrupted.at) : '-', 1000)),
          ),
        )
      : null,
  );

  const body: Child[] = [overview];
  if (s.read === 0) {
    body.push(el('p', {}, L.nothing));
    return summaryDocument(lang, body);
  }

  // Under --domain with nothing inside it, tables of nothing would only look like a scan that found
  // no verdicts; the errors and the inputs passed over are still listed.
  if (s.domain !== null && s.matched === 0) body.push(el('p', {}, L.noneMatched));
  else {
    body.push(
      el(
        'section',
        { class: 'totals' },
        table(
          'totals',
          L.all,
          [{ label: L.check }, { label: L.results }],
          [
            el('tr', {}, el('th', { scope: 'row' }, 'SPF'), el('td', {}, counts(s.totals.spf, lang))),
            el('tr', {}, el('th', { scope: 'row' }, 'DKIM'), el('td', {}, counts(s.totals.dkim, lang))),
            el('tr', {}, el('th', { scope: 'row' }, 'DMARC'), el('td', {}, counts(s.totals.dmarc, lang))),
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, L.gmailQ),
              el(
                'td',
                s.totals.gmailUnauthenticated > 0 ? { class: 'bad' } : {},
                n(s.totals.gmailUnauthenticated, lang),
              ),
            ),
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, L.authenticated),
              el('td', {}, n(s.totals.authenticated, lang)),
            ),
          ],
        ),
      ),
    );

    const groupTable = (cls: string, title: string, keyLabel: string, groups: GroupSummary[]): Child => {
      if (groups.length === 0) return null;
      const shown = groups.slice(0, top);
      const caption =
        lang === 'ja'
          ? `${title}（${n(shown.length, lang)} ${L.shownOf} ${n(groups.length, lang)}）`
          : `${title} (${n(shown.length, lang)} ${L.shownOf} ${n(groups.length, lang)})`;
      return el(
        'section',
        { class: cls },
        table(
          cls,
          caption,
          [
            { label: keyLabel },
            { label: L.provider },
            { label: L.messageCount, num: true },
            { label: L.withProblems, num: true },
            { label: 'SPF' },
            { label: 'DKIM' },
            { label: 'DMARC' },
            { label: L.gmailQ, num: true },
            { label: L.causes },
            { label: L.first },
            { label: L.last },
          ],
          shown.map((g) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, v(groupName(g.key, lang), 255)),
              el('td', {}, g.provider ? providerName(g.provider, lang) : ''),
              el('td', { class: 'num' }, n(g.messages, lang)),
              el('td', { class: 'num' }, n(g.withProblems, lang)),
              el('td', {}, counts(g.spf, lang)),
              el('td', {}, counts(g.dkim, lang)),
              el('td', {}, counts(g.dmarc, lang)),
              el('td', { class: 'num' }, n(g.gmailUnauthenticated, lang)),
              el(
                'td',
                {},
                g.causes.length === 0
                  ? null
                  : el(
                      'ul',
                      { class: 'counts' },
                      g.causes
                        .slice(0, 4)
                        .map((x) => el('li', {}, el('code', {}, x.code), ` ${n(x.messages, lang)}`)),
                    ),
              ),
              el('td', { class: 'date' }, day(g.first)),
              el('td', { class: 'date' }, day(g.last)),
            ),
          ),
        ),
      );
    };
    body.push(groupTable('by-from-domain', L.byFromDomain, L.fromDomain, s.byFromDomain));
    body.push(groupTable('by-sending-host', L.bySendingHost, L.sendingHost, s.bySendingHost));

    if (s.causes.length > 0) {
      body.push(
        el(
          'section',
          { class: 'top-causes' },
          el('h2', {}, L.topCauses),
          el(
            'ol',
            { class: 'causes' },
            s.causes.slice(0, top).map((cause) => {
              const action = c.actions[cause.code];
              return el(
                'li',
                {},
                el(
                  'p',
                  { class: 'cause' },
                  v(causeText(cause.code, cause.title), 400),
                  ' ',
                  el('code', {}, `[${cause.code}]`),
                  ` — ${c.counted.messages(cause.messages)}`,
                ),
                action ? el('p', { class: 'action' }, `${L.action}: ${action}`) : null,
                cause.fixes.length === 0
                  ? action
                    ? null
                    : el('p', { class: 'muted' }, L.noFix)
                  : el(
                      'ul',
                      { class: 'fixes' },
                      cause.fixes
                        .slice(0, 10)
                        .map((f) =>
                          el(
                            'li',
                            {},
                            `${L.fix} (${n(f.messages, lang)}): `,
                            el('code', { class: 'zone' }, clean(f.zoneLine, 2000)),
                          ),
                        ),
                      cause.fixes.length > 10
                        ? el('li', { class: 'muted' }, `… +${n(cause.fixes.length - 10, lang)}`)
                        : null,
                    ),
              );
            }),
          ),
        ),
      );
    }

    if (s.spfRecords.length > 0) {
      body.push(
        el(
          'section',
          { class: 'spf-records' },
          el('h2', {}, L.spfRecords),
          el('p', {}, L.spfRecordsNote),
          el(
            'ul',
            { class: 'fixes' },
            s.spfRecords
              .slice(0, top)
              .map((r) =>
                el(
                  'li',
                  {},
                  el('code', { class: 'zone' }, clean(r.zoneLine, 2000)),
                  el(
                    'p',
                    { class: 'senders' },
                    `${L.spfSenders}: `,
                    r.senders.map((x) => `${clean(x.terms, 400)} ${n(x.messages, lang)}`).join(' · '),
                  ),
                  r.lookups > 10 ? el('p', { class: 'warning' }, c.overLookups(r.lookups)) : null,
                ),
              ),
          ),
        ),
      );
    }
  }

  if (s.errored > 0) {
    const more = s.errored - s.errors.length;
    body.push(
      el(
        'section',
        { class: 'errors' },
        table(
          'errors',
          `${L.errors}: ${n(s.errored, lang)}`,
          [{ label: L.position }, { label: L.error }],
          s.errors.map((e) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, el('code', {}, v(describeSource(e.source), 1000))),
              el('td', {}, v(reasonIn(lang, e.error), 1000)),
            ),
          ),
        ),
        more > 0 ? el('p', { class: 'muted' }, `… ${c.counted.moreErrors(more)}`) : null,
      ),
    );
  }

  // Files met and passed over, then inputs named on the command line that could not be read.
  for (const [cls, list, label] of [
    ['skipped', s.skipped, c.counted.skipped],
    ['unreadable', s.unreadable, c.counted.unreadable],
  ] as const) {
    if (list.length === 0) continue;
    body.push(
      el(
        'section',
        { class: cls },
        table(
          cls,
          label(list.length),
          [{ label: L.file }, { label: L.reason }],
          list.map((k) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, el('code', {}, v(k.path, 1000))),
              el('td', {}, v(reasonIn(lang, k.reason), 1000)),
            ),
          ),
        ),
      ),
    );
  }
  return summaryDocument(lang, body);
}

/** The document around the summary: the same head as the single report's, with this file's policy. */
function summaryDocument(lang: Lang, body: Child[]): string {
  const main = el('main', { class: 'mailwhy' }, el('h1', {}, 'mailwhy'), body);
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${SUMMARY_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>mailwhy — ${escapeHtml(scanCatalogs[lang].labels.title)}</title>`,
    `<style>${SUMMARY_CSS}</style>`,
    '</head>',
    '<body>',
    serialize(main),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
