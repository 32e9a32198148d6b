// Shared pieces of the DNS fault tests: run the built CLI against the loopback DNS server with a kill
// timer, read its JSON, derive the time bound of a run from the configured limits, walk the SPF trace.
//
// The bound of one run is derived, never measured:
//   run ≤ STARTUP_MS + Σ over its SPF evaluations of min(queries × perQuery, totalTimeoutMs)
// where `queries` is the RFC 7208 maximum of DNS lookups of that evaluation for the record served
// (1 TXT + at most 10 DNS-querying terms + their address lookups, §4.6.4), and `perQuery` is the
// smaller of the two timeouts that stop a lookup:
//   - the resolver's: `--dns-timeout T` with 2 tries (src/cli/resolver.ts). c-ares 1.34 doubles the
//     timeout on each retry, never waits less than 250 ms per try, and only notices an expiry on
//     Node's timer tick of min(T, 1 s): ≤ (2^tries − 1) × max(T, 250) + tries × min(T, 1000) ms;
//   - checkSpf's own per-query timeout (`mailwhy spf`: 3 × T, src/cli/spf.ts; `explain --online`:
//     the default 5 s, src/spf/check.ts).
// plus one c-ares timeout at the end: a lookup checkSpf stopped waiting for is still pending in
// c-ares, and the process exits when it ends.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { FixtureZone } from '../../src/dns/index.js';
import type { Report } from '../../src/report.js';
import { DEFAULT_SPF_LIMITS } from '../../src/spf/check.js';
import type { SpfEvaluation, SpfResult, SpfTermTrace } from '../../src/spf/types.js';
import { root } from '../cli/run.js';
import {
  type DnsServer,
  type DnsServerOptions,
  type ServedQuery,
  startDnsServer,
} from '../helpers/dns-server.js';

/** Tries per server of the CLI's resolver (src/cli/resolver.ts). */
export const TRIES = 2;
/** c-ares 1.34 never times a try out sooner than this. */
export const CARES_FLOOR_MS = 250;
/** Node start, loading dist/, parsing the message and rendering: generous, the machine is shared. */
export const STARTUP_MS = 6000;

/** The longest a single lookup that never gets an answer can take, from the configured limits. */
export function perQueryMs(dnsTimeoutMs: number, spfQueryTimeoutMs: number): number {
  return Math.min(caresMs(dnsTimeoutMs), spfQueryTimeoutMs);
}

/** The longest c-ares itself waits for one lookup with `--dns-timeout T` and TRIES tries. */
export function caresMs(dnsTimeoutMs: number): number {
  const floor = Math.max(dnsTimeoutMs, CARES_FLOOR_MS);
  return (2 ** TRIES - 1) * floor + TRIES * Math.min(dnsTimeoutMs, 1000);
}

/** checkSpf's limits as `mailwhy spf --dns-timeout T` sets them (src/cli/spf.ts). */
export function spfCliLimits(dnsTimeoutMs: number): { queryTimeoutMs: number; totalTimeoutMs: number } {
  const queryTimeoutMs = dnsTimeoutMs * 3;
  return { queryTimeoutMs, totalTimeoutMs: Math.max(20000, queryTimeoutMs * 2) };
}

/** checkSpf's limits under `explain --online` (src/online.ts passes none: the defaults). */
export const explainLimits = {
  queryTimeoutMs: DEFAULT_SPF_LIMITS.queryTimeoutMs,
  totalTimeoutMs: DEFAULT_SPF_LIMITS.totalTimeoutMs,
};

/** Upper bound in ms of one CLI run doing `evaluations` SPF evaluations of at most `queries` lookups. */
export function runBoundMs(
  command: 'spf' | 'explain',
  dnsTimeoutMs: number,
  queries: number,
  evaluations: number,
): number {
  const limits = command === 'spf' ? spfCliLimits(dnsTimeoutMs) : explainLimits;
  const perEvaluation = Math.min(
    queries * perQueryMs(dnsTimeoutMs, limits.queryTimeoutMs),
    limits.totalTimeoutMs,
  );
  return STARTUP_MS + evaluations * perEvaluation + caresMs(dnsTimeoutMs);
}

export interface TimedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The kill timer fired: the process hung past its bound. */
  killed: boolean;
}

/**
 * `node bin/mailwhy.js …` like test/cli/run.ts's runCliAsync (never blocks the event loop, so the
 * in-process server can answer), but with a kill timer per run and the time and signal reported.
 */
