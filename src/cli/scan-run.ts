/**
 * The scan command's run (loaded only when `mailwhy scan` runs): the scan thread, progress, summary,
 * exit status.
 */
import { availableParallelism } from 'node:os';
import { isatty } from 'node:tty';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { langFromEnv } from '../explain/lang.js';
import { reasonIn } from '../explain/reasons.js';
import type { ScanProgress, ScanResult } from '../scan/index.js';
import { UnreadableInput } from '../scan/index.js';
import { builtEntryUrl } from '../scan/pool.js';
import { renderSummaryText } from '../scan/render.js';
import { renderSummaryHtml } from '../scan/render-html.js';
import { stdinKind } from '../scan/stdin.js';
import { EXIT_OUTPUT_CLOSED } from './exit.js';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ScanCliOptions } from './scan.js';
import type { JobResult, ScanJob } from './scan-job.js';
import { FILE_ERROR_CODES, fromJobError, outputConflict, runJob } from './scan-job.js';
import type { ThreadMessage } from './scan-thread.js';

function progressBar(quiet: boolean | undefined): {
  update: (p: ScanProgress) => void;
  stop: () => void;
} | null {
  if (quiet || !process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      // A pipe has no size: then only what is done and the rate, no bar, percentage or ETA.
      format: (options, params, payload: { size: string; done: string; messages: number; rate: number }) => {
        const tail = `${payload.messages} msgs | ${payload.rate} msg/s`;
        if (payload.size === '?') return `${payload.done} read | ${tail}`;
        const width = options.barsize ?? 40;
        const full = Math.round(params.progress * width);
        const bar = `${'█'.repeat(full)}${'░'.repeat(Math.max(0, width - full))}`;
        const eta = Number.isFinite(params.eta) && params.eta > 0 ? `${Math.round(params.eta)}s` : '-';
        return `${bar} ${Math.round(params.progress * 100)}% | ${payload.done}/${payload.size} | ${tail} | ETA ${eta}`;
      },
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (b: number): string => `${(b / 1e6).toFixed(0)} MB`;
  const t0 = performance.now();
  let started = false;
  return {
    update(p) {
      const total = p.total ?? Math.max(p.bytes, 1);
      const rate = Math.round(p.messages / Math.max(0.001, (performance.now() - t0) / 1000));
      const payload = {
        done: mb(p.bytes),
        size: p.total === null ? '?' : mb(p.total),
        messages: p.messages,
        rate,
      };
      if (!started) {
        bar.start(total, p.bytes, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.bytes, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function exitStatusOf(result: ScanResult): number {
  if (result.summary.interrupted) return EXIT_INTERRUPTED;
  // An input that could not be read was not checked: that outweighs the problems found in the others.
  if (result.summary.unreadable.length > 0) return EXIT_USAGE;
  return result.failures > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/**
 * The scan thread's heap: a small young generation, so that the thread's memory stays the same over
 * a mailbox of any size, and an old generation limit, without which V8 let the thread's garbage
 * reach 40-60 MB before its first full collection (190 MB peak RSS on a 100,000-file maildir,
 * 155-165 MB with a limit of 512 or 1024 MB, 183 MB with 2048). 1 GB leaves room for the summary's
 * groups, which grow with the number of distinct senders (about a million).
 * MAILWHY_SCAN_THREAD_YOUNG_MB and MAILWHY_SCAN_THREAD_OLD_MB override them for measuring.
 */
function threadOldMb(): number {
  const old = Number(process.env.MAILWHY_SCAN_THREAD_OLD_MB ?? '');
  return Number.isFinite(old) && old > 0 ? old : 1024;
}

function threadLimits(): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const young = Number(process.env.MAILWHY_SCAN_THREAD_YOUNG_MB ?? '');
  return {
    maxYoungGenerationSizeMb: Number.isFinite(young) && young > 0 ? young : 2,
    maxOldGenerationSizeMb: threadOldMb(),
  };
}

/** The scan thread hit its heap limit: said in one line, exit status 2. */
class ScanOutOfMemory extends Error {}

/** The reading waited on something that could not come (a bug): said in one line, exit status 2. */
const STALLED = 'internal error: the reading stopped before the end (please report it)';
class ScanStalled extends Error {
  constructor() {
    super(STALLED);
  }
}

/** Runs the job on the scan thread; `stop` asks it to finish what it read and summarise. */
function runOnThread(
  url: URL,
  job: ScanJob,
  onProgress: (p: ScanProgress) => void,
): { result: Promise<JobResult>; stop: () => void } {
  // trackUnmanagedFds off: the scan thread opens a pipe (named, or standard input) and hands it to a
  // socket, which closes it without telling the tracker; the next file given the same descriptor
  // number made Node warn "opened in unmanaged mode twice".
  const worker = new Worker(url, {
    workerData: job,
    resourceLimits: threadLimits(),
    trackUnmanagedFds: false,
  });
  const result = new Promise<JobResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.result);
      } else {
        settled = true;
        reject(fromJobError(m.error));
      }
    });
    worker.on('error', (e: NodeJS.ErrnoException) => {
      settled = true;
      reject(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ScanOutOfMemory(
              `the scan thread ran out of its ${threadOldMb()} MB (the summary keeps every distinct sender); ` +
                'run with --jobs 0 to scan on the main thread, without that limit',
            )
          : e,
      );
    });
    worker.on('exit', (code) => {
      // Status 0 without an answer: the thread's work ran out while the scan waited (a stall).
      if (!settled)
        reject(code === 0 ? new ScanStalled() : new Error(`the scan thread stopped (exit status ${code})`));
    });
  });
  return { result, stop: () => worker.postMessage({ type: 'stop' }) };
}

