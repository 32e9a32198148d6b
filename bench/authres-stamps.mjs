#!/usr/bin/env node
// Micro-benchmark of readStamps alone (src/authres), optionally against another checkout in the
// same process with interleaved passes. The inputs (header fields and the Received chain's
// receiver hosts) are prepared once with this checkout's splitHeaderFields / analyzeChain, so only
// readStamps is timed. Like bench/analyze.mjs, the blocks are cut into warm-up + N disjoint slices
// so that per-process caches meet new mail in every pass. With --against, every message's
// readStamps result is also compared (JSON) between the two checkouts.
//
//   node bench/authres-stamps.mjs [file.mbox] [--passes N] [--against DIR]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, importFromSource } from './lib.mjs';

const { opt, positional } = cliArgs();
const file = positional[0] ?? '/tmp/perf.mbox';
const passes = Number(opt('--passes', '5'));
const against = opt('--against', null);

async function load(srcDir) {
  const mod = await importFromSource(srcDir, {
    'headers/split.ts': ['splitHeaderFields'],
    'received/index.ts': ['analyzeChain'],
    'authres/index.ts': ['readStamps'],
  });
  return { name: srcDir, mod, times: [], cpus: [] };
}

const self = await load(fileURLToPath(new URL('../src/', import.meta.url)));
const variants = against ? [await load(join(against, 'src')), self] : [self];

// Header blocks: after each From_ line, up to the first empty line (LF or CRLF).
const text = readFileSync(file, 'latin1');
const headers = [];
for (const chunk of text.split(/\n(?=From )/)) {
  const nl = chunk.indexOf('\n');
  if (nl < 0) continue;
  const body = chunk.slice(nl + 1);
  const m = /\r?\n\r?\n/.exec(body);
  headers.push(m === null ? body : body.slice(0, m.index + m[0].length));
}
// Each checkout gets its own fields, read the way analyzeMessage reads them (splitHeaderFields,
// then analyzeChain, which reads the Received fields): the values are the splitter's strings, and
// the first to read one pays for flattening it, as in a scan.
const prepare = () =>
  headers.map((header) => {
    const fields = self.mod.splitHeaderFields(header, {}).fields;
    const chain = self.mod.analyzeChain(fields, { trustedNetworks: [] });
    return { fields, options: { receiverHosts: chain.receiverHosts, receiverDomain: chain.receiverDomain } };
  });
const size = Math.floor(headers.length / (passes + 1));
console.log(`${file}: ${headers.length} messages; ${passes} passes of ${size} after a warm-up on ${size}`);

if (variants.length > 1) {
  let diffs = 0;
  const [a, b] = variants;
  for (const { fields, options } of prepare()) {
    const x = JSON.stringify(a.mod.readStamps(fields, options));
    const y = JSON.stringify(b.mod.readStamps(fields, options));
    if (x !== y && diffs++ < 3) console.log(`DIFF\n${x}\n${y}`);
  }
  console.log(diffs === 0 ? 'results identical' : `${diffs} messages differ`);
}
// (The comparison above warmed every cache on every message: reload for the timing.)
for (const v of variants) Object.assign(v, await load(v.name));
for (const v of variants) {
  const inputs = prepare();
  v.slices = Array.from({ length: passes + 1 }, (_, i) => inputs.slice(i * size, (i + 1) * size));
}

const run = (v, slice) => {
  const c = process.cpuUsage();
  const t = performance.now();
  for (const { fields, options } of slice) v.mod.readStamps(fields, options);
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
};
// JIT warm-up: several runs over the warm-up slice (later passes meet only new messages).
for (let k = 0; k < 8; k++) for (const v of variants) run(v, v.slices[0]);
for (let i = 1; i <= passes; i++) {
  for (const v of variants) {
    const r = run(v, v.slices[i]);
    v.times.push(r.wall);
    v.cpus.push(r.cpu);
  }
}
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
for (const v of variants) {
  console.log(
    `${v.name}: readStamps ${(median(v.times) / size).toFixed(4)} ms/message wall, ${(median(v.cpus) / size).toFixed(4)} CPU  (passes ${v.times.map((t) => t.toFixed(0)).join(' ')})`,
  );
}