export function runTimed(args: string[], killAfterMs: number): Promise<TimedRun> {
  if (!existsSync(`${root}dist/cli.js`)) throw new Error('dist/cli.js is missing: run "npm run build"');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/mailwhy.js', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: Math.round(performance.now() - started), killed });
    });
  });
}

/** The process ended by itself, within its bound, with exit status 0 (pass) or 1 (any other result). */
export function expectEndedWithin(run: TimedRun, boundMs: number): void {
  expect(run.killed, `killed after hanging; stderr: ${run.stderr}`).toBe(false);
  expect(run.signal).toBeNull();
  expect([0, 1]).toContain(run.status);
  expect(run.stderr).toBe('');
  expect(run.ms).toBeLessThanOrEqual(boundMs);
}

const dnsArgs = (server: DnsServer, dnsTimeoutMs: number): string[] => [
  '--dns-server',
  `127.0.0.1:${server.port}`,
  '--dns-timeout',
  String(dnsTimeoutMs),
];

/** `mailwhy spf example.com --ip IP --format json` against the server. */
export async function spfCli(
  server: DnsServer,
  options: { ip: string; dnsTimeoutMs: number; boundMs: number; extra?: string[] },
): Promise<{ run: TimedRun; result: SpfResult }> {
  const run = await runTimed(
    [
      'spf',
      'example.com',
      '--ip',
      options.ip,
      '--sender',
      'info@example.com',
      '--format',
      'json',
      ...dnsArgs(server, options.dnsTimeoutMs),
      ...(options.extra ?? []),
    ],
    options.boundMs + 10_000,
  );
  expectEndedWithin(run, options.boundMs);
  return { run, result: JSON.parse(run.stdout) as SpfResult };
}

/** `mailwhy --format json --dns-server … samples/sakura-softfail.eml` (explain --online). */
export async function explainCli(
  server: DnsServer,
  options: { dnsTimeoutMs: number; boundMs: number },
): Promise<{ run: TimedRun; report: Report; today: SpfResult; findings: string[] }> {
  const run = await runTimed(
    ['--format', 'json', ...dnsArgs(server, options.dnsTimeoutMs), 'samples/sakura-softfail.eml'],
    options.boundMs + 10_000,
  );
  expectEndedWithin(run, options.boundMs);
  const report = JSON.parse(run.stdout) as Report;
  const today = report.online?.spf?.today;
  if (today === undefined) throw new Error('no online.spf.today in the report');
  return { run, report, today, findings: report.findings.map((f) => f.code) };
}

/** Evaluations an explain --online run of the Sakura sample makes: today's record + its one SPF fix. */
export const EXPLAIN_EVALUATIONS = 2;

/**
 * The term that ended an evaluation: the one whose outcome is `error`, or else an applied redirect=
 * (its child's result is the evaluation's, RFC 7208 §6.1).
 */
function endingTerm(evaluation: SpfEvaluation): SpfTermTrace | undefined {
  return (
    evaluation.terms.find((t) => t.outcome === 'error') ??
    evaluation.terms.find((t) => t.name === 'redirect' && t.outcome === 'applied' && t.child !== undefined)
  );
}

/**
 * Where the evaluation stopped: domain, failing term, child domain, failing term… down to the deepest
 * failing term (include: and redirect= nest their child's evaluation).
 */
export function failingPath(evaluation: SpfEvaluation): string[] {
  const path: string[] = [evaluation.domain];
  const failed = endingTerm(evaluation);
  if (failed === undefined) return path;
  path.push(failed.text);
  if (failed.child !== undefined) path.push(...failingPath(failed.child));
  return path;
}

/** The deepest failing term of that path. */
export function deepestTerm(evaluation: SpfEvaluation): SpfTermTrace | undefined {
  const failed = endingTerm(evaluation);
  if (failed === undefined) return undefined;
  if (failed.child !== undefined) return deepestTerm(failed.child) ?? failed;
  return failed;
}

/** Lookups the server received for one name and type (retries and the TCP repeat included). */
export function served(queries: ServedQuery[], name: string, type?: string): number {
  return queries.filter((q) => q.name.toLowerCase() === name && (type === undefined || q.type === type))
    .length;
}

/** A run must leave nothing behind still asking: no query arrives after the process ended. */
export async function expectQuiet(server: DnsServer): Promise<void> {
  const before = server.queries.length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(server.queries.length).toBe(before);
}

/** Figures a test file collects for the report's fault table (printed once, at the end). */
export interface Figure {
  fault: string;
  command: 'spf' | 'explain';
  result: string;
  queries: number;
  boundMs: number;
  ms: number;
}

