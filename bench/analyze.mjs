#!/usr/bin/env node
// Micro-benchmark of analyzeMessage, the per-message cost of `mailwhy scan`. Bundles src/analyze.ts
// with esbuild twice: once as is (the total), once with its calls to the pipeline stages wrapped in
// timers (the breakdown). Splits an mbox into header blocks the simple way (From_ line to the first
// empty line, as bytes, as the scan hands them to its workers) and reports ms per message, median of
// several passes after a warm-up pass. The blocks are cut into warm-up + N disjoint slices and each
// pass reads its own slice once: the per-process caches (addresses, PSL lookups) then meet new mail
// in every pass, as in a scan, instead of answering from memory for messages seen in the pass before.
//
//   node ../shared/bench/gen-mbox.mjs --messages 2000 --seed 1 --out /tmp/perf.mbox --truth /tmp/perf.truth
//   node bench/analyze.mjs [file.mbox] [--passes N] [--limit N] [--against DIR]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/analyze.mjs --passes 3      (find the hot spots)
//
// --against DIR: another checkout (e.g. a worktree of the commit before a change), measured in
// the same process with interleaved passes, printed as "before".
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]?.startsWith('--')));
const file = positional[0] ?? '/tmp/perf.mbox';
const passes = Number(opt('--passes', '5'));
const limit = Number(opt('--limit', 'Infinity'));
// Another checkout (its root): measured in the same process, passes interleaved, so that both see
// the same load on a shared machine. Printed first, as "before".
const against = opt('--against', null);

const STAGES = ['detectInput', 'splitHeaderFields', 'analyzeChain', 'readStamps'];

/**
 * Loads one source tree (this checkout's src/, or another's with --against): analyzeMessage as is
 * (`plain`), and with its calls to the stages (`detectInput(` …) rewritten to timed wrappers
 * (`timed`). The wrappers call the same functions, from a bundle of the stage modules.
 */
async function loadVariant(srcDir, id) {
  const times = Object.fromEntries(STAGES.map((s) => [s, 0]));
  const calls = Object.fromEntries(STAGES.map((s) => [s, 0]));
  const hook = `__mailwhyStage${id}`;
  const instrument = {
    name: 'instrument-stages',
    setup(b) {
      b.onLoad({ filter: /[/\\]src[/\\]analyze\.ts$/ }, (a) => {
        let source = readFileSync(a.path, 'utf8');
        for (const s of STAGES)
          source = source.replace(new RegExp(`(?<![\\w$])${s}\\(`, 'g'), `globalThis.${hook}.${s}(`);
        return { contents: source, loader: 'ts' };
      });
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'mailwhy-bench-analyze-'));
  const bundle = async (name, entry, plugins) => {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      plugins,
      logLevel: 'warning',
    });
    const path = join(dir, `${name}.mjs`);
    writeFileSync(path, out.outputFiles[0].contents);
    return import(pathToFileURL(path).href);
  };
  const stagesEntry = join(dir, 'stages.ts');
  writeFileSync(
    stagesEntry,
    `export { detectInput } from ${JSON.stringify(join(srcDir, 'input/detect.ts'))};
export { splitHeaderFields } from ${JSON.stringify(join(srcDir, 'headers/split.ts'))};
export { analyzeChain } from ${JSON.stringify(join(srcDir, 'received/index.ts'))};
export { readStamps } from ${JSON.stringify(join(srcDir, 'authres/index.ts'))};`,
  );
  const real = await bundle('stages', stagesEntry, []);
  globalThis[hook] = {};
  for (const s of STAGES) {
    const fn = real[s];
    globalThis[hook][s] = (...a) => {
      const t = performance.now();
      try {
        return fn(...a);
      } finally {
        times[s] += performance.now() - t;
        calls[s]++;
      }
    };
  }
  const plain = await bundle('plain', join(srcDir, 'analyze.ts'), []);
  const timed = await bundle('timed', join(srcDir, 'analyze.ts'), [instrument]);
  rmSync(dir, { recursive: true, force: true });
  return { name: srcDir, plain, timed, times, calls };
}

const variants = [await loadVariant(fileURLToPath(new URL('../src/', import.meta.url)), 0)];
if (against) variants.unshift(await loadVariant(join(against, 'src'), 1));

