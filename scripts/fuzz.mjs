#!/usr/bin/env node
// The long fuzz run (`npm run fuzz -- --minutes 10`): the same properties as test/fuzz/fuzz.test.ts
// (every parser and analyzeMessage: no exception, well-typed), with random seeds, until the time
// budget is spent. Then the linearity figures: each growing input shape timed at n and 8n.
//
// test/fuzz/targets.ts is bundled with esbuild into a temporary directory and run in a worker thread;
// the main thread is a watchdog: a worker silent for --hang-seconds (an input that never returns) is
// terminated, the target and seed are reported as a hang, and a fresh worker goes on.
//
// Prints inputs tried per target, the slowest input (time and size), every failure with its seed,
// and writes each failure's shrunk counterexample to test/fuzz/found/<target>-<seed>.json.
// Replay one: node scripts/fuzz.mjs --replay test/fuzz/found/<file>.json
//
// `--limits` measures instead: analyzeMessage on the worst cases of one message (test/adversarial/
// generate.ts: 10 MB header, 100,000 fields, 10,000 Received, 10,000 results, 100,000 folds), each in
// a child process of its own, printing milliseconds, heap growth and peak RSS.
//
// Exit status: 0 nothing found, 1 a failure or hang was found, 2 bad usage.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = resolve(root, '../shared/corpus');
const foundDir = join(root, 'test/fuzz/found');

function usage(message) {
  process.stderr.write(
    `fuzz: ${message}\nusage: node scripts/fuzz.mjs [--minutes N] [--seed S] [--only NAME] [--hang-seconds N] [--slow-ms N] [--no-linearity] [--replay FILE] | --limits\n`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    minutes: 1,
    seed: null,
    only: null,
    hangSeconds: 60,
    slowMs: 500,
    linearity: true,
    replay: null,
    limits: false,
    measure: null,
    bundle: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--minutes') opts.minutes = Number(value());
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--only') opts.only = value();
    else if (a === '--hang-seconds') opts.hangSeconds = Number(value());
    else if (a === '--no-linearity') opts.linearity = false;
    else if (a === '--slow-ms') opts.slowMs = Number(value());
    else if (a === '--replay') opts.replay = value();
    else if (a === '--limits') opts.limits = true;
    else if (a === '--measure') opts.measure = value();
    else if (a === '--bundle') opts.bundle = value();
    else usage(`unknown argument ${a}`);
  }
  if (!(opts.minutes > 0)) usage('--minutes must be a positive number');
  if (!(opts.hangSeconds > 0)) usage('--hang-seconds must be a positive number');
  return opts;
}

