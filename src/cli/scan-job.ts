/**
 * One `mailwhy scan` run as plain data, and running it: the output files opened, scan() called, the
 * files closed. The CLI runs it on a thread of its own (scan-thread.ts) whose heap is bounded, or
 * on the main thread when the mailbox comes from standard input.
 */
import { closeSync, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import type { Lang } from '../report.js';
import type { ByteSink, FailOn, FileId, ScanProgress, ScanResult } from '../scan/index.js';
import { scan, UnreadableInput } from '../scan/index.js';
import { writeReason } from './exit.js';

/** What a scan needs, all of it structured-cloneable (it is a scan thread's workerData). */
export interface ScanJob {
  paths: string[];
  jobs: number;
  lang: Lang;
  domain: string | null;
  failOn: FailOn;
  jsonl?: string;
  csv?: string;
  /** Start the CSV with a UTF-8 byte order mark (for Excel). */
  csvBom?: boolean;
  trust?: string;
  trustedNetworks?: string[];
  redact?: boolean;
  /** Whether to report progress (a progress bar is showing). */
  progress: boolean;
}

/** Where a write that would block waits (Atomics.wait: a pause without spinning). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** A file written with synchronous writes: the scan's memory stays bounded whatever the disk does. */
class FileSink implements ByteSink {
  readonly fd: number;
  /** Set when the reader of standard output went away: nothing more is written. */
  closed = false;
  constructor(
    private readonly path: string,
    private readonly onClosed: () => void,
  ) {
    this.fd = path === '-' ? 1 : openSync(path, 'w');
  }
  write(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length && !this.closed) {
      try {
        off += writeSync(this.fd, bytes, off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // Standard output can be a non-blocking pipe (`--jsonl - | slow-reader`): when it is full,
        // wait for the reader instead of failing.
        if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 5);
        else if (code === 'EPIPE' && this.fd === 1) {
          // `--jsonl - | head`: the reader has what it wanted. Stop the scan, quietly.
          this.closed = true;
          this.onClosed();
        } else throw writeFailed(this.path, e as NodeJS.ErrnoException);
      }
    }
  }
  close(): void {
    if (this.fd !== 1) closeSync(this.fd);
  }
}

/**
 * A write that failed for a reason of the machine's (a full disk, a quota, a read-only file system,
 * an I/O error): said with the file and the reason, as a usage error is, not as an internal one.
 */
function writeFailed(path: string, e: NodeJS.ErrnoException): NodeJS.ErrnoException {
  const error = new Error(
    `cannot write ${path === '-' ? 'standard output' : path}: ${writeReason(e)}`,
  ) as NodeJS.ErrnoException;
  if (e.code) error.code = e.code;
  return error;
}

/** The error codes of a file the scan cannot open or write: one line, exit status 2. */
export const FILE_ERROR_CODES: ReadonlySet<string> = new Set([
  'ENOENT',
  'EACCES',
  'EISDIR',
  'EPERM',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'EROFS',
  'EIO',
]);

/**
 * The files this run writes (`--jsonl`, `--csv`, standard output when it is a file): the scan must
 * not read them back, should they lie in the folder it scans (`scan --jsonl Maildir/out.jsonl Maildir`,
 * `scan Maildir > Maildir/summary.txt`).
 */
function ownOutputs(sinks: readonly FileSink[]): FileId[] {
  const own: FileId[] = [];
  for (const fd of [1, ...sinks.map((s) => s.fd)]) {
    try {
      const st = fstatSync(fd);
      if (st.isFile()) own.push({ dev: st.dev, ino: st.ino });
    } catch {
      // A descriptor that cannot be examined is not a file in a folder.
    }
  }
  return own;
}

/**
 * Outputs named on the command line that would destroy or garble something: one that is also an
 * input file (opening it for writing would empty the mailbox before it is read), or --jsonl and
 * --csv naming the same file (lines of both, interleaved). The reason in one line, or null.
 */
export function outputConflict(job: {
  paths: string[];
  jsonl?: string | undefined;
  csv?: string | undefined;
}): string | null {
  const same = (a: string, b: string): boolean => {
    if (a === b) return true;
    const sa = statSync(a, { throwIfNoEntry: false });
    const sb = statSync(b, { throwIfNoEntry: false });
    return !!sa && !!sb && sa.isFile() && sa.dev === sb.dev && sa.ino === sb.ino;
  };
  if (job.jsonl && job.csv && same(job.jsonl, job.csv))
    return `--jsonl and --csv both name ${job.jsonl === '-' ? 'standard output' : job.jsonl}: give each its own file`;
  for (const [option, out] of [
    ['--jsonl', job.jsonl],
    ['--csv', job.csv],
  ] as const) {
    if (!out || out === '-') continue;
    for (const p of job.paths)
      if (p !== '-' && same(p, out))
        return `${option} ${out} is also an input: writing it would empty it first`;
  }
  return null;
}

export interface JobResult extends ScanResult {
  /** Standard output (`--jsonl -` or `--csv -`) was closed by its reader: the scan stopped there. */
  outputClosed: boolean;
}

export async function runJob(
  job: ScanJob,
  signal: AbortSignal,
  onProgress: (p: ScanProgress) => void,
): Promise<JobResult> {
  const sinks: FileSink[] = [];
  // Ctrl-C, or standard output closed by its reader.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort);
  if (signal.aborted) stop.abort();
  try {
    const jsonl = job.jsonl ? new FileSink(job.jsonl, onAbort) : undefined;
    if (jsonl) sinks.push(jsonl);
    const csv = job.csv ? new FileSink(job.csv, onAbort) : undefined;
    if (csv) sinks.push(csv);
    const result = await scan(job.paths, {
      ownOutputs: ownOutputs(sinks),
      jobs: job.jobs,
      lang: job.lang,
      domain: job.domain,
      failOn: job.failOn,
      signal: stop.signal,
      ...(jsonl ? { jsonl } : {}),
      ...(csv ? { csv } : {}),
      ...(csv && job.csvBom ? { csvBom: true } : {}),
      ...(job.trust ? { trust: job.trust } : {}),
      ...(job.trustedNetworks ? { trustedNetworks: job.trustedNetworks } : {}),
      ...(job.redact ? { redact: true } : {}),
      ...(job.progress ? { onProgress } : {}),
    });
    return { ...result, outputClosed: sinks.some((s) => s.closed) };
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const s of sinks) s.close();
  }
}

/** An error that ended a job, as data that crosses from the scan thread. */
export interface JobError {
  message: string;
  /** UnreadableInput's path and reason (an input named on the command line). */
  unreadable?: { path: string; reason: string };
  /** A file-system error's code (ENOENT, EACCES…). */
  code?: string;
  stack?: string;
}

export function jobError(error: unknown): JobError {
  if (error instanceof UnreadableInput)
    return { message: error.message, unreadable: { path: error.path, reason: error.reason } };
  const e = error as NodeJS.ErrnoException;
  return {
    message: e?.message ?? String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
  };
}

/** The error again, on the thread that reports it. */
export function fromJobError(e: JobError): Error {
  if (e.unreadable) return new UnreadableInput(e.unreadable.path, e.unreadable.reason);
  const error = new Error(e.message) as NodeJS.ErrnoException;
  if (e.code) error.code = e.code;
  if (e.stack) error.stack = e.stack;
  return error;
}
