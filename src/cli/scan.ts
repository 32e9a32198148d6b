/**
 * `mailwhy scan`: argv → scan options → library → summary → exit status. No analysis here.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { langFromEnv } from '../explain/index.js';
import type { Lang } from '../report.js';
import type { ByteSink, FailOn, ScanProgress, ScanResult } from '../scan/index.js';
import { scan, UnreadableInput } from '../scan/index.js';
import { renderSummaryText } from '../scan/render.js';

const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells expect from a program stopped by Ctrl-C. */
const EXIT_INTERRUPTED = 130;

interface ScanCliOptions {
  lang?: Lang;
  format: 'text' | 'json';
  jsonl?: string;
  csv?: string;
  domain?: string;
  failOn: FailOn;
  jobs?: number;
  quiet?: boolean;
  top: number;
  trust?: string;
  trustedNetworks?: string[];
}

function parseLang(value: string): Lang {
  if (value !== 'ja' && value !== 'en') throw new InvalidArgumentError('use "ja" or "en"');
  return value;
}

function parseCount(min: number): (value: string) => number {
  return (value: string): number => {
    const v = Number(value);
    if (!Number.isInteger(v) || v < min) throw new InvalidArgumentError(`an integer ≥ ${min}`);
    return v;
  };
}

function parseDomain(value: string): string {
  const v = value.trim().replace(/^@/, '').replace(/\.$/, '');
  if (!/^[a-z0-9._-]+\.[a-z0-9-]+$/i.test(v) && !/^[^\s.]+(\.[^\s.]+)+$/u.test(v)) {
    throw new InvalidArgumentError('a domain name such as example.com');
  }
  return v.toLowerCase();
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

async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
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
      ...(bar ? { onProgress: bar.update } : {}),
    });
    bar?.stop();
    const out =
      opts.format === 'json'
        ? `${JSON.stringify(result.summary, null, 2)}\n`
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

export function scanCommand(): Command {
  return (
    new Command('scan')
      .description(
        'scan whole mailboxes: mbox (Takeout, Thunderbird, Apple Mail), maildir, folders of .eml,\n' +
          '.zip / .tgz / .tar.gz / .gz archives of them, or standard input — streamed, on every core',
      )
      // addCommand() does not pass the program's exitOverride down: a usage error must reach main's
      // handler (exit status 2) instead of commander's process.exit(1).
      .exitOverride()
      .showHelpAfterError('(run "mailwhy scan --help" for usage)')
      .argument('[paths...]', 'files, folders or archives; "-" or nothing reads standard input')
      .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
      .option(
        '--jsonl <file>',
        'write one JSON line per message: its report (or error) with source and position ("-" = stdout)',
      )
      .option('--csv <file>', 'write one CSV row per message ("-" = stdout)')
      .option(
        '--domain <domain>',
        'only mail whose From or envelope domain is this domain or a subdomain of it',
        parseDomain,
      )
      .addOption(
        new Option(
          '--fail-on <level>',
          'exit 1 when a message has: softfail (SPF softfail/fail, DKIM/DMARC fail, Gmail "?", or could not be read), fail (only hard failures), none',
        )
          .choices(['softfail', 'fail', 'none'])
          .default('softfail'),
      )
      .addOption(
        new Option('--jobs <n>', 'worker threads analysing headers (0 = in the main thread)')
          .argParser(parseCount(0))
          .default(undefined, 'number of cores'),
      )
      .addOption(
        new Option(
          '--lang <lang>',
          'language of the summary: ja or en (default: from LC_ALL / LC_MESSAGES / LANG)',
        ).argParser(parseLang),
      )
      .addOption(
        new Option('--top <n>', 'rows per table in the text summary').argParser(parseCount(1)).default(20),
      )
      .option('--trust <authserv-id>', 'believe the stamps of this receiver (default: decided per message)')
      .option('--trusted-networks <cidrs>', 'comma-separated CIDRs of relays you run', (v: string) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .option('-q, --quiet', 'no progress bar (it is shown only when standard error is a terminal)')
      .addHelpText(
        'after',
        `
Examples:
  mailwhy scan "All mail Including Spam and Trash.mbox"      summary by From domain and sending host
  mailwhy scan takeout-001.zip takeout-002.zip               Google Takeout parts, read inside the zips
  mailwhy scan --domain example.com ~/Maildir                audit one domain across a maildir
  mailwhy scan --jsonl reports.jsonl --csv rows.csv mail.mbox one record per message, with its position
  gunzip -c mail.mbox.gz | mailwhy scan --format json -      standard input, summary as JSON
  mailwhy scan --fail-on fail --quiet export.tgz || echo "hard failures found"

Every message becomes a report or an error record: the summary states read = reported + errored.
Ctrl-C stops reading and prints the summary so far with the position where it stopped.

Exit status: 0 nothing wrong; 1 problems found (see --fail-on); 2 bad usage or unreadable input;
130 interrupted.`,
      )
      .action(async (paths: string[], opts: ScanCliOptions) => {
        process.exitCode = await runScan(paths, opts);
      })
  );
}
