/**
 * The command line: argv → options → library → render → exit status. No analysis lives here.
 */

import { Command, InvalidArgumentError, Option } from 'commander';
import { langFromEnv } from '../explain/lang.js';
import type { Lang } from '../report.js';
import { parseCidrList } from './args.js';
import { useColor } from './color.js';
import { EXIT, EXIT_OUTPUT_CLOSED, writeReason } from './exit.js';
import type { ExplainOptions } from './explain.js';
import { scanCommand } from './scan.js';
import { webCommand } from './web.js';

const VERSION = '0.1.0';

function parseLang(value: string): Lang {
  if (value !== 'ja' && value !== 'en') throw new InvalidArgumentError('use "ja" or "en"');
  return value;
}

function parseTimeout(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('a positive whole number of milliseconds');
  return n;
}

export function buildProgram(): Command {
  const program = new Command('mailwhy')
    .description(
      "Explains, from a message's own headers, why it was or was not authenticated,\nnames the server that really sent it, and writes the DNS records that fix it.",
    )
    .version(VERSION)
    .showHelpAfterError('(run "mailwhy --help" for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText(
      'after',
      `
Examples:
  mailwhy original.eml                          why is this message (un)authenticated? what to fix?
  mailwhy --lang ja samples/sakura-softfail.eml the same, in Japanese
  mailwhy spf example.com --ip 203.0.113.25     evaluate a domain's SPF record with the full trace

Run "mailwhy help <command>" for a command's options.
Exit status: 0 nothing wrong; 1 problems found; 2 bad usage or unreadable input.`,
    );

  program
    .command('explain', { isDefault: true })
    .description(
      'explain messages: .eml files, bare header blocks, the text of Gmail\'s "Show original" page, or each message of a small mbox (whole mailboxes: "mailwhy scan")',
    )
    .argument('[files...]', 'files to read; "-" or nothing reads standard input')
    .addOption(
      new Option(
        '--lang <lang>',
        'language of the report: ja or en (default: from LC_ALL / LC_MESSAGES / LANG)',
      ).argParser(parseLang),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'html']).default('text'),
    )
    .option(
      '--trust <authserv-id>',
      'believe the stamps of this receiver (default: decided from the Received chain)',
    )
    .option(
      '--trusted-networks <cidrs>',
      'comma-separated CIDRs of relays you run (as SpamAssassin trusted_networks)',
      parseCidrList,
    )
    .addOption(
      new Option(
        '--audience <who>',
        'admin: the full report; user: at most 8 plain lines for the person who saw the "?"',
      )
        .choices(['admin', 'user'])
        .default('admin'),
    )
    .option(
      '--redact',
      "mask local parts, recipients, message IDs and the sender's own client IP, for sharing the report",
    )
    .option('--online', "also evaluate today's SPF record and check every proposed record (asks DNS)")
    .option('--dns-server <ip[:port]>', 'with --online: ask this DNS server (implies --online)')
    .option(
      '--dns-fixture <file>',
      'answer DNS from a JSON zone file instead (docs/dns-fixture.md; implies --online)',
    )
    .option('--dns-timeout <ms>', 'per-query DNS timeout in milliseconds (default 2000)', parseTimeout)
    .option('--color', 'force colours')
    .option('--no-color', 'no colours (also when NO_COLOR is set or stdout is not a terminal)')
    .addHelpText(
      'after',
      `
Offline by default: no request leaves the machine unless --online (or a DNS server or zone file) is given.

Examples:
  mailwhy original.eml                    explain a message saved with Gmail's "Download original"
  pbpaste | mailwhy -                     explain the text copied from Gmail's "Show original" page
  mailwhy --lang ja --format json a.eml   the report as JSON, wording in Japanese
  mailwhy --audience user --lang ja a.eml a short plain answer for the person who saw the "?"
  mailwhy a.eml b.eml                     one report per file
  mailwhy --format html a.eml > a.html    one self-contained HTML file (no script), e.g. for a ticket
  mailwhy --redact --format html a.eml    the same, safe to share: personal parts masked
  mailwhy --online original.eml           today's SPF record beside the verdict at delivery; fixes verified

Exit status: 0 authenticated, nothing wrong; 1 problems found; 2 bad usage or unreadable input.`,
    )
    .action(async (files: string[], opts: ExplainOptions) => {
      // Loaded only when a message is explained: --help, --version and the other commands stay light.
      const { explain } = await import('./explain.js');
      process.exitCode = await explain(files, opts);
    });

  program
    .command('spf')
    .description(
      "evaluate a domain's SPF record for an IP, with the full trace (asks DNS: an explicit online request)",
    )
    .argument('<domain>', "the domain whose record is checked (the envelope sender's domain, or HELO name)")
    .requiredOption('--ip <ip>', 'the IP address of the sending server (IPv4 or IPv6)')
    .option('--sender <address>', 'the envelope sender (MAIL FROM); default postmaster@<domain>')
    .option('--helo <name>', 'the HELO/EHLO name the server gave')
    .option(
      '--record <record>',
      'test this record instead of the published one (e.g. a fix before publishing it)',
    )
    .option('--dns-server <ip[:port]>', 'ask this DNS server instead of the system resolver')
    .option('--dns-fixture <file>', 'answer from a JSON zone file instead of DNS (docs/dns-fixture.md)')
    .option('--dns-timeout <ms>', 'per-query DNS timeout in milliseconds', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0)
        throw new InvalidArgumentError('a positive whole number of milliseconds');
      return n;
    })
    .addOption(
      new Option('--lang <lang>', 'language: ja or en (default: from LC_ALL / LC_MESSAGES / LANG)').argParser(
        parseLang,
      ),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .addHelpText(
      'after',
      `
Examples:
  mailwhy spf example.com --ip 203.0.113.25
  mailwhy spf example.com --ip 203.0.113.25 --record "v=spf1 a:www123.sakura.ne.jp mx ~all"
  mailwhy spf example.com --ip 2001:db8::25 --dns-server 192.0.2.53 --format json

Exit status: 0 pass; 1 any other result; 2 bad usage.`,
    )
    .action(async (domain: string, opts: SpfCommandOptions) => {
      const { runSpf } = await import('./spf.js');
      const run: Parameters<typeof runSpf>[0] = {
        domain,
        ip: opts.ip,
        format: opts.format,
        lang: opts.lang ?? langFromEnv(process.env),
        color: useColor(opts.color, process.stdout),
      };
      if (opts.sender) run.sender = opts.sender;
      if (opts.helo) run.helo = opts.helo;
      if (opts.record) run.record = opts.record;
      if (opts.dnsServer) run.dnsServer = opts.dnsServer;
      if (opts.dnsFixture) run.dnsFixture = opts.dnsFixture;
      if (opts.dnsTimeout) run.dnsTimeoutMs = opts.dnsTimeout;
      const out = await runSpf(run);
      process.stdout.write(out.stdout);
      if (out.stderr) process.stderr.write(out.stderr);
      process.exitCode = out.exitCode;
    });

  program.addCommand(scanCommand().copyInheritedSettings(program));
  program.addCommand(webCommand().copyInheritedSettings(program));
  // A usage error points at the help of the command it was made in (the settings copied above
  // carried the program's own hint).
  for (const command of program.commands)
    command.showHelpAfterError(`(run "mailwhy ${command.name()} --help" for usage)`);

  return program;
}

