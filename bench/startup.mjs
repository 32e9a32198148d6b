// Start-up benchmark: what a CLI user feels. Times `mailwhy samples/sakura-softfail.eml` against
// `node -e 0` (and, for reference, a bare header block that needs no MIME reader) in the same run,
// interleaved, and prints medians and ratios. Run `npm run build` first (npm run bench does).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/cli.js'))) {
  console.error('dist/cli.js is missing: run "npm run build" first');
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 30);
const cases = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'mailwhy samples/sakura-softfail.eml', args: ['bin/mailwhy.js', 'samples/sakura-softfail.eml'] },
  {
    name: 'mailwhy --format json samples/sakura-softfail.eml',
    args: ['bin/mailwhy.js', '--format', 'json', 'samples/sakura-softfail.eml'],
  },
  {
    name: 'mailwhy samples/gmail-show-original.txt',
    args: ['bin/mailwhy.js', 'samples/gmail-show-original.txt'],
  },
  {
    name: 'mailwhy samples/no-spf-record.eml (ASCII header)',
    args: ['bin/mailwhy.js', 'samples/no-spf-record.eml'],
  },
  { name: 'mailwhy --version', args: ['bin/mailwhy.js', '--version'] },
];
const times = cases.map(() => []);
for (let i = 0; i < runs + 3; i++) {
  cases.forEach((c, k) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, c.args, {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
    if (i >= 3) times[k].push(ms); // the first runs warm the file cache
  });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times[0]);
console.log(`node ${process.version}, ${runs} runs each, interleaved; median wall time`);
for (const [k, c] of cases.entries()) {
  const m = median(times[k]);
  console.log(`${c.name.padEnd(52)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}×`);
}