export async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
  const lang = opts.lang ?? langFromEnv(process.env);
  const stdin = paths.length === 0 || paths.includes('-');
  // isatty, not process.stdin.isTTY: making the process.stdin stream would start reading a pipe here.
  if (stdin && isatty(0)) {
    // Reading a terminal would wait for a mailbox typed by hand: say what is expected instead.
    process.stderr.write(
      'mailwhy scan: give a mailbox, folder or archive, or pipe one in (run "mailwhy scan --help")\n',
    );
    return EXIT_USAGE;
  }
  if (opts.csvBom && !opts.csv) {
    process.stderr.write('mailwhy scan: --csv-bom needs --csv <file> (run "mailwhy scan --help")\n');
    return EXIT_USAGE;
  }
  const conflict = outputConflict({ paths, jsonl: opts.jsonl, csv: opts.csv });
  if (conflict) {
    process.stderr.write(`mailwhy scan: ${conflict}\n`);
    return EXIT_USAGE;
  }
  const bar = progressBar(opts.quiet);
  const job: ScanJob = {
    paths,
    jobs: opts.jobs ?? availableParallelism(),
    lang,
    domain: opts.domain ?? null,
    failOn: opts.failOn,
    progress: bar !== null,
    ...(opts.jsonl ? { jsonl: opts.jsonl } : {}),
    ...(opts.csv ? { csv: opts.csv } : {}),
    ...(opts.csv && opts.csvBom ? { csvBom: true } : {}),
    ...(opts.trust ? { trust: opts.trust } : {}),
    ...(opts.trustedNetworks ? { trustedNetworks: opts.trustedNetworks } : {}),
    ...(opts.redact ? { redact: true } : {}),
  };
  const onProgress = (p: ScanProgress): void => bar?.update(p);
  // Read on the scan thread; standard input too, when it is a redirected file or a pipe (what else it
  // can be, a socket from another program, is read here through process.stdin).
  const url = job.jobs === 0 || (stdin && stdinKind() === 'other') ? null : builtEntryUrl('scan-thread.js');
  const controller = new AbortController();
  const run = url
    ? runOnThread(url, job, onProgress)
    : { result: runJob(job, controller.signal, onProgress), stop: () => controller.abort() };
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    // The first Ctrl-C stops reading and prints the summary so far; a second one quits at once.
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    run.stop();
  };
  process.on('SIGINT', onSigint);
  // Should the reading ever wait on something that cannot come (a stalled stream), Node would end
  // with status 0 and no summary: say so instead. (On the scan thread the same shows as the thread
  // ending without an answer: ScanStalled.)
  const onStall = (): void => {
    bar?.stop();
    process.stderr.write(`mailwhy scan: ${STALLED}\n`);
    process.exitCode = EXIT_USAGE;
  };
  process.once('beforeExit', onStall);
  try {
    const result = await run.result;
    bar?.stop();
    if (result.outputClosed) return EXIT_OUTPUT_CLOSED;
    // Each input that could not be read gets its line, as when it is the only one; the summary of
    // the others follows, unless there were no others.
    for (const u of result.summary.unreadable)
      process.stderr.write(`mailwhy scan: ${u.path}: ${reasonIn(lang, u.reason)}\n`);
    const inputs = paths.length === 0 ? 1 : paths.length;
    if (result.summary.unreadable.length >= inputs && !result.summary.interrupted) return EXIT_USAGE;
    const out =
      opts.format === 'json'
        ? `${JSON.stringify(result.summary, null, 2)}\n`
        : opts.format === 'html'
          ? renderSummaryHtml(result.summary, { lang, top: opts.top })
          : renderSummaryText(result.summary, { lang, top: opts.top });
    // With --jsonl - the reports own standard output; the summary goes to standard error then.
    (opts.jsonl === '-' || opts.csv === '-' ? process.stderr : process.stdout).write(out);
    return exitStatusOf(result);
  } catch (error) {
    bar?.stop();
    if (error instanceof UnreadableInput) {
      process.stderr.write(`mailwhy scan: ${error.path}: ${reasonIn(lang, error.reason)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ScanOutOfMemory || error instanceof ScanStalled) {
      process.stderr.write(`mailwhy scan: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const e = error as NodeJS.ErrnoException;
    if (e.code !== undefined && FILE_ERROR_CODES.has(e.code)) {
      process.stderr.write(`mailwhy scan: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('beforeExit', onStall);
  }
}
