#!/usr/bin/env node
// Micro-benchmark of analyzeMessage, the per-message cost of `mailwhy scan`. Bundles src/analyze.ts
// with esbuild twice: once as is (the total), once with its calls to the pipeline stages wrapped in
// timers (the breakdown). Splits an mbox into header blocks the simple way (From_ line to the first
// empty line, as bytes, as the scan hands them to its workers) and reports ms per message, median of
// several passes after a warm-up pass.
//
//   node ../shared/bench/gen-mbox.mjs --messages 2000 --seed 1 --out /tmp/perf.mbox --truth /tmp/perf.truth
//   node bench/analyze.mjs [file.mbox] [--passes N] [--limit N] [--kind message]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/analyze.mjs --passes 3      (find the hot spots)
//
// --kind message passes the hint the scan worker gives (each block is known to be one message's
// header); without it analyzeMessage recognises the input as for a pasted or saved message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const kind = opt('--kind', null);

const analyzeTs = fileURLToPath(new URL('../src/analyze.ts', import.meta.url));
const STAGES = ['detectInput', 'splitHeaderFields', 'analyzeChain', 'readStamps'];

/** Wraps the stage calls of analyze.ts (`detectInput(` …) in `globalThis.__stage.detectInput(` …. */
const instrument = {
  name: 'instrument-stages',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\]analyze\.ts$/ }, (a) => {
      let source = readFileSync(a.path, 'utf8');
      for (const s of STAGES)
        source = source.replace(new RegExp(`(?<![\\w$])${s}\\(`, 'g'), `globalThis.__stage.${s}(`);
      return { contents: source, loader: 'ts' };
    });
  },
};

const dir = mkdtempSync(join(tmpdir(), 'mailwhy-bench-analyze-'));
async function bundle(name, plugins) {
  const out = await build({
    entryPoints: [analyzeTs],
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
}
const stageTimes = Object.fromEntries(STAGES.map((s) => [s, 0]));
const stageCalls = Object.fromEntries(STAGES.map((s) => [s, 0]));
globalThis.__stage = {};
const plain = await bundle('plain', []);
const timed = await bundle('timed', [instrument]);
rmSync(dir, { recursive: true, force: true });
// The real stage functions, taken from a bundle of their own modules (same code as inside analyze.ts).
const stagesDir = mkdtempSync(join(tmpdir(), 'mailwhy-bench-stages-'));
const stagesEntry = join(stagesDir, 'entry.ts');
const src = fileURLToPath(new URL('../src/', import.meta.url));
writeFileSync(
  stagesEntry,
  `export { detectInput } from ${JSON.stringify(join(src, 'input/detect.ts'))};
export { splitHeaderFields } from ${JSON.stringify(join(src, 'headers/split.ts'))};
export { analyzeChain } from ${JSON.stringify(join(src, 'received/index.ts'))};
export { readStamps } from ${JSON.stringify(join(src, 'authres/index.ts'))};`,
);
const stagesOut = await build({
  entryPoints: [stagesEntry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'warning',
});
const stagesFile = join(stagesDir, 'stages.mjs');
writeFileSync(stagesFile, stagesOut.outputFiles[0].contents);
const real = await import(pathToFileURL(stagesFile).href);
rmSync(stagesDir, { recursive: true, force: true });
for (const s of STAGES) {
  const fn = real[s];
  globalThis.__stage[s] = (...a) => {
    const t = performance.now();
    try {
      return fn(...a);
    } finally {
      stageTimes[s] += performance.now() - t;
      stageCalls[s]++;
    }
  };
}

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
console.log(
  `${file}: ${blocks.length} header blocks, ${(headerBytes / 1e6).toFixed(1)} MB of header; ${passes} passes after a warm-up${kind ? `; hint kind: ${kind}` : ''}`,
);

const options = { lang: 'en', name: 'bench' };
if (kind) options.kind = kind;

function pass(mod) {
  for (const s of STAGES) {
    stageTimes[s] = 0;
    stageCalls[s] = 0;
  }
  const t = performance.now();
  for (const b of blocks) mod.analyzeMessage(b, options);
  return performance.now() - t;
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

pass(plain);
pass(timed);
const totals = [];
const timedTotals = [];
const perStage = Object.fromEntries(STAGES.map((s) => [s, []]));
const calls = {};
for (let i = 0; i < passes; i++) {
  totals.push(pass(plain));
  timedTotals.push(pass(timed));
  for (const s of STAGES) {
    perStage[s].push(stageTimes[s]);
    calls[s] = stageCalls[s];
  }
}
const reports = blocks.map((b) => plain.analyzeMessage(b, options));
jsonPass(reports);
const jsonTimes = [];
for (let i = 0; i < passes; i++) jsonTimes.push(jsonPass(reports));

const n = blocks.length;
const ms = (t) => (t / n).toFixed(4);
const cpu = process.cpuUsage();
console.log('stage                 ms/message  calls/message');
console.log(`analyzeMessage        ${ms(median(totals))}`);
let staged = 0;
for (const s of STAGES) {
  const m = median(perStage[s]);
  staged += m;
  console.log(`  ${s.padEnd(20)}${ms(m)}      ${(calls[s] / n).toFixed(2)}`);
}
console.log(`  the rest            ${ms(median(timedTotals) - staged)}`);
console.log(`  (instrumented total ${ms(median(timedTotals))})`);
console.log(`JSON.stringify(report) ${ms(median(jsonTimes))}   (the scan's --jsonl line)`);
console.log(
  `process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; passes (ms): ${totals.map((t) => t.toFixed(0)).join(' ')}`,
);