async function bundle() {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'mailwhy-fuzz-'));
  const outfile = join(dir, 'fuzz-bundle.mjs');
  await build({
    stdin: {
      contents: [
        "export { TARGETS, messageShapes } from './targets.ts';",
        "export { loadSeeds } from './seeds.ts';",
        "export { default as fc } from 'fast-check';",
        "export { GENERATORS } from '../adversarial/generate.ts';",
        "export { analyzeMessage } from '../../src/analyze.ts';",
      ].join('\n'),
      resolveDir: join(root, 'test/fuzz'),
      loader: 'ts',
      sourcefile: 'fuzz-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // Bundled CommonJS dependencies may call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return { dir, outfile };
}

// ---------------------------------------------------------------------------------------------------
// Worker: runs the properties.

async function workerMain() {
  const { outfile, deadline, only, baseSeed, linearity, slowMs, progress } = workerData;
  // Which run of the current check is executing: the watchdog reads it when a run never returns.
  const runIndex = new Int32Array(progress);
  const slowSaved = new Map();
  const { TARGETS, loadSeeds, fc } = await import(pathToFileURL(outfile).href);
  const seeds = loadSeeds(corpusDir, root);
  const targets = TARGETS.filter((t) => only === null || t.name === only);
  const post = (m) => parentPort.postMessage(m);
  let next = baseSeed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
  let lastBeat = 0;
  const arbitraries = new Map(targets.map((t) => [t.name, t.arbitrary(seeds)]));

  while (Date.now() < deadline) {
    for (const t of targets) {
      if (Date.now() >= deadline) break;
      const seed = next >>> 0;
      next = (Math.imul(next ^ (next >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
      post({ type: 'start', target: t.name, seed });
      let runs = 0;
      let slowest = { ms: 0, size: 0 };
      const property = fc.property(arbitraries.get(t.name), (input) => {
        Atomics.store(runIndex, 0, runs);
        const t0 = performance.now();
        let errs;
        try {
          errs = t.run(input);
        } finally {
          const ms = performance.now() - t0;
          runs++;
          if (ms > slowest.ms) slowest = { ms, size: t.size(input) };
          // Keep the slowest input past the threshold, to time it again alone (GC pause or real?).
          if (ms > slowMs && ms > (slowSaved.get(t.name) ?? 0)) {
            slowSaved.set(t.name, ms);
            // Timed twice more at once: a pause of the collector or the machine does not repeat.
            let again = Number.POSITIVE_INFINITY;
            for (let k = 0; k < 2; k++) {
              const t1 = performance.now();
              try {
                t.run(input);
              } catch {}
              again = Math.min(again, performance.now() - t1);
            }
            post({
              type: 'slow',
              target: t.name,
              seed,
              ms,
              again,
              size: t.size(input),
              input: t.show(input),
            });
          }
          const now = Date.now();
          if (now - lastBeat > 1000) {
            lastBeat = now;
            post({ type: 'beat' });
          }
        }
        if (errs.length > 0) throw new Error(errs.slice(0, 5).join('\n'));
      });
      const budget = Math.max(1000, Math.min(5000, deadline - Date.now()));
      const result = fc.check(property, {
        seed,
        numRuns: 1_000_000,
        interruptAfterTimeLimit: budget,
        markInterruptAsFailure: false,
      });
      post({ type: 'chunk', target: t.name, runs, slowest });
      if (result.failed && !result.interrupted) {
        const input = result.counterexample?.[0];
        post({
          type: 'failure',
          target: t.name,
          seed,
          path: result.counterexamplePath,
          input: input === undefined ? null : t.show(input),
          error: String(result.errorInstance?.stack ?? result.errorInstance ?? 'unknown'),
        });
      }
    }
  }

  if (linearity) {
    for (const t of targets) {
      for (const g of t.grow) {
        post({ type: 'start', target: `${t.name} (linearity: ${g.shape})`, seed: 0 });
        const time = (input) => {
          const samples = [];
          for (let i = 0; i < 3; i++) {
            const t0 = performance.now();
            t.run(input);
            samples.push(performance.now() - t0);
          }
          samples.sort((a, b) => a - b);
          return samples[1];
        };
        // Grow n until it takes a few milliseconds: below that, timer noise decides the ratio.
        let K = 500;
        while (K < 64_000 && time(g.make(K)) < 5) K *= 2;
        const small = g.make(K);
        const large = g.make(8 * K);
        const a = time(small);
        const b = time(large);
        post({
          type: 'linearity',
          target: t.name,
          shape: g.shape,
          n: t.size(small),
          ms: a,
          n8: t.size(large),
          ms8: b,
        });
      }
    }
  }
  post({ type: 'done' });
}

// ---------------------------------------------------------------------------------------------------
// Main: watchdog and report.

function fmtMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(2);
}

async function replay(file) {
  const { dir, outfile } = await bundle();
  try {
    const found = JSON.parse(readFileSync(file, 'utf8'));
    const { TARGETS, loadSeeds, fc } = await import(pathToFileURL(outfile).href);
    const t = TARGETS.find((x) => x.name === found.target);
    if (!t) usage(`no target named ${found.target}`);
    const seeds = loadSeeds(corpusDir, root);
    if (found.type === 'hang') {
      // Regenerate the runs of that check up to the one that hung; save its input, then time it.
      let i = 0;
      fc.check(
        fc.property(t.arbitrary(seeds), (input) => {
          if (i++ < found.run) return;
          found.input = t.show(input);
          found.size = t.size(input);
          writeFileSync(file, `${JSON.stringify(found, null, 2)}\n`);
          process.stdout.write(
            `input of run ${found.run} (size ${found.size}) saved to ${file}; running it…\n`,
          );
          const t0 = performance.now();
          t.run(input);
          process.stdout.write(`returned after ${fmtMs(performance.now() - t0)} ms\n`);
        }),
        { seed: found.seed, numRuns: found.run + 1 },
      );
      return;
    }
    const result = fc.check(
      fc.property(t.arbitrary(seeds), (input) => {
        const errs = t.run(input);
        if (errs.length > 0) throw new Error(errs.join('\n'));
      }),
      { seed: found.seed, path: found.path ?? undefined, numRuns: 1 },
    );
    process.stdout.write(
      result.failed ? `still fails: ${String(result.errorInstance)}\n` : 'passes now (fixed?)\n',
    );
    process.exitCode = result.failed ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Extra worst cases for --limits: known superlinear spots (see the Reliability notes), kept small. */
const EXTRA_LIMIT_CASES = {
  'from-64k-unclosed-comments': () => `From: a@b.example ${'('.repeat(64_000)}\nTo: x@y.example\n\nbody\n`,
  'html-128k-unclosed-pre': () => `<html><body>${'<pre>'.repeat(25_600)}`,
  // A bounce body is read up to 256 KiB; each quoted reply code rereads 6,000 characters after it.
  // Found by the long run (readGmailBounce, 1.25 s for 5,951 characters): a reply line ending in a lone
  // CR makes replyText's /…(.*)$/ fail from every code; 12 KB segments cost ~2 s each, 4 here.
  'bounce-lone-cr-4-segments': () =>
    `From: Mail Delivery System <MAILER-DAEMON@mail.example.net>\nSubject: Undelivered Mail Returned to Sender\n\n${`said:\r    ${'550-5.7.25 [20  '.repeat(370)}\r\r\n${'x'.repeat(6100)}\n`.repeat(4)}`,
  'bounce-256k-reply-lines': () =>
    `From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nSubject: Delivery Status Notification (Failure)\n\n${'550 5.7.26\n'.repeat(24_000)}`,
};

/** One measurement, in a process of its own so that peak RSS belongs to this case alone. */
async function measureOne(name, bundlePath) {
  const { GENERATORS, analyzeMessage } = await import(pathToFileURL(bundlePath).href);
  const pass = readFileSync(join(root, 'test/adversarial/pass.eml'), 'utf8');
  const make = GENERATORS[name] ?? EXTRA_LIMIT_CASES[name];
  if (!make) usage(`no case named ${name}`);
  const bytes = new TextEncoder().encode(make(pass));
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const report = analyzeMessage(bytes);
  const ms = performance.now() - t0;
  const heap = process.memoryUsage().heapUsed - heap0;
  const json = JSON.stringify(report).length;
  const out = {
    name,
    bytes: bytes.length,
    ms,
    heapMB: heap / 1e6,
    rssGrowthMB: (process.resourceUsage().maxRSS * 1024 - rss0) / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    fields: report.input.headerFields,
    headerBytes: report.input.headerBytes,
    hops: report.hops.length,
    codes: report.findings.map((f) => f.code).join(','),
    jsonMB: json / 1e6,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function limits() {
  const { spawnSync } = await import('node:child_process');
  const { dir, outfile } = await bundle();
  try {
    const { GENERATORS } = await import(pathToFileURL(outfile).href);
    const names = [...Object.keys(GENERATORS), ...Object.keys(EXTRA_LIMIT_CASES)];
    const rows = [];
    for (const name of names) {
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', fileURLToPath(import.meta.url), '--measure', name, '--bundle', outfile],
        { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 },
      );
      if (r.status !== 0) {
        rows.push(`${name.padEnd(28)} failed: ${(r.stderr || r.error?.message || '').split('\n')[0]}`);
        continue;
      }
      const m = JSON.parse(r.stdout);
      rows.push(
        `${m.name.padEnd(28)} ${(m.bytes / 1e6).toFixed(2).padStart(7)} MB ${fmtMs(m.ms).padStart(8)} ms  heap +${m.heapMB.toFixed(0).padStart(4)} MB  peak RSS ${m.peakRssMB.toFixed(0).padStart(4)} MB  fields ${String(m.fields).padStart(6)}  hops ${String(m.hops).padStart(5)}  JSON ${m.jsonMB.toFixed(1)} MB  ${m.codes}`,
      );
    }
    process.stdout.write(`analyzeMessage worst cases (node ${process.version}):\n${rows.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.replay) return replay(opts.replay);
  if (opts.measure) return measureOne(opts.measure, opts.bundle ?? usage('--measure needs --bundle'));
  if (opts.limits) return limits();
  const started = Date.now();
  const deadline = started + opts.minutes * 60_000;
  const { dir, outfile } = await bundle();
  const stats = new Map();
  const failures = [];
  const hangs = [];
  const linearity = [];
  const slow = new Map();
  let current = null;
  let finished = false;
  let baseSeed = opts.seed;

  const stat = (name) => {
    let s = stats.get(name);
    if (!s) {
      s = { runs: 0, slowestMs: 0, slowestSize: 0, failures: 0 };
      stats.set(name, s);
    }
    return s;
  };
  const record = (kind, entry) => {
    mkdirSync(foundDir, { recursive: true });
    const file = join(foundDir, `${kind}-${entry.target.replace(/[^A-Za-z0-9]+/g, '_')}-${entry.seed}.json`);
    writeFileSync(file, `${JSON.stringify(entry, null, 2)}\n`);
    return file;
  };

  process.stdout.write(
    `fuzz: ${opts.minutes} min budget, corpus ${corpusDir}${opts.seed !== null ? `, seed ${opts.seed}` : ''}\n`,
  );
  while (!finished) {
    const progress = new SharedArrayBuffer(4);
    const outcome = await new Promise((resolveRun) => {
      const worker = new Worker(fileURLToPath(import.meta.url), {
        workerData: {
          outfile,
          deadline,
          only: opts.only,
          baseSeed,
          linearity: opts.linearity,
          slowMs: opts.slowMs,
          progress,
        },
      });
      let last = Date.now();
      const timer = setInterval(() => {
        if (Date.now() - last > opts.hangSeconds * 1000) {
          clearInterval(timer);
          worker.terminate();
          resolveRun('hang');
        }
      }, 1000);
      worker.on('message', (m) => {
        last = Date.now();
        if (m.type === 'start') current = m;
        else if (m.type === 'chunk') {
          const s = stat(m.target);
          s.runs += m.runs;
          if (m.slowest.ms > s.slowestMs) {
            s.slowestMs = m.slowest.ms;
            s.slowestSize = m.slowest.size;
          }
        } else if (m.type === 'failure') {
          stat(m.target).failures++;
          const file = record('failure', m);
          failures.push({ ...m, file });
          process.stdout.write(
            `FAILURE ${m.target} seed ${m.seed}: ${m.error.split('\n')[0]}\n  → ${file}\n`,
          );
        } else if (m.type === 'slow') {
          // A restarted worker starts counting again: keep the slowest of the whole run.
          if ((slow.get(m.target)?.ms ?? 0) >= m.ms) return;
          mkdirSync(foundDir, { recursive: true });
          const file = join(foundDir, `slow-${m.target.replace(/[^A-Za-z0-9]+/g, '_')}.json`);
          writeFileSync(file, `${JSON.stringify(m)}\n`);
          slow.set(m.target, { ms: m.ms, again: m.again, size: m.size, file });
        } else if (m.type === 'linearity') linearity.push(m);
        else if (m.type === 'done') {
          clearInterval(timer);
          resolveRun('done');
        }
      });
      worker.on('error', (error) => {
        clearInterval(timer);
        const entry = {
          target: current?.target ?? '?',
          seed: current?.seed ?? 0,
          error: String(error?.stack ?? error),
        };
        failures.push({ ...entry, file: record('crash', entry) });
        resolveRun('crash');
      });
      worker.on('exit', () => {
        clearInterval(timer);
        resolveRun('exit');
      });
    });
    if (outcome === 'hang') {
      const entry = {
        type: 'hang',
        target: current?.target ?? '?',
        seed: current?.seed ?? 0,
        // The run that never returned: --replay regenerates it from the seed and saves the input.
        run: Atomics.load(new Int32Array(progress), 0),
        seconds: opts.hangSeconds,
      };
      hangs.push({ ...entry, file: record('hang', entry) });
      process.stdout.write(
        `HANG ${entry.target} seed ${entry.seed} run ${entry.run} (no answer for ${opts.hangSeconds} s)\n`,
      );
    }
    // A fresh worker continues with new seeds until the budget is spent; linearity runs once at the end.
    baseSeed = null;
    finished =
      outcome === 'done' || (outcome !== 'hang' && outcome !== 'crash') || Date.now() > deadline + 600_000;
  }
  rmSync(dir, { recursive: true, force: true });

  const elapsed = (Date.now() - started) / 1000;
  const lines = [];
  lines.push(`\nfuzz: ${elapsed.toFixed(0)} s, node ${process.version}`);
  lines.push(
    `${'target'.padEnd(30)} ${'inputs'.padStart(9)} ${'slowest ms'.padStart(11)} ${'its size'.padStart(10)} failures`,
  );
  let total = 0;
  for (const [name, s] of stats) {
    total += s.runs;
    lines.push(
      `${name.padEnd(30)} ${String(s.runs).padStart(9)} ${fmtMs(s.slowestMs).padStart(11)} ${String(s.slowestSize).padStart(10)} ${s.failures}`,
    );
  }
  lines.push(`${'total'.padEnd(30)} ${String(total).padStart(9)}`);
  if (linearity.length > 0) {
    lines.push('\nlinearity (median of 3 runs at n and 8n; 8 = linear):');
    lines.push(
      `${'target / shape'.padEnd(62)} ${'n'.padStart(9)} ${'ms'.padStart(8)} ${'8n'.padStart(9)} ${'ms'.padStart(8)} ratio`,
    );
    for (const l of linearity) {
      lines.push(
        `${`${l.target} / ${l.shape}`.padEnd(62)} ${String(l.n).padStart(9)} ${fmtMs(l.ms).padStart(8)} ${String(l.n8).padStart(9)} ${fmtMs(l.ms8).padStart(8)} ${(l.ms8 / Math.max(l.ms, 0.01)).toFixed(1)}`,
      );
    }
  }
  if (slow.size > 0) {
    lines.push(`\ninputs slower than ${opts.slowMs} ms (timed twice more at once: 'again' is the faster):`);
    for (const [name, x] of slow)
      lines.push(`  ${name}: ${fmtMs(x.ms)} ms, again ${fmtMs(x.again)} ms, size ${x.size} → ${x.file}`);
  }
  lines.push(`\nfailures: ${failures.length}, hangs: ${hangs.length}`);
  for (const f of [...failures, ...hangs]) lines.push(`  ${f.target} seed ${f.seed} → ${f.file}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = failures.length + hangs.length > 0 ? 1 : 0;
}

if (isMainThread) await main();
else await workerMain();
