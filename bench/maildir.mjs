#!/usr/bin/env node
// Benchmark of `mailwhy scan` on a maildir: one file per message, the case where the cost per file
// (opening, sniffing, reading, closing) counts as much as the analysis. The maildir is made from the
// generated mbox's messages (cur/, one file each, From_ line dropped, in the mbox's order), then
// `grep -rc '^Authentication-Results:'`, `mailwhy scan --jsonl` and bench/baseline_stdlib.py (Python's
// mailbox.Maildir + BytesHeaderParser) are timed on it in the same run, hot cache, peak RSS from
// /usr/bin/time -v, and every message's verdicts are checked against the generator's truth.
//
//   node bench/maildir.mjs                     8,800 messages (from bench/data/takeout-8800.mbox)
//   node bench/maildir.mjs --messages 800      a smaller one
//   options: --runs N (default 3) --no-python --jobs N
//   MAILWHY_BENCH_CLI=path/to/bin/mailwhy.js   another checkout's launcher, for a before/after
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, median, timed } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const { opt } = cliArgs(args);
const messages = Number(opt('--messages', '8800'));
const runs = Number(opt('--runs', '3'));
const jobs = opt('--jobs', String(availableParallelism()));
const withPython = !args.includes('--no-python');
const cli = process.env.MAILWHY_BENCH_CLI ?? join(root, 'bin/mailwhy.js');

const dataDir = join(root, 'bench/data');
const mbox = join(dataDir, `takeout-${messages}.mbox`);
const truthFile = join(dataDir, `takeout-${messages}.truth.jsonl`);
const maildir = join(dataDir, `maildir-${messages}`);
const jsonlOut = join(dataDir, `maildir-${messages}.scan.jsonl`);
const pyOut = join(dataDir, `maildir-${messages}.python.jsonl`);

if (!existsSync(mbox) || !existsSync(truthFile)) {
  execFileSync(
    process.execPath,
    [join(root, 'bench/scan.mjs'), '--messages', String(messages), '--runs', '0', '--no-python'],
    {
      stdio: 'inherit',
    },
  );
}
const truth = readFileSync(truthFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

/** The file of message i: maildir names sort in message order. */
const fileName = (i) => `${1700000000 + i}.${String(i).padStart(7, '0')}.bench:2,S`;
const indexOf = (name) => Number(basename(name).split('.')[1]);

if (!existsSync(join(maildir, 'cur', fileName(truth.length - 1)))) {
  console.error(`writing ${maildir} (${truth.length} files)…`);
  rmSync(maildir, { recursive: true, force: true });
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, d), { recursive: true });
  const fd = openSync(mbox, 'r');
  for (const t of truth) {
    const buf = Buffer.alloc(t.length);
    readSync(fd, buf, 0, t.length, t.offset);
    // The message without its From_ line (a maildir file starts with the header).
    writeFileSync(join(maildir, 'cur', fileName(t.i)), buf.subarray(buf.indexOf(10) + 1));
  }
  closeSync(fd);
}
const bytes = truth.reduce((n, t) => n + t.length, 0);

const loadBefore = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
execFileSync('sh', ['-c', `cat "${maildir}"/cur/* > /dev/null`]); // hot cache
const results = { grep: [], mailwhy: [], python: [] };
rmSync(jsonlOut, { force: true });
for (let i = 0; i < runs; i++) {
  results.grep.push(timed('grep', ['-rc', '^Authentication-Results:', maildir], 'grep'));
  results.mailwhy.push(
    timed(
      process.execPath,
      [cli, 'scan', '--quiet', '--jobs', jobs, '--fail-on', 'none', '--jsonl', jsonlOut, maildir],
      'mailwhy',
    ),
  );
  if (withPython && i === 0)
    results.python.push(
      timed('python3', [join(root, 'bench/baseline_stdlib.py'), maildir, '--jsonl', pyOut], 'python'),
    );
}

/** Verdicts of a JSON-lines output against the truth, by message index. */
function agreement(file, pick) {
  let agree = 0;
  let seen = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const got = pick(JSON.parse(line));
    seen++;
    const t = truth[got.i];
    if (t && ['spf', 'dkim', 'dmarc', 'arc'].every((k) => t[k] === got[k])) agree++;
  }
  return { seen, agree };
}
const scanAgreement = agreement(jsonlOut, (rec) => {
  const v = rec.report?.verdicts;
  return {
    i: indexOf(rec.source.path),
    spf: v?.spf?.result ?? null,
    dkim: v?.dkim[0]?.result ?? null,
    dmarc: v?.dmarc?.result ?? null,
    arc: v?.arc.result ?? null,
  };
});
const pyAgreement = withPython ? agreement(pyOut, (rec) => ({ ...rec, i: indexOf(rec.file) })) : null;

const g = median(results.grep.map((x) => x.seconds));
console.log(`\nworkload: ${maildir}`);
console.log(`  ${truth.length} files, ${(bytes / 1e9).toFixed(3)} GB; ${availableParallelism()} cores`);
console.log(
  `  load average before ${loadBefore}, after ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `  command: node bench/maildir.mjs ${args.join(' ')}${process.env.MAILWHY_BENCH_CLI ? ` (MAILWHY_BENCH_CLI=${cli})` : ''}\n`,
);
console.log('| tool | runs | median wall s | median CPU s | msg/s | peak RSS MB | wall ÷ grep |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, xs] of [
  ['grep -rc ^Authentication-Results:', results.grep],
  [`mailwhy scan --jsonl (--jobs ${jobs})`, results.mailwhy],
  ['python3 stdlib (mailbox.Maildir + BytesHeaderParser)', results.python],
]) {
  if (xs.length === 0) continue;
  const t = median(xs.map((x) => x.seconds));
  console.log(
    `| ${name} | ${xs.length} | ${t.toFixed(2)} | ${median(xs.map((x) => x.cpu)).toFixed(2)} | ${Math.round(truth.length / t)} | ${Math.round(Math.max(...xs.map((x) => x.rssMb)))} | ${(t / g).toFixed(1)}× |`,
  );
}
console.log(
  `\nverdicts = truth: mailwhy ${scanAgreement.agree}/${truth.length} (${scanAgreement.seen} reported)`,
);
if (pyAgreement) console.log(`                  python  ${pyAgreement.agree}/${truth.length}`);
