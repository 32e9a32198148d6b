// Shared plumbing of the benchmarks: command-line options, timing a command under /usr/bin/time, the
// median, and a source tree's modules bundled with esbuild and imported (so that two checkouts can
// be measured in one process).
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** `--name value` options and positional arguments of a bench script. */
export function cliArgs(argv = process.argv.slice(2)) {
  return {
    opt(name, fallback) {
      const i = argv.indexOf(name);
      return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
    },
    has: (name) => argv.includes(name),
    positional: argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1]?.startsWith('--'))),
  };
}

/**
 * Bundles `exports` (module path under srcDir → names) of one source tree for the browser, as the
 * page ships the core, and imports the bundle.
 */
export async function importFromSource(srcDir, exports) {
  const dir = mkdtempSync(join(tmpdir(), 'mailwhy-bench-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      Object.entries(exports)
        .map(([path, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(srcDir, path))};`)
        .join('\n'),
    );
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'warning',
    });
    const path = join(dir, 'bundle.mjs');
    writeFileSync(path, out.outputFiles[0].contents);
    return await import(pathToFileURL(path).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a command under /usr/bin/time -v: wall seconds (our clock), CPU seconds, peak RSS in MB and
 * its standard output. A failure ends the bench (mailwhy's status 1, "problems found", is not one).
 */
export function timed(cmd, cmdArgs, label) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpu = Number(user?.[1] ?? Number.NaN) + Number(sys?.[1] ?? Number.NaN);
  if (r.status !== 0 && !(label === 'mailwhy' && r.status === 1)) {
    console.error(`${label} failed (status ${r.status}):\n${r.stderr.slice(-2000)}`);
    process.exit(2);
  }
  return { seconds, cpu, rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: r.stdout };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Compares per-message verdicts of a JSON-lines output with the generator's truth file, by byte offset
 * in the mbox: how many the truth has, how many the output gave, how many agree, the first differences.
 */
export async function agreement(truthFile, file, pick) {
  const truth = new Map();
  for await (const line of createInterface({ input: createReadStream(truthFile) })) {
    if (!line) continue;
    const t = JSON.parse(line);
    truth.set(t.offset, t);
  }
  let seen = 0;
  let agree = 0;
  const diffs = [];
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line) continue;
    const rec = JSON.parse(line);
    const got = pick(rec);
    if (!got) continue;
    seen++;
    const t = truth.get(got.offset);
    const same = t && ['spf', 'dkim', 'dmarc', 'arc'].every((k) => t[k] === got[k]);
    if (same) agree++;
    else if (diffs.length < 5)
      diffs.push({
        offset: got.offset,
        truth: t && { spf: t.spf, dkim: t.dkim, dmarc: t.dmarc, arc: t.arc },
        got,
      });
  }
  return { truth: truth.size, seen, agree, diffs };
}

/** The verdicts of one `scan --jsonl` line, as the truth file writes them (an error record disagrees). */
export function scanVerdicts(rec) {
  if (!rec.report)
    return { offset: rec.source.offset, spf: 'ERROR', dkim: rec.error, dmarc: null, arc: null };
  const v = rec.report.verdicts;
  return {
    offset: rec.source.offset,
    spf: v.spf?.result ?? null,
    dkim: v.dkim[0]?.result ?? null,
    dmarc: v.dmarc?.result ?? null,
    arc: v.arc.result ?? null,
  };
}

/**
 * The generated Takeout-like workload of `messages` messages (seed 1) in bench/data, made on first use
 * with ../shared/bench/gen-mbox.mjs, and the launcher to time (its dist/ built). Ends the bench with a
 * clear message when the launcher is not built.
 */
export function workload(root, messages, bench, cli) {
  if (!existsSync(cli) || !existsSync(join(dirname(cli), '../dist/cli.js'))) {
    console.error(`bench/${bench}: ${cli} or its dist/cli.js is missing: run "npm run build" first`);
    process.exit(2);
  }
  const dataDir = join(root, 'bench/data');
  mkdirSync(dataDir, { recursive: true });
  const mbox = join(dataDir, `takeout-${messages}.mbox`);
  const truthFile = join(dataDir, `takeout-${messages}.truth.jsonl`);
  if (!existsSync(mbox) || !existsSync(truthFile)) {
    console.error(`generating ${mbox} (${messages} messages, seed 1)…`);
    execFileSync(process.execPath, [
      join(root, '../shared/bench/gen-mbox.mjs'),
      ...['--messages', String(messages), '--seed', '1', '--out', mbox, '--truth', truthFile, '--quiet'],
    ]);
  }
  return { dataDir, mbox, truthFile };
}
