/**
 * `mailwhy scan`: the command's options; the run itself (src/cli/scan-run.ts) loads only when it runs.
 */

import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Lang } from '../report.js';
import type { FailOn } from '../scan/index.js';
import { parseCidrList } from './args.js';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells expect from a program stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export interface ScanCliOptions {
  lang?: Lang;
  format: 'text' | 'json' | 'html';
  jsonl?: string;
  csv?: string;
  csvBom?: boolean;
  domain?: string;
  failOn: FailOn;
  jobs?: number;
  quiet?: boolean;
  redact?: boolean;
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

export function scanCommand(): Command {
  return (
    new Command('scan')
      .description(
        'scan whole mailboxes: mbox (Takeout, Thunderbird, Apple Mail), maildir, folders of .eml, ' +
          '.zip / .tgz / .tar.gz / .gz archives of them, pipes or standard input — streamed, on every core',
      )
      // addCommand() does not pass the program's exitOverride down: a usage error must reach main's
      // handler (exit status 2) instead of commander's process.exit(1).
      .exitOverride()
      .argument('[paths...]', 'files, folders or archives; "-" or nothing reads standard input')
      .addOption(
        new Option('--format <format>', 'summary format (html: one self-contained file, no script)')
          .choices(['text', 'json', 'html'])
          .default('text'),
      )
      .option(
        '--jsonl <file>',
        'write one JSON line per message: its report (or error) with source and position ("-" = stdout)',
      )
      .option('--csv <file>', 'write one CSV row per message ("-" = stdout)')
      .option(
        '--csv-bom',
        'start the CSV with a UTF-8 byte order mark, so that Excel reads Japanese folder names and domains as UTF-8',
      )
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
        // The default is in the text: commander shows no default whose value is undefined.
        new Option(
          '--jobs <n>',
          `worker threads analysing headers (default: the number of cores, ${availableParallelism()} here; 0 = none, all on the main thread)`,
        ).argParser(parseCount(0)),
      )
      .addOption(
        new Option(
          '--lang <lang>',
          'language of the summary: ja or en (default: from LC_ALL / LC_MESSAGES / LANG)',
        ).argParser(parseLang),
      )
      .addOption(
        new Option('--top <n>', 'rows per table in the text and HTML summary')
          .argParser(parseCount(1))
          .default(20),
      )
      .option(
        '--redact',
        'mask local parts, recipients, Message-IDs and the submission client in --jsonl, --csv and the summary',
      )
      .option('--trust <authserv-id>', 'believe the stamps of this receiver (default: decided per message)')
      .option('--trusted-networks <cidrs>', 'comma-separated CIDRs of relays you run', parseCidrList)
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
  mailwhy scan <(xz -dc mail.mbox.xz)                        a pipe named as a file
  mailwhy scan --jsonl - mail.mbox | jq -c .report.verdicts  reports to another program
  mailwhy scan --format html --redact mail.mbox > summary.html  a summary to share, personal parts masked
  mailwhy scan --fail-on fail --quiet export.tgz || echo "hard failures found"

Every message becomes a report or an error record: the summary states read = reported + errored.
An input that is not mail or a broken archive is named on stderr and the others are still scanned.
Ctrl-C stops reading and prints the summary so far with the position where it stopped.

Exit status: 0 nothing wrong; 1 problems found (see --fail-on); 2 bad usage or unreadable input;
130 interrupted; 141 the program reading --jsonl - or --csv - stopped reading.`,
      )
      .action(async (paths: string[], opts: ScanCliOptions) => {
        const { runScan } = await import('./scan-run.js');
        process.exitCode = await runScan(paths, opts);
      })
  );
}
