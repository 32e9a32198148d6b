/** An SPF result and its trace as a readable tree (ja / en) or as JSON. Wording: ./messages.ts. */
import { reasonText, SPF_CATALOGS, type SpfLang } from './messages.js';
import type { SpfDnsQuery, SpfEvaluation, SpfResult, SpfResultCode, SpfTermTrace } from './types.js';

export interface RenderSpfOptions {
  lang: SpfLang;
  /** ANSI colours (the CLI decides: TTY and no NO_COLOR). */
  color: boolean;
  /** Limits shown beside the counts; default 10 and 2 (RFC 7208 §4.6.4). */
  limits?: { dnsTerms: number; voidLookups: number };
}

const COLORS: Record<SpfResultCode, string> = {
  pass: '32',
  fail: '31',
  permerror: '31',
  softfail: '33',
  temperror: '33',
  neutral: '36',
  none: '36',
};

const MARK: Record<SpfTermTrace['outcome'], string> = {
  match: '✓',
  'no-match': '✗',
  error: '!',
  'not-reached': '·',
  applied: '→',
  ignored: '-',
};

function paint(on: boolean, code: string, text: string): string {
  return on ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function queryLine(lang: SpfLang, q: SpfDnsQuery): string {
  const c = SPF_CATALOGS[lang];
  const answer =
    q.error !== undefined && q.answers.length === 0
      ? c.queryFailed(q.error)
      : q.answers.length === 0
        ? c.queryEmpty
        : q.answers.map((a) => (q.type === 'TXT' ? JSON.stringify(a) : a)).join(', ');
  return `${q.type} ${q.name} → ${answer}${q.void ? ` (${c.voidMark})` : ''}`;
}

function evaluationLines(
  lang: SpfLang,
  color: boolean,
  evaluation: SpfEvaluation,
  prefix: string,
  out: string[],
): void {
  const c = SPF_CATALOGS[lang];
  for (const q of evaluation.queries) out.push(`${prefix}  ${queryLine(lang, q)}`);
  if (evaluation.record !== null) out.push(`${prefix}${c.record(evaluation.source)}: ${evaluation.record}`);
  else out.push(`${prefix}${c.noRecord}`);
  // A record of thousands of terms stops at the lookup limit: the terms never reached are folded
  // into one line after the first of them, so the trace stays readable (and small).
  const firstUnreached = evaluation.terms.findIndex(
    (t, i) =>
      t.outcome === 'not-reached' && evaluation.terms.slice(i).every((u) => u.outcome === 'not-reached'),
  );
  const shown =
    firstUnreached !== -1 && evaluation.terms.length - firstUnreached > 3
      ? evaluation.terms.slice(0, firstUnreached + 1)
      : evaluation.terms;
  const folded = evaluation.terms.length - shown.length;
  shown.forEach((term, i) => {
    const last = i === shown.length - 1 && folded === 0;
    const branch = last ? '└─ ' : '├─ ';
    const inner = prefix + (last ? '   ' : '│  ');
    const mark = MARK[term.outcome];
    const target = term.target !== undefined && !term.text.includes(term.target) ? ` [${term.target}]` : '';
    const head = `${mark} ${term.text}${target} — ${c.outcome[term.outcome]}: ${reasonText(lang, term.reason)}`;
    const colored =
      term.outcome === 'match'
        ? paint(color, '1', head)
        : term.outcome === 'error'
          ? paint(color, '31', head)
          : head;
    out.push(`${prefix}${branch}${colored}`);
    for (const q of term.queries) out.push(`${inner}  ${queryLine(lang, q)}`);
    if (term.child !== undefined) {
      out.push(`${inner}${term.child.domain}: ${paint(color, COLORS[term.child.result], term.child.result)}`);
      evaluationLines(lang, color, term.child, `${inner}  `, out);
    }
  });
  if (folded > 0) out.push(`${prefix}└─ ${c.moreNotReached(folded)}`);
  if (evaluation.terms.length === 0 && evaluation.reason.code !== 'matched-term') {
    out.push(`${prefix}${reasonText(lang, evaluation.reason)}`);
  }
}

/** The result and its trace as a tree of lines, ending with a newline. */
export function renderSpfText(result: SpfResult, options: RenderSpfOptions): string {
  const c = SPF_CATALOGS[options.lang];
  const limits = options.limits ?? { dnsTerms: 10, voidLookups: 2 };
  const out: string[] = [];
  out.push(c.title(result.domain, result.ip, result.sender));
  out.push(
    `${paint(options.color, COLORS[result.result], c.resultLine(result.result))} — ${c.result[result.result]}`,
  );
  out.push(`  ${reasonText(options.lang, result.reason)}`);
  if (result.result === 'fail') {
    out.push(`  ${result.explanation === null ? c.defaultExplanation : c.explanation(result.explanation)}`);
  }
  out.push('');
  evaluationLines(options.lang, options.color, result.trace, '', out);
  out.push('');
  out.push(
    c.counts(result.lookups, limits.dnsTerms, result.voidLookups, limits.voidLookups, result.queryCount),
  );
  return `${out.join('\n')}\n`;
}

/** The result as JSON: the SpfResult value itself, versioned. */
export function renderSpfJson(result: SpfResult): string {
  return `${JSON.stringify({ schema: 'mailwhy.spf/1', ...result }, null, 2)}\n`;
}
