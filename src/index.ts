/**
 * mailwhy as a library: the same program as the CLI.
 *
 *   import { analyze } from 'mailwhy';
 *   const report = await analyze(rawMessageText);
 */
export type { AnalyzeOptions } from './analyze.js';
export { analyze, analyzeMessage } from './analyze.js';
export { exitCodeOf } from './cli/exit.js';
export type { Evidence, Finding, FindingArgs, FindingCode, Fix, Severity } from './diagnose/findings.js';
export { FINDING_CODES } from './diagnose/findings.js';
export { describeFinding } from './explain/index.js';
export type { GmailSummary, InputKind } from './input/detect.js';
export { detectInput } from './input/detect.js';
export type * from './model.js';
export { renderJson } from './render/json.js';
export { renderText } from './render/text.js';
export type { Audience, GmailView, Lang, MessageFacts, Report, ReportFinding } from './report.js';
export { REPORT_SCHEMA } from './report.js';
