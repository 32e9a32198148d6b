#!/usr/bin/env node
// Benchmark of `mailwhy scan` on the same mailbox in every form the scan reads: the file, standard
// input redirected from it and piped into it, a named pipe (`<(cat …)`), a gzip'd copy (as a file and
// piped), a .tgz and a .zip (as Takeout delivers them). Each run is timed under /usr/bin/time -v (wall,
// CPU, peak RSS of the largest process: mailwhy's, not cat's), hot cache, and every message's verdicts
// are checked against the generator's truth. The archives are made once, next to the mbox.
//
//   node bench/inputs.mjs                  the issue's workload (bench/data/takeout-8800.mbox, ~1.08 GB)
//   node bench/inputs.mjs --messages 800   a smaller one
//   options: --runs N (default 2) --only file,pipe,…
//   MAILWHY_BENCH_CLI=path/to/bin/mailwhy.js   another checkout's launcher, for a before/after
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { agreement, cliArgs, median, scanVerdicts, workload } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { opt } = cliArgs();
const messages = Number(opt('--messages', '8800'));
const runs = Number(opt('--runs', '2'));
const only = opt('--only', null)?.split(',');
const cli = process.env.MAILWHY_BENCH_CLI ?? join(root, 'bin/mailwhy.js');
const { dataDir, mbox, truthFile } = workload(root, messages, 'inputs', cli);
const jsonl = join(dataDir, `takeout-${messages}.inputs.jsonl`);

// The archives, once. gzip level 1 (Takeout's own level is unknown; the level changes only the
// compressed size here, not what mailwhy does with the inflated bytes).
const gz = `${mbox}.gz`;
const tgz = join(dataDir, `takeout-${messages}.tgz`);
const zip = join(dataDir, `takeout-${messages}.zip`);
const entry = 'Takeout/Mail/All mail Including Spam and Trash.mbox';
if (!existsSync(gz)) {
  console.error(`making ${gz}…`);
  await pipeline(createReadStream(mbox), createGzip({ level: 1 }), createWriteStream(`${gz}.part`));
  execFileSync('mv', [`${gz}.part`, gz]);
}
if (!existsSync(tgz)) {
  console.error(`making ${tgz}…`);
  const pack = tar.pack();
  const writing = pipeline(pack, createGzip({ level: 1 }), createWriteStream(`${tgz}.part`));
  const into = pack.entry({ name: entry, size: statSync(mbox).size });
  await pipeline(createReadStream(mbox), into);
  pack.finalize();
  await writing;
  execFileSync('mv', [`${tgz}.part`, tgz]);
}
const hasZip = spawnSync('zip', ['-v'], { stdio: 'ignore' }).status === 0;
if (!existsSync(zip) && hasZip) {
  console.error(`making ${zip}…`);
  // Stored under Takeout's folder names, deflated at level 1, from a folder of links.
  const tree = join(dataDir, `zip-tree-${messages}`);
  rmSync(tree, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', join(tree, dirname(entry))]);
  execFileSync('ln', ['-s', mbox, join(tree, entry)]);
  execFileSync('zip', ['-1', '-q', `${zip}.part`, entry], { cwd: tree });
  rmSync(tree, { recursive: true, force: true });
  execFileSync('mv', [`${zip}.part`, zip]);
}

const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const scan = `${q(process.execPath)} ${q(cli)} scan --quiet --fail-on none --jsonl ${q(jsonl)}`;
const kinds = [
  { name: 'file', what: `mailwhy scan ${basename(mbox)}`, sh: `${scan} ${q(mbox)}` },
  { name: 'redirect', what: `mailwhy scan - < ${basename(mbox)}`, sh: `${scan} - < ${q(mbox)}` },
  { name: 'pipe', what: `cat ${basename(mbox)} \\| mailwhy scan -`, sh: `cat ${q(mbox)} | ${scan} -` },
  { name: 'fifo', what: `mailwhy scan <(cat ${basename(mbox)})`, sh: `${scan} <(cat ${q(mbox)})` },
  { name: 'gz', what: `mailwhy scan ${basename(gz)}`, sh: `${scan} ${q(gz)}` },
  { name: 'gz-pipe', what: `cat ${basename(gz)} \\| mailwhy scan -`, sh: `cat ${q(gz)} | ${scan} -` },
  { name: 'tgz', what: `mailwhy scan ${basename(tgz)}`, sh: `${scan} ${q(tgz)}` },
  ...(hasZip ? [{ name: 'zip', what: `mailwhy scan ${basename(zip)}`, sh: `${scan} ${q(zip)}` }] : []),
].filter((k) => !only || only.includes(k.name));

const loadBefore = loadavg().map((x) => x.toFixed(1));
// Hot cache for every file the runs read.
execFileSync('sh', ['-c', `cat ${[mbox, gz, tgz, ...(hasZip ? [zip] : [])].map(q).join(' ')} > /dev/null`]);

function timedShell(command) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', 'bash', '-c', command], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.error(`failed (status ${r.status}): ${command}\n${r.stderr.slice(-2000)}`);
    process.exit(2);
  }
  const num = (re) => Number(re.exec(r.stderr)?.[1] ?? Number.NaN);
  return {
    seconds,
    cpu: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
    rssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
  };
}

const results = new Map(kinds.map((k) => [k.name, []]));
const checks = new Map();
// Interleaved, so that a burst of load lands on every kind alike.
for (let i = 0; i < runs; i++)
  for (const k of kinds) {
    rmSync(jsonl, { force: true });
    results.get(k.name).push(timedShell(k.sh));
    if (i === 0) checks.set(k.name, await agreement(truthFile, jsonl, scanVerdicts));
  }
rmSync(jsonl, { force: true });

const fmt = (x, d = 2) => x.toFixed(d);
console.log(`\nworkload: ${mbox} (${fmt(statSync(mbox).size / 1e9, 3)} GB, ${messages} messages, seed 1)`);
console.log(
  `  .gz ${fmt(statSync(gz).size / 1e9, 3)} GB, .tgz ${fmt(statSync(tgz).size / 1e9, 3)} GB${hasZip ? `, .zip ${fmt(statSync(zip).size / 1e9, 3)} GB` : ' (no zip command: .zip skipped)'}; ${availableParallelism()} cores`,
);
console.log(
  `  load average before ${loadBefore.join(' ')}, after ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(`  command: node bench/inputs.mjs ${process.argv.slice(2).join(' ')}\n`);
console.log('| input | runs | median wall s | median CPU s | peak RSS MB | verdicts = truth |');
console.log('|---|---|---|---|---|---|');
for (const k of kinds) {
  const xs = results.get(k.name);
  const c = checks.get(k.name);
  const ok = c.agree === c.truth && c.seen === c.truth;
  console.log(
    `| \`${k.what}\` | ${xs.length} | ${fmt(median(xs.map((x) => x.seconds)))} | ${fmt(median(xs.map((x) => x.cpu)))} | ${fmt(Math.max(...xs.map((x) => x.rssMb)), 0)} | ${c.agree}/${c.truth}${ok ? '' : ' MISSED'} |`,
  );
  if (!ok && c.diffs.length > 0) console.log(`  first differences (${k.name}):`, JSON.stringify(c.diffs));
}
