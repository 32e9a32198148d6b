import type { Finding } from '../diagnose/findings.js';
import type { Lang } from '../report.js';
import { en, enUi } from './en.js';
import { ja, jaUi } from './ja.js';
import type { Catalog, FindingText, UiText } from './types.js';

export type { Catalog, FindingText, UiLabel, UiText } from './types.js';

export const catalogs: Record<Lang, Catalog> = { en, ja };
export const uiTexts: Record<Lang, UiText> = { en: enUi, ja: jaUi };

/** The wording of a finding in a language: `title` (one line) and `message` (the explanation). */
export function describeFinding(f: Finding, lang: Lang): { title: string; message: string } {
  // The union is correlated by code; TypeScript cannot see it through the index, hence the cast.
  const text: FindingText = (catalogs[lang][f.code] as (args: Finding['args']) => FindingText)(f.args);
  return { title: text.title, message: text.detail };
}

export { langFromEnv } from './lang.js';
