/**
 * mailwhy as a library: the same program as the CLI.
 *
 *   import { analyze } from 'mailwhy';
 *   const report = await analyze(rawMessageText);
 */
export type { AnalyzeOptions } from './analyze.js';
export { analyze, analyzeMessage } from './analyze.js';
export {
  parseAuthenticationResults,
  parseReceivedSpf,
  parseSpfComment,
  readArcSets,
  readStamps,
} from './authres/index.js';
export type { ReadStampsOptions, StampInfo, Stamps } from './authres/types.js';
export { exitCodeOf } from './cli/exit.js';
export type { Evidence, Finding, FindingArgs, FindingCode, Fix, Severity } from './diagnose/findings.js';
export { FINDING_CODES } from './diagnose/findings.js';
export type { RecordType, Resolver } from './dns/index.js';
export { createDenyResolver, createFixtureResolver, parseFixtureZone } from './dns/index.js';
export { createNodeResolver } from './dns/node.js';
export { describeFinding } from './explain/index.js';
export type { GmailSummary, InputKind } from './input/detect.js';
export { detectInput } from './input/detect.js';
export { mailboxMessages } from './input/mailbox.js';
export type * from './model.js';
export type { OnlineOptions, OnlineReport } from './online.js';
// The parsers and engines, each usable on its own.
export type { ChainHop, ChainOptions, ReceivedChain } from './received/index.js';
export { analyzeChain, parseReceived, parseReceivedDate } from './received/index.js';
export { redactReport } from './redact.js';
export { renderHtml } from './render/html.js';
export { renderJson } from './render/json.js';
export { renderText } from './render/text.js';
export type { Audience, GmailView, Lang, MessageFacts, Report, ReportFinding } from './report.js';
export { REPORT_SCHEMA } from './report.js';
// Whole mailboxes (Node: files, archives, worker threads).
export type { ScanOptions, ScanResult, ScanSummary } from './scan/index.js';
export { scan } from './scan/index.js';
export { checkSpf, parseSpfRecord, renderSpfJson, renderSpfText } from './spf/index.js';
export type { CheckSpfOptions, SpfLimits, SpfResult, SpfResultCode } from './spf/types.js';
