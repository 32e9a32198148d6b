#!/usr/bin/env node
// Benchmark of `mailwhy scan` against grep and a plain Python stdlib script, on the same file in the
// same run (hot cache), with peak RSS from /usr/bin/time -v, and a check of every message's verdicts
// against the generator's truth file.
//
//   node bench/scan.mjs                    the workload: 8,800 messages, seed 1 (~1.08 GB)
//   SMALL=1 node bench/scan.mjs            800 messages, for quick runs
//   node bench/scan.mjs --messages 30000   a bigger file (RSS must not grow with it)
//   options: --runs N (default 3) --python-runs N (default 1) --jobs N --no-python
//   MAILWHY_BENCH_CLI=path/to/bin/mailwhy.js  another checkout's launcher (its ../dist built) with the same `scan` command
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agreement, cliArgs, median, scanVerdicts, timed, workload } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const { opt } = cliArgs(args);
const messages = Number(opt('--messages', process.env.SMALL ? '800' : '8800'));
const runs = Number(opt('--runs', '3'));
const pythonRuns = Number(opt('--python-runs', '1'));
const jobs = opt('--jobs', String(availableParallelism()));
const withPython = !args.includes('--no-python');
// The launcher, not dist/cli.js: that module only exports main() and would run nothing (and the
// bench would then time an empty process and check a stale --jsonl file).
const cli = process.env.MAILWHY_BENCH_CLI ?? join(root, 'bin/mailwhy.js');

const { dataDir, mbox, truthFile } = workload(root, messages, 'scan', cli);
const jsonlOut = join(dataDir, `takeout-${messages}.scan.jsonl`);
const pyOut = join(dataDir, `takeout-${messages}.python.jsonl`);
const bytes = statSync(mbox).size;

const loadBefore = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
// Hot cache: read the file once before timing anything.
execFileSync('sh', ['-c', `cat "${mbox}" > /dev/null`]);

const tools = {
  grep: () => timed('grep', ['-c', '^Authentication-Results:', mbox], 'grep'),
  mailwhy: () =>
    timed(
      process.execPath,
      [cli, 'scan', '--quiet', '--jobs', jobs, '--fail-on', 'none', '--jsonl', jsonlOut, mbox],
      'mailwhy',
    ),
  python: () => timed('python3', [join(root, 'bench/baseline_stdlib.py'), mbox, '--jsonl', pyOut], 'python'),
};
const results = { grep: [], mailwhy: [], python: [] };
// A --jsonl file left by an earlier run must not be checked against the truth in place of this one.
rmSync(jsonlOut, { force: true });
// Interleaved, so that a burst of load on the machine does not land on one tool only.
for (let i = 0; i < runs; i++) {
  results.grep.push(tools.grep());
  results.mailwhy.push(tools.mailwhy());
  if (withPython && i < pythonRuns) results.python.push(tools.python());
}

const scanAgreement = await agreement(truthFile, jsonlOut, scanVerdicts);
const pyAgreement = withPython ? await agreement(truthFile, pyOut, (rec) => rec) : null;

const row = (name, xs) => {
  if (xs.length === 0) return null;
  const t = median(xs.map((x) => x.seconds));
  const cpu = median(xs.map((x) => x.cpu));
  const rss = Math.max(...xs.map((x) => x.rssMb));
  return { name, runs: xs.length, median: t, cpu, rss, mbps: bytes / 1e6 / t, msgps: messages / t };
};
const rows = [
  row('grep -c ^Authentication-Results:', results.grep),
  row(`mailwhy scan --jsonl (--jobs ${jobs})`, results.mailwhy),
  row('python3 stdlib (mailbox + BytesHeaderParser)', results.python),
].filter(Boolean);
const g = rows[0].median;
const m = rows[1].median;
const p = rows[2]?.median;

const fmt = (x, d = 2) => x.toFixed(d);
const loadAfter = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
console.log(`\nworkload: ${mbox}`);
console.log(
  `  ${messages} messages, ${fmt(bytes / 1e9, 3)} GB, generator seed 1; ${availableParallelism()} cores`,
);
console.log(`  load average before ${loadBefore}, after ${loadAfter} (wall times compare only at low load)`);
console.log(`  command: node bench/scan.mjs ${args.join(' ')}${process.env.SMALL ? ' (SMALL=1)' : ''}\n`);
console.log('| tool | runs | median wall s | median CPU s | MB/s | msg/s | peak RSS MB | wall ÷ grep |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const cells = [r.name, r.runs, fmt(r.median), fmt(r.cpu), fmt(r.mbps, 0), fmt(r.msgps, 0), fmt(r.rss, 0)];
  console.log(`| ${cells.join(' | ')} | ${fmt(r.median / g, 1)}× |`);
}
console.log('\ntargets (issue 7):');
console.log(`  mailwhy ≤ 3× grep:        ${fmt(m / g, 1)}× → ${m / g <= 3 ? 'met' : 'MISSED'}`);
if (p !== undefined)
  console.log(`  ≥ 50× faster than Python: ${fmt(p / m, 1)}× → ${p / m >= 50 ? 'met' : 'MISSED'}`);
const cpuPy = rows[2] ? `; Python used ${fmt(rows[2].cpu / rows[1].cpu, 1)}× mailwhy's CPU` : '';
console.log(`  (CPU seconds, less sensitive to load: mailwhy ${fmt(rows[1].cpu)} s${cpuPy})`);
console.log(
  `  peak RSS ≤ 150 MB:        ${fmt(rows[1].rss, 0)} MB → ${rows[1].rss <= 150 ? 'met' : 'MISSED'}`,
);
const all = scanAgreement.agree === scanAgreement.truth && scanAgreement.seen === scanAgreement.truth;
console.log(
  `  verdicts = truth:         ${scanAgreement.agree}/${scanAgreement.truth} messages (${scanAgreement.seen} reported) → ${all ? 'met' : 'MISSED'}`,
);
if (scanAgreement.diffs.length > 0)
  console.log('  first differences:', JSON.stringify(scanAgreement.diffs, null, 1));
if (pyAgreement)
  console.log(`  (python baseline agrees with truth on ${pyAgreement.agree}/${pyAgreement.truth})`);
console.log(`  grep count: ${results.grep[0].stdout.trim()} Authentication-Results lines`);
const jsonlSize = statSync(jsonlOut).size;
console.log(
  `  --jsonl output: ${fmt(jsonlSize / 1e6, 1)} MB, ${readFileSync(truthFile, 'utf8').split('\n').filter(Boolean).length} truth lines`,
);
