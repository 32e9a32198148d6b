/**
 * The scan command's run (loaded only when `mailwhy scan` runs): progress, output files, summary,
 * exit status.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { langFromEnv } from '../explain/lang.js';
import type { ByteSink, ScanProgress, ScanResult } from '../scan/index.js';
import { scan, UnreadableInput } from '../scan/index.js';
import { renderSummaryText } from '../scan/render.js';
import { renderSummaryHtml } from '../scan/render-html.js';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type ScanCliOptions } from './scan.js';

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
  return result.failures > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/** A file written with synchronous writes: the scan's memory stays bounded whatever the disk does. */
class FileSink implements ByteSink {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = path === '-' ? 1 : openSync(path, 'w');
  }
  write(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off);
  }
  close(): void {
    if (this.fd !== 1) closeSync(this.fd);
  }
}

export async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
  const lang = opts.lang ?? langFromEnv(process.env);
  if ((paths.length === 0 || paths.includes('-')) && process.stdin.isTTY) {
    // Reading a terminal would wait for a mailbox typed by hand: say what is expected instead.
    process.stderr.write(
      'mailwhy scan: give a mailbox, folder or archive, or pipe one in (run "mailwhy scan --help")\n',
    );
    return EXIT_USAGE;
  }
  const sinks: FileSink[] = [];
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    // The first Ctrl-C stops reading and prints the summary so far; a second one quits at once.
    if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = progressBar(opts.quiet);
  try {
    const jsonl = opts.jsonl ? new FileSink(opts.jsonl) : undefined;
    const csv = opts.csv ? new FileSink(opts.csv) : undefined;
    if (jsonl) sinks.push(jsonl);
    if (csv) sinks.push(csv);
    const result = await scan(paths, {
      jobs: opts.jobs ?? availableParallelism(),
      lang,
      domain: opts.domain ?? null,
      failOn: opts.failOn,
      signal: controller.signal,
      ...(jsonl ? { jsonl } : {}),
      ...(csv ? { csv } : {}),
      ...(opts.trust ? { trust: opts.trust } : {}),
      ...(opts.trustedNetworks ? { trustedNetworks: opts.trustedNetworks } : {}),
      ...(opts.redact ? { redact: true } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    });
    bar?.stop();
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
      process.stderr.write(`mailwhy scan: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') {
      process.stderr.write(`mailwhy scan: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    for (const s of sinks) s.close();
  }
}
