import type { Lang } from '../report.js';

/** Picks the language from LC_ALL, LC_MESSAGES, LANG (POSIX precedence): `ja*` → Japanese, else English. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja/i.test(value) ? 'ja' : 'en';
}