// Header blocks: after each From_ line, up to and including the first empty line.
const bytes = readFileSync(file);
const blocks = [];
const FROM = Buffer.from('\nFrom ');
let pos = bytes.subarray(0, 5).toString('latin1') === 'From ' ? 0 : bytes.indexOf(FROM) + 1;
while (pos > 0 || (pos === 0 && blocks.length === 0)) {
  if (blocks.length >= limit) break;
  const nl = bytes.indexOf(10, pos);
  if (nl < 0) break;
  const start = nl + 1;
  const lf = bytes.indexOf('\n\n', start);
  let end = lf < 0 ? bytes.length : lf + 2;
  // CRLF text: its empty line is "\r\n\r\n" (searched only up to the LF one, never the whole file).
  const crlf = bytes.subarray(start, end).indexOf('\r\n\r\n');
  if (crlf >= 0) end = start + crlf + 4;
  blocks.push(new Uint8Array(bytes.subarray(start, end)));
  const next = bytes.indexOf(FROM, end - 1);
  if (next < 0) break;
  pos = next + 1;
}
const headerBytes = blocks.reduce((n, b) => n + b.length, 0);
// Slice 0 warms up; slices 1..passes are measured, one each.
const sliceSize = Math.floor(blocks.length / (passes + 1));
const slices = Array.from({ length: passes + 1 }, (_, i) => blocks.slice(i * sliceSize, (i + 1) * sliceSize));
console.log(
  `${file}: ${blocks.length} header blocks, ${(headerBytes / 1e6).toFixed(1)} MB of header; ${passes} passes of ${sliceSize} messages each after a warm-up on ${sliceSize} others`,
);

const options = { lang: 'en', name: 'bench' };

/** One pass over all blocks; wall and CPU milliseconds. */
function pass(v, mod, slice) {
  for (const s of STAGES) {
    v.times[s] = 0;
    v.calls[s] = 0;
  }
  const c = process.cpuUsage();
  const t = performance.now();
  for (const b of slice) mod.analyzeMessage(b, options);
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}
function jsonPass(reports) {
  const t = performance.now();
  for (const r of reports) JSON.stringify(r);
  return performance.now() - t;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

for (const v of variants) {
  pass(v, v.plain, slices[0]);
  pass(v, v.timed, slices[0]);
  v.totals = [];
  v.cpus = [];
  v.timedTotals = [];
  v.perStage = Object.fromEntries(STAGES.map((s) => [s, []]));
  v.callsPerPass = {};
}
for (let i = 0; i < passes; i++) {
  for (const v of variants) {
    const p = pass(v, v.plain, slices[i + 1]);
    v.totals.push(p.wall);
    v.cpus.push(p.cpu);
    v.timedTotals.push(pass(v, v.timed, slices[i + 1]).wall);
    for (const s of STAGES) {
      v.perStage[s].push(v.times[s]);
      v.callsPerPass[s] = v.calls[s];
    }
  }
}
for (const v of variants) {
  const reports = slices[1].map((b) => v.plain.analyzeMessage(b, options));
  jsonPass(reports);
  v.json = [];
  for (let i = 0; i < passes; i++) v.json.push(jsonPass(reports));
}

const n = sliceSize;
const ms = (t) => (t / n).toFixed(4);
const cols = variants.map((_v, i) => (variants.length > 1 ? (i === 0 ? 'before' : 'after') : 'ms/message'));
console.log(`stage                   ${cols.map((c) => c.padEnd(12)).join('')}calls/message`);
const row = (label, values, extra = '') =>
  console.log(`${label.padEnd(24)}${values.map((x) => x.padEnd(12)).join('')}${extra}`);
row(
  'analyzeMessage (wall)',
  variants.map((v) => ms(median(v.totals))),
);
row(
  'analyzeMessage (CPU)',
  variants.map((v) => ms(median(v.cpus))),
);
const staged = variants.map(() => 0);
for (const s of STAGES) {
  row(
    `  ${s}`,
    variants.map((v, i) => {
      const m = median(v.perStage[s]);
      staged[i] += m;
      return ms(m);
    }),
    variants.map((v) => (v.callsPerPass[s] / n).toFixed(2)).join(' / '),
  );
}
row(
  '  the rest',
  variants.map((v, i) => ms(median(v.timedTotals) - (staged[i] ?? 0))),
);
row(
  '  (instrumented total)',
  variants.map((v) => ms(median(v.timedTotals))),
);
row(
  'JSON.stringify(report)',
  variants.map((v) => ms(median(v.json))),
  "  (the scan's --jsonl line)",
);
for (const v of variants)
  console.log(`${v.name}: passes (wall ms) ${v.totals.map((t) => t.toFixed(0)).join(' ')}`);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