interface SpfCommandOptions {
  ip: string;
  sender?: string;
  helo?: string;
  record?: string;
  dnsServer?: string;
  dnsFixture?: string;
  dnsTimeout?: number;
  lang?: Lang;
  format: 'text' | 'json';
  color?: boolean;
}

/**
 * When the program reading our output stops (`mailwhy … | head`), end quietly with 128 + SIGPIPE,
 * as programs killed by SIGPIPE do, instead of an unhandled EPIPE error and its stack. Any other
 * failed write (`> file` on a full disk) is one line on standard error and exit status 2.
 */
function quietOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_OUTPUT_CLOSED);
      if (stream === process.stdout) {
        try {
          process.stderr.write(`mailwhy: cannot write standard output: ${writeReason(error)}\n`);
        } catch {
          // Standard error failing too leaves only the exit status to say it.
        }
      }
      process.exit(EXIT.usage);
    });
  }
}

export async function main(argv: string[]): Promise<void> {
  quietOnClosedOutput();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') {
      process.exitCode = 0;
      return;
    }
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exitCode = EXIT.usage;
      return;
    }
    // A bug, not bad input: one line for the user, the stack only when asked for.
    const detail = process.env.MAILWHY_DEBUG
      ? ((error as Error).stack ?? String(error))
      : (error as Error).message;
    process.stderr.write(
      `mailwhy: internal error: ${detail} (set MAILWHY_DEBUG=1 for details; please report it)\n`,
    );
    process.exitCode = EXIT.usage;
  }
}
