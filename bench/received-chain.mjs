#!/usr/bin/env node
// Micro-benchmark of analyzeChain alone (the Received stage of analyzeMessage), against another
// checkout in the same process with interleaved passes. The header blocks of an mbox are split into
// fields once (outside the timing); each pass then runs analyzeChain over every message. Also
// compares the JSON of both variants' results for every message: a quick equivalence check while
// working (the full one is the scan's JSON lines).
//
//   node bench/received-chain.mjs [file.mbox ...] [--passes N] [--against DIR]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, importFromSource } from './lib.mjs';

const { opt, has, positional: files } = cliArgs();
if (files.length === 0) files.push('/tmp/perf.mbox');
const passes = Number(opt('--passes', '7'));
const against = opt('--against', null);

async function load(srcDir) {
  const mod = await importFromSource(srcDir, {
    'headers/split.ts': ['splitHeaderFields', 'headerEnd'],
    'received/index.ts': ['analyzeChain'],
  });
  return { name: srcDir, mod, times: [] };
}

const variants = [await load(fileURLToPath(new URL('../src/', import.meta.url)))];
if (against) variants.unshift(await load(join(against, 'src')));
const split = variants[variants.length - 1].mod;

// Header blocks: after each From_ line, up to the first empty line; decoded as UTF-8.
const blocks = [];
const dec = new TextDecoder();
for (const file of files) {
  const text = dec.decode(readFileSync(file));
  let pos = text.startsWith('From ') ? 0 : text.indexOf('\nFrom ') + 1;
  const before = blocks.length;
  while (pos > 0 || (pos === 0 && blocks.length === before)) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    const start = nl + 1;
    const { headerLength } = split.headerEnd(text.slice(start, start + 4_000_000));
    blocks.push(text.slice(start, start + headerLength));
    const next = text.indexOf('\nFrom ', start + headerLength - 1);
    if (next < 0) break;
    pos = next + 1;
  }
}
// Each variant gets its own field objects: unfolded values are cons strings, flattened by whoever
// reads them first, and that cost belongs to each variant's analyzeChain (as in a scan).
const fresh = () => blocks.map((b) => split.splitHeaderFields(b).fields);
for (const v of variants) v.messages = fresh();
const messages = variants[0].messages;
const nFields = messages.reduce((n, m) => n + m.filter((f) => f.lname === 'received').length, 0);
// As bench/analyze.mjs: a warm-up slice, then each pass reads its own slice, so that the per-process
// caches (addresses, PSL lookups) meet new mail in every pass, as in a scan. --same: every pass
// reads all messages (hot caches).
const same = has('--same');
const size = same ? messages.length : Math.floor(messages.length / (passes + 1));
const sliced = (ms) =>
  Array.from({ length: passes + 1 }, (_, i) => (same ? ms : ms.slice(i * size, (i + 1) * size)));
for (const v of variants) v.slices = sliced(v.messages);
console.log(
  `${messages.length} messages, ${nFields} Received fields; ${passes} passes of ${size} messages after a warm-up`,
);

const options = { trustedNetworks: [] };
// Warm-up: the slice read three times (the JIT settles; later passes still meet new mail).
for (let r = 0; r < 3; r++)
  for (const v of variants) for (const m of v.slices[0]) v.mod.analyzeChain(m, options);
for (let i = 0; i < passes; i++) {
  for (const v of variants) {
    // Wall time of this thread's work: process CPU would also count the compiler and GC threads.
    const t = performance.now();
    for (const m of v.slices[i + 1]) v.mod.analyzeChain(m, options);
    v.times.push(performance.now() - t);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
for (const v of variants) {
  const m = median(v.times);
  console.log(
    `${(variants.length > 1 ? (v === variants[0] ? 'before' : 'after') : 'ms/message').padEnd(8)} ${(m / size).toFixed(4)} ms/message (wall, median), ${(min(v.times) / size).toFixed(4)} (best)  passes ${v.times.map((t) => t.toFixed(0)).join(' ')}  ${v.name}`,
  );
}
if (variants.length > 1)
  console.log(
    `speed-up ${(median(variants[0].times) / median(variants[1].times)).toFixed(2)}× (median), ${(min(variants[0].times) / min(variants[1].times)).toFixed(2)}× (best)`,
  );
// After the timing: the strings of the fields are then met for the first time in the passes.
if (variants.length > 1) {
  let diff = 0;
  for (const m of fresh()) {
    const a = JSON.stringify(variants[0].mod.analyzeChain(m, options));
    const b = JSON.stringify(variants[1].mod.analyzeChain(m, options));
    if (a !== b && diff++ < 3) console.log(`DIFF\n${a}\n${b}`);
  }
  console.log(diff === 0 ? 'results: identical' : `results: ${diff} messages differ`);
}