export function printFigures(figures: Figure[]): void {
  const lines = figures.map(
    (f) =>
      `${f.fault.padEnd(34)} ${f.command.padEnd(8)} ${f.result.padEnd(10)} queries=${String(f.queries).padEnd(4)} bound=${f.boundMs} ms  took=${f.ms} ms`,
  );
  process.stderr.write(`\n[dns-faults]\n${lines.join('\n')}\n`);
}

/** The sending IP of samples/sakura-softfail.eml, used for `mailwhy spf` too so both runs agree. */
export const SAKURA_IP = '203.0.113.25';

export interface FaultSetup {
  fault: string;
  zone: FixtureZone;
  server?: DnsServerOptions;
  dnsTimeoutMs: number;
  /** RFC 7208 maximum of lookups one evaluation of this zone's record can make (the bound's `queries`). */
  maxLookups: number;
  /** Whether answers may come over TCP too (each lookup then reaches the server twice). */
  tcp?: boolean;
  /** Extra behaviour bound to the server's port (e.g. a TCP listener that never answers); returns its closer. */
  attach?: (server: DnsServer) => Promise<() => Promise<void>>;
}

export interface FaultRuns {
  spf: { run: TimedRun; result: SpfResult; served: ServedQuery[]; boundMs: number };
  explain: {
    run: TimedRun;
    report: Report;
    today: SpfResult;
    findings: string[];
    served: ServedQuery[];
    boundMs: number;
    /** Every evaluation's result: today's first, then each fix check. */
    evaluations: SpfResult[];
  };
}

/** Lookups that count against RFC 7208 §4.6.4 stay within it; the server saw at most tries × lookups. */
function expectWithinRfc(results: SpfResult[], served: ServedQuery[], setup: FaultSetup): void {
  let lookups = 0;
  for (const r of results) {
    expect(r.lookups).toBeLessThanOrEqual(11); // the 11th is counted, then refused (permerror)
    expect(r.queryCount).toBeLessThanOrEqual(setup.maxLookups);
    lookups += r.queryCount;
  }
  expect(served.length).toBeLessThanOrEqual(lookups * TRIES * (setup.tcp === true ? 2 : 1));
}

/**
 * One fault through both commands, each against a fresh server: `mailwhy spf example.com` and
 * `explain --online` of the Sakura sample. Asserts what every fault shares: the process ends by
 * itself within its derived bound, nothing asks after it, lookups within the RFC limits.
 */
export async function runFault(setup: FaultSetup, figures: Figure[]): Promise<FaultRuns> {
  const spfBound = runBoundMs('spf', setup.dnsTimeoutMs, setup.maxLookups, 1);
  const explainBound = runBoundMs('explain', setup.dnsTimeoutMs, setup.maxLookups, EXPLAIN_EVALUATIONS);
  const server = await startDnsServer(setup.zone, setup.server);
  const detach = setup.attach === undefined ? async () => {} : await setup.attach(server);
  try {
    const spf = await spfCli(server, { ip: SAKURA_IP, dnsTimeoutMs: setup.dnsTimeoutMs, boundMs: spfBound });
    await expectQuiet(server);
    // Exit status: 0 for pass, 1 for every other result (src/cli/spf.ts).
    expect(spf.run.status).toBe(spf.result.result === 'pass' ? 0 : 1);
    const spfServed = server.queries.splice(0);
    expectWithinRfc([spf.result], spfServed, setup);
    figures.push({
      fault: setup.fault,
      command: 'spf',
      result: spf.result.result,
      queries: spfServed.length,
      boundMs: spfBound,
      ms: spf.run.ms,
    });

    const explain = await explainCli(server, { dnsTimeoutMs: setup.dnsTimeoutMs, boundMs: explainBound });
    await expectQuiet(server);
    const explainServed = server.queries.splice(0);
    const evaluations = [explain.today, ...(explain.report.online?.fixChecks ?? []).map((c) => c.result)];
    expect(evaluations.length).toBeLessThanOrEqual(EXPLAIN_EVALUATIONS);
    expectWithinRfc(evaluations, explainServed, setup);
    figures.push({
      fault: setup.fault,
      command: 'explain',
      result: explain.today.result,
      queries: explainServed.length,
      boundMs: explainBound,
      ms: explain.run.ms,
    });
    return {
      spf: { ...spf, served: spfServed, boundMs: spfBound },
      explain: { ...explain, served: explainServed, boundMs: explainBound, evaluations },
    };
  } finally {
    await detach();
    await server.close();
  }
}
