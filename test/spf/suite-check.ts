// Shared judgement of one OpenSPF-schema case against a result.
import type { SpfResult } from '../../src/spf/index.js';
import type { SuiteCase } from './openspf.js';

export interface Verdict {
  ok: boolean;
  /** True when the explanation only matched ignoring case (see below). */
  caseInsensitive: boolean;
  detail: string;
}

/**
 * The result must be one of the suite's acceptable results. An expected explanation "DEFAULT" means the
 * implementation's own default, which in mailwhy is "no exp= text" (null; the renderer words it).
 * Otherwise the exp= text must be equal; equality ignoring case is accepted and reported, because the
 * suite writes IPv6 nibbles of %{i} in upper case where RFC 7208 §7.3 leaves their case open (its own
 * example in §7.4 uses lower case).
 */
export function judge(c: SuiteCase, r: SpfResult): Verdict {
  const detail = `got ${r.result}${r.explanation === null ? '' : ` "${r.explanation}"`}, want ${c.results.join('|')}${
    c.explanation === undefined ? '' : ` "${c.explanation}"`
  }; reason ${JSON.stringify(r.reason)}`;
  if (!c.results.includes(r.result)) return { ok: false, caseInsensitive: false, detail };
  if (c.explanation === undefined || r.result !== 'fail') return { ok: true, caseInsensitive: false, detail };
  if (c.explanation === 'DEFAULT') return { ok: r.explanation === null, caseInsensitive: false, detail };
  if (r.explanation === c.explanation) return { ok: true, caseInsensitive: false, detail };
  const ci = r.explanation !== null && r.explanation.toLowerCase() === c.explanation.toLowerCase();
  return { ok: ci, caseInsensitive: ci, detail };
}
