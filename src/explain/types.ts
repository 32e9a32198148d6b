import type { FindingArgs, FindingCode, FixAssumption } from '../diagnose/findings.js';

export interface FindingText {
  title: string;
  detail: string;
}

/** One entry per finding code: the compiler refuses a catalog that misses one. */
export type Catalog = { [K in FindingCode]: (args: FindingArgs[K]) => FindingText };

export type UiLabel =
  | 'verdict'
  | 'authenticated'
  | 'unauthenticated'
  | 'from'
  | 'envelopeFrom'
  | 'subject'
  | 'date'
  | 'receiver'
  | 'sendingHost'
  | 'route'
  | 'verdicts'
  | 'gmail'
  | 'findings'
  | 'fixes'
  | 'zoneLine'
  | 'form'
  | 'assumes'
  | 'none'
  | 'unknown'
  | 'questionMark'
  | 'avatar'
  | 'via'
  | 'mailedBy'
  | 'signedBy'
  | 'tls'
  | 'redPadlock'
  | 'yes'
  | 'notTrusted'
  | 'delay'
  | 'summary'
  | 'host'
  | 'type'
  | 'value'
  | 'input'
  | 'roleSendingHost'
  | 'roleSubmission'
  | 'notRecorded'
  | 'arcSets'
  | 'today'
  | 'verified';

export interface UiText {
  assumption: (a: FixAssumption) => string;
  labels: Record<UiLabel, string>;
}
