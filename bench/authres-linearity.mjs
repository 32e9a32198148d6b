// Linearity of the Authentication-Results / Received-SPF parsers and of readStamps on pathological
// input. Bundles src/authres/index.ts with esbuild for the browser (which also proves it needs no
// node:* module), then times each case on inputs of size n, 2n, 4n, 8n and prints the time ratios:
// ≈2 per doubling means linear, ≈4 quadratic.
// Run: node --expose-gc bench/authres-linearity.mjs [baseSize]   (--expose-gc steadies the figures)
import { fileURLToPath } from 'node:url';
import { importFromSource } from './lib.mjs';

const { parseAuthenticationResults, parseReceivedSpf, readStamps } = await importFromSource(
  fileURLToPath(new URL('../src/', import.meta.url)),
  {
    'authres/index.ts': ['parseAuthenticationResults', 'parseReceivedSpf', 'readStamps'],
  },
);

const base = Number(process.argv[2] ?? 20_000);
const ar = parseAuthenticationResults;

/** Each case builds an input of about `size` characters and parses it. */
const cases = {
  'many results (dkim=pass header.d=…;)': [
    ar,
    (n) => `example.com; ${'dkim=pass header.d=a.example; '.repeat(n / 30)}`,
  ],
  'one long value': [ar, (n) => `example.com; spf=pass smtp.mailfrom=${'a'.repeat(n)}`],
  'nested unterminated comment ((((': [ar, (n) => `example.com; spf=pass ${'('.repeat(n)}`],
  'balanced nesting ((((…))))': [ar, (n) => `example.com; spf=pass ${'('.repeat(n / 2)}${')'.repeat(n / 2)}`],
  'comments between every token': [ar, (n) => `example.com; ${'dkim (c) = (c) pass (c) ; '.repeat(n / 25)}`],
  'unterminated quote of \\" pairs': [ar, (n) => `example.com; spf=pass reason="${'\\"'.repeat(n / 2)}`],
  'errors everywhere (=x;)': [ar, (n) => `example.com; ${'=x; '.repeat(n / 4)}`],
  'dotted words (a.a.a.…)': [ar, (n) => `example.com; ${'a.'.repeat(n / 2)}x`],
  'dotted words then = (a.b.c…=x)': [ar, (n) => `example.com; ${'a.'.repeat(n / 2)}x=y`],
  'bare words (w w w …)': [ar, (n) => `example.com; ${'w '.repeat(n / 2)}`],
  'properties first, no method': [ar, (n) => `example.com ${'h.i=x '.repeat(n / 6)}`],
  'no ; after id, many items': [ar, (n) => `example.com ${'spf=pass '.repeat(n / 9)}`],
  'Microsoft repeated ids': [ar, (n) => `${'spf=pass; outlook.com; '.repeat(n / 23)}`],
  'Received-SPF many pairs': [parseReceivedSpf, (n) => `pass (x) ${'k=v; '.repeat(n / 5)}`],
  'Received-SPF huge comment': [
    parseReceivedSpf,
    (n) => `pass (${'domain of '.repeat(n / 10)}) client-ip=192.0.2.1`,
  ],
  'Received-SPF junk': [parseReceivedSpf, (n) => `pass ${'@ '.repeat(n / 2)}`],
};

// With `node --expose-gc`, collect before each run so that one run does not pay for the last.
const gc = globalThis.gc ?? (() => {});

function time(f, input) {
  // Best of several runs: the minimum is the least disturbed by GC and JIT.
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 11; r++) {
    gc();
    const t = performance.now();
    f(input);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const sizes = [base, base * 2, base * 4, base * 8];
const rows = [];
for (const [name, [fn, make]] of Object.entries(cases)) {
  const inputs = sizes.map((s) => make(s));
  fn(inputs[0]); // warm up
  rows.push({ name, times: inputs.map((input) => time(fn, input)) });
}

// readStamps: n, 2n, 4n, 8n stamps of several authserv-ids, Received hops in between.
const stampCount = Math.max(500, base / 100);
const stampTimes = [stampCount, stampCount * 2, stampCount * 4, stampCount * 8].map((n) => {
  const fields = [];
  const push = (name, value) =>
    fields.push({
      name,
      lname: name.toLowerCase(),
      value,
      raw: `${name}: ${value}`,
      index: fields.length,
      line: fields.length + 1,
    });
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0)
      push(
        'Received',
        `from h${i}.example ([192.0.2.1]) by mx${i % 3}.example.net with ESMTP id Q${i}; Mon, 1 Jan 2024 00:00:00 +0000`,
      );
    push(
      'Authentication-Results',
      `mx${i % 3}.example.net; spf=pass smtp.mailfrom=a.example; dkim=pass header.d=a.example`,
    );
    if (i % 5 === 0)
      push(
        'Received-SPF',
        `pass (mx${i % 3}.example.net: domain of a.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1`,
      );
    if (i % 7 === 0) push('ARC-Authentication-Results', `i=${(i % 50) + 1}; mx0.example.net; arc=pass`);
  }
  return time((f) => readStamps(f, { receiverHosts: ['mx0.example.net'], receiverDomain: null }), fields);
});
rows.push({ name: `readStamps (${stampCount}… stamps)`, times: stampTimes });

const pad = (s, n) => String(s).padEnd(n);
console.log(
  `authres linearity, base size n = ${base} characters (best of 11 runs${globalThis.gc ? ', gc between runs' : ''})\n`,
);
console.log(`${pad('input', 40)}${pad('t(n) ms', 10)}${pad('t(8n) ms', 10)}2n/n  4n/2n  8n/4n`);
let worst = 0;
for (const { name, times } of rows) {
  const ratios = [times[1] / times[0], times[2] / times[1], times[3] / times[2]];
  worst = Math.max(worst, ...ratios);
  console.log(
    `${pad(name, 40)}${pad(times[0].toFixed(2), 10)}${pad(times[3].toFixed(2), 10)}${ratios.map((r) => r.toFixed(2).padEnd(7)).join('')}`,
  );
}
console.log(`\nworst doubling ratio: ${worst.toFixed(2)} (linear ≈ 2, quadratic ≈ 4)`);
