// Linearity of the Received parser on pathological input. Bundles src/received/index.ts with esbuild
// for the browser (which also proves it needs no node:* module), then times parseReceived on inputs of
// size n, 2n, 4n, 8n and prints the time ratios: ≈2 per doubling means linear, ≈4 quadratic.
// Run: node bench/received-linearity.mjs [baseSize]
import { fileURLToPath } from 'node:url';
import { importFromSource } from './lib.mjs';

const { parseReceived, analyzeChain } = await importFromSource(
  fileURLToPath(new URL('../src/', import.meta.url)),
  {
    'received/index.ts': ['parseReceived', 'analyzeChain'],
  },
);

const DATE = 'Mon, 1 Jan 2024 00:00:00 +0000';
const base = Number(process.argv[2] ?? 100_000);

/** Each case builds a Received value of about `size` characters. */
const cases = {
  'nested comments ((((…))))': (size) =>
    `from h.example ([192.0.2.1]) ${'('.repeat(size / 2)}${')'.repeat(size / 2)} by mx.example; ${DATE}`,
  'unbalanced open parens': (size) => `from h.example ([192.0.2.1]) by mx.example ${'('.repeat(size)}`,
  'unbalanced brackets [[[[': (size) => `from ${'['.repeat(size)} by mx.example; ${DATE}`,
  'many comments (c) (c) …': (size) =>
    `from h.example ([192.0.2.1]) ${'(c) '.repeat(size / 4)}by mx.example; ${DATE}`,
  'long id value': (size) =>
    `from h.example ([192.0.2.1]) by mx.example with SMTP id ${'x'.repeat(size)}; ${DATE}`,
  'many words, no date': (size) => `from h.example ([192.0.2.1]) by mx.example ${'w '.repeat(size / 2)}`,
  'many time-like words': (size) => `from h.example ([192.0.2.1]) by mx.example ${'1:23 '.repeat(size / 5)}`,
  'many IP literals in a comment': (size) =>
    `from h.example (${'[192.0.2.1] '.repeat(size / 12)}) by mx.example; ${DATE}`,
  'many semicolons': (size) => `from h.example ([192.0.2.1]) by mx.example ${';'.repeat(size)} ${DATE}`,
  'control characters': (size) =>
    `from h.example ([192.0.2.1]) ${'\u0001\u0000'.repeat(size / 2)} by mx.example; ${DATE}`,
};

/**
 * Times f on each input, interleaving the sizes round after round and keeping each size's best run,
 * so that load from other processes falls on all sizes alike instead of skewing one ratio.
 */
function times(f, inputs, rounds = 15) {
  const best = inputs.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < rounds; r++) {
    inputs.forEach((input, k) => {
      const t = performance.now();
      f(input);
      best[k] = Math.min(best[k], performance.now() - t);
    });
  }
  return best;
}

const sizes = [base, base * 2, base * 4, base * 8];
const rows = [];
for (const [name, make] of Object.entries(cases)) {
  const inputs = sizes.map((s) => make(s));
  parseReceived(inputs[0]); // warm up
  rows.push({ name, times: times(parseReceived, inputs) });
}

// The chain: n, 2n, 4n, 8n Received fields.
const fieldCount = Math.max(1000, base / 50);
const chains = [fieldCount, fieldCount * 2, fieldCount * 4, fieldCount * 8].map((n) => {
  const fields = [];
  for (let i = 0; i < n; i++) {
    const value = `from h${i}.example (h${i}.example [10.0.${(i >> 8) & 255}.${i & 255}]) by mx${i}.example with SMTP id Q${i}; ${DATE}`;
    fields.push({
      name: 'Received',
      lname: 'received',
      value,
      raw: `Received: ${value}`,
      index: i,
      line: i + 1,
    });
  }
  return fields;
});
rows.push({
  name: `analyzeChain (${fieldCount}… fields, all internal)`,
  times: times(analyzeChain, chains, 7),
});

const pad = (s, n) => String(s).padEnd(n);
console.log(`parseReceived linearity, base size n = ${base} characters (best of 15 interleaved runs)\n`);
console.log(`${pad('input', 44)}${pad('t(n) ms', 10)}${pad('t(8n) ms', 10)}2n/n  4n/2n  8n/4n`);
let worst = 0;
for (const { name, times } of rows) {
  const ratios = [times[1] / times[0], times[2] / times[1], times[3] / times[2]];
  worst = Math.max(worst, ...ratios);
  console.log(
    `${pad(name, 44)}${pad(times[0].toFixed(2), 10)}${pad(times[3].toFixed(2), 10)}${ratios.map((r) => r.toFixed(2).padEnd(7)).join('')}`,
  );
}
console.log(`\nworst doubling ratio: ${worst.toFixed(2)} (linear ≈ 2, quadratic ≈ 4)`);
