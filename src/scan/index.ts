/**
 * `scan`: every message of mailboxes, folders and archives → one record each (a report or an error)
 * → the summary. Reading and splitting run on this thread; analysis runs on worker threads.
 *
 *   const { summary } = await scan(['Takeout.zip'], { jobs: 4, domain: 'example.com' });
 */
import { availableParallelism } from 'node:os';
import type { Lang } from '../report.js';
import type { FailOn, ScanSummary } from './aggregate.js';
import { ScanAggregator } from './aggregate.js';
import type { BatchResult } from './batch.js';
import { Dispatcher } from './pool.js';
import type { AnalyzeSettings } from './record.js';
import { normalizeDomainFilter } from './record.js';
import { csvHeader } from './render.js';
import type { FileId, ReaderSink } from './sources.js';
import { inputSizes, readInputs } from './sources.js';
import type { SourceRef } from './split.js';

export type { FailOn, GroupSummary, ScanSummary } from './aggregate.js';
export { failsOn, SUMMARY_SCHEMA } from './aggregate.js';
export type { MessageRecord } from './record.js';
export type { FileId } from './sources.js';
export { UnreadableInput } from './sources.js';
export type { SourceRef } from './split.js';
export { MailSplitter, splitMbox, unquoteMboxrd } from './split.js';

/** Where --jsonl and --csv bytes go (the CLI writes files synchronously: bounded memory). */
export interface ByteSink {
  /**
   * `bytes` is valid during the call only: the scan writes the next batch's lines into the same
   * memory afterwards, so a sink that keeps them must copy them (Buffer.from(bytes)).
   */
  write(bytes: Uint8Array): void;
}

export interface ScanProgress {
  bytes: number;
  /** Total input bytes when known (files and folders), null with standard input. */
  total: number | null;
  /** Messages analysed (or recorded as errors) so far. */
  messages: number;
}

export interface ScanOptions {
  /** Worker threads; 0 analyses on this thread. Default: the number of cores. */
  jobs?: number;
  lang?: Lang;
  domain?: string | null;
  failOn?: FailOn;
  jsonl?: ByteSink;
  csv?: ByteSink;
  /**
   * Start the CSV with a UTF-8 byte order mark. Excel opens a CSV without one in the system's code
   * page (Shift_JIS on a Japanese Windows) and garbles non-ASCII text: Takeout's Japanese file
   * names, internationalised domains.
   */
  csvBom?: boolean;
  trust?: string;
  trustedNetworks?: string[];
  /**
   * Mask the personal values (local parts, recipients, Message-IDs, the submission client) in the
   * per-message records and reports, in the workers, before anything is written or counted.
   */
  redact?: boolean;
  /** The built worker script; default: scan-worker.js next to the bundle. */
  workerUrl?: URL | null;
  onProgress?: (p: ScanProgress) => void;
  /** Aborting stops reading; the messages already read are finished and summarised. */
  signal?: AbortSignal;
  /** Files not to read (the caller's output files, which may lie in a folder being scanned). */
  ownOutputs?: FileId[];
}

export interface ScanResult {
  summary: ScanSummary;
  /** Messages that fail under `failOn` (errored messages included unless failOn is none). */
  failures: number;
}

const encoder = new TextEncoder();

export async function scan(paths: string[], options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const domain = options.domain ? normalizeDomainFilter(options.domain) : null;
  const failOn = options.failOn ?? 'softfail';
  const aggregator = new ScanAggregator(domain);
  const settings: AnalyzeSettings = {
    lang: options.lang ?? 'en',
    domain,
    jsonl: options.jsonl !== undefined,
    csv: options.csv !== undefined,
    failOn,
  };
  if (options.trust) settings.trust = options.trust;
  if (options.trustedNetworks) settings.trustedNetworks = options.trustedNetworks;
  if (options.redact) settings.redact = true;

  const { folders, total } = await inputSizes(paths.length > 0 ? paths : ['-']);
  const csv = options.csv;
  if (csv) csv.write(encoder.encode(`${options.csvBom ? '\ufeff' : ''}${csvHeader()}`));

  let bytes = 0;
  /** Messages (and refused entries) whose record is in: what the progress bar counts. */
  let analysed = 0;
  const onResult = (r: BatchResult): void => {
    if (r.lines && r.lines.length > 0) options.jsonl?.write(r.lines);
    if (r.csv && r.csv.length > 0) csv?.write(r.csv);
    analysed += r.tally.read;
    aggregator.merge(r.tally);
  };
  const dispatcher = new Dispatcher({
    jobs: options.jobs ?? availableParallelism(),
    settings,
    onResult,
    ...(options.workerUrl !== undefined ? { workerUrl: options.workerUrl } : {}),
  });

  let stopped = options.signal?.aborted ?? false;
  const onAbort = (): void => {
    stopped = true;
  };
  options.signal?.addEventListener('abort', onAbort);
  let lastProgress = 0;
  const progress = (): void => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (now - lastProgress < 100) return;
    lastProgress = now;
    options.onProgress({ bytes, total, messages: analysed });
  };
  const sink: ReaderSink = {
    message(src: SourceRef, m) {
      dispatcher.add(src, m.header, m.headerComplete, m.headerTruncated);
    },
    error(src, reason) {
      dispatcher.addError(src, reason);
    },
    skipped(path, reason) {
      aggregator.skip(path, reason);
    },
    unreadable(path, reason) {
      aggregator.unreadable(path, reason);
    },
    bytes(n) {
      bytes += n;
      progress();
    },
    ready: () => dispatcher.ready(),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.ownOutputs ? { own: options.ownOutputs } : {}),
    get stopped() {
      return stopped;
    },
  };
  try {
    await readInputs(paths.length > 0 ? paths : ['-'], folders, sink);
    await dispatcher.drain();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await dispatcher.close();
  }
  options.onProgress?.({ bytes, total, messages: analysed });
  const summary = aggregator.summary({
    bytes,
    seconds: (performance.now() - started) / 1000,
    interrupted: stopped,
  });
  return { summary, failures: aggregator.failures };
}
