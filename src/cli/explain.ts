// The explain command's run: read each input, analyse it (online when asked), render, exit status.
import { analyze, analyzeMessage } from '../analyze.js';
import { langFromEnv } from '../explain/index.js';
import { inputProblemText } from '../explain/input.js';
import { InputError, type ReadMessage, readMessages } from '../input/node.js';
import type { OnlineOptions } from '../online.js';
import { redactReport } from '../redact.js';
import { renderHtml } from '../render/html.js';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';
import type { Lang, Report } from '../report.js';
import { useColor } from './color.js';
import { EXIT, exitCodeOf } from './exit.js';

export interface ExplainOptions {
  redact?: boolean;
  lang?: Lang;
  audience: 'admin' | 'user';
  format: 'text' | 'json' | 'html';
  color?: boolean;
  trust?: string;
  trustedNetworks?: string[];
  online?: boolean;
  dnsServer?: string;
  dnsFixture?: string;
  dnsTimeout?: number;
}

export async function explain(files: string[], opts: ExplainOptions): Promise<number> {
  const lang = opts.lang ?? langFromEnv(process.env);
  const color = useColor(opts.color, process.stdout);
  const reports: Report[] = [];
  let worst: number = EXIT.ok;
  const texts: string[] = [];
  // No request leaves the machine unless asked: --online (system DNS), or a DNS server / zone file given.
  let online: OnlineOptions | undefined;
  if (opts.online || opts.dnsServer !== undefined || opts.dnsFixture !== undefined) {
    const { makeResolver, ResolverError } = await import('./resolver.js');
    const choice: Parameters<typeof makeResolver>[0] = {};
    if (opts.dnsServer !== undefined) choice.dnsServer = opts.dnsServer;
    if (opts.dnsFixture !== undefined) choice.dnsFixture = opts.dnsFixture;
    if (opts.dnsTimeout !== undefined) choice.dnsTimeoutMs = opts.dnsTimeout;
    try {
      // As `mailwhy spf`: a lookup is given up after three times the per-try timeout (two tries),
      // and one budget per message covers today's check and the fix checks.
      const queryTimeoutMs = (opts.dnsTimeout ?? 2000) * 3;
      online = {
        resolver: await makeResolver(choice),
        limits: { queryTimeoutMs, totalTimeoutMs: Math.max(20_000, queryTimeoutMs * 2) },
      };
    } catch (error) {
      if (!(error instanceof ResolverError)) throw error;
      process.stderr.write(`mailwhy: ${error.message}\n`);
      return EXIT.usage;
    }
  }
  for (const file of files.length > 0 ? files : ['-']) {
    let messages: ReadMessage[];
    try {
      messages = await readMessages(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      process.stderr.write(`mailwhy: ${error.text(lang)}\n`);
      worst = EXIT.usage;
      continue;
    }
    // One message, or each message of a mailbox: an unreadable one does not hide the others.
    for (const msg of messages) {
      if (msg.notice)
        process.stderr.write(
          `mailwhy: ${msg.name}: ${inputProblemText(lang, msg.notice.problem, msg.notice.args)}\n`,
        );
      try {
        const analyzeOptions: Parameters<typeof analyzeMessage>[1] = { lang, name: msg.name };
        if (msg.display) analyzeOptions.display = msg.display;
        if (opts.trust) analyzeOptions.trust = opts.trust;
        if (opts.trustedNetworks) analyzeOptions.trustedNetworks = opts.trustedNetworks;
        const analyzed = online
          ? await analyze(msg.bytes, { ...analyzeOptions, online })
          : analyzeMessage(msg.bytes, analyzeOptions);
        const report = opts.redact ? redactReport(analyzed) : analyzed;
        if (report.input.headerFields === 0) throw new InputError(msg.name, 'no-header');
        reports.push(report);
        if (opts.format === 'text') texts.push(renderText(report, { color, audience: opts.audience }));
        worst = Math.max(worst, exitCodeOf(report));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        process.stderr.write(`mailwhy: ${error.text(lang)}\n`);
        worst = EXIT.usage;
      }
    }
  }
  if (opts.format === 'json') {
    if (reports.length > 0)
      process.stdout.write(renderJson(reports.length === 1 ? (reports[0] as Report) : reports));
  } else if (opts.format === 'html') {
    if (reports.length > 0)
      process.stdout.write(
        renderHtml(reports.length === 1 ? (reports[0] as Report) : reports, { audience: opts.audience }),
      );
  } else {
    process.stdout.write(texts.join(`\n${'─'.repeat(60)}\n\n`));
  }
  return worst;
}
