#!/usr/bin/env node
// Equivalence check for performance work: runs `mailwhy scan --jsonl` of this checkout and of
// another one (e.g. a worktree of the commit before a change) on the same inputs, in English and
// Japanese, and compares the JSON lines byte for byte. Any difference in any report is printed with
// the first differing message. Both checkouts must be built (npm run build).
//
//   git worktree add /tmp/before HEAD~5 && (cd /tmp/before && npm ci && npm run build)
//   node bench/same-output.mjs --against /tmp/before bench/data/takeout-800.mbox ../shared/corpus/eml
//
// Exit status: 0 when every output is identical, 1 when one differs, 2 on a usage error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--against');
const against = at >= 0 ? args[at + 1] : undefined;
const inputs = args.filter((_, i) => i !== at && i !== at + 1).map((p) => resolve(p));
if (!against || inputs.length === 0) {
  console.error('usage: node bench/same-output.mjs --against <other checkout> <mailbox|folder>...');
  process.exit(2);
}
const clis = { this: join(root, 'bin/mailwhy.js'), other: join(resolve(against), 'bin/mailwhy.js') };
for (const cli of Object.values(clis)) {
  if (!existsSync(cli) || !existsSync(join(dirname(cli), '../dist/cli.js'))) {
    console.error(`${cli} or its dist/cli.js is missing: build that checkout first`);
    process.exit(2);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mailwhy-same-output-'));
let differ = 0;
try {
  for (const lang of ['en', 'ja']) {
    const out = {};
    for (const [name, cli] of Object.entries(clis)) {
      out[name] = join(dir, `${name}.${lang}.jsonl`);
      // --jobs 0 and the same working directory: the same source paths in both outputs.
      const r = spawnSync(
        process.execPath,
        [
          cli,
          'scan',
          '--quiet',
          '--jobs',
          '0',
          '--lang',
          lang,
          '--fail-on',
          'none',
          '--jsonl',
          out[name],
          ...inputs,
        ],
        { encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      if (r.status !== 0) {
        console.error(`${name} (${cli}) failed with status ${r.status}:\n${r.stderr.slice(-2000)}`);
        process.exit(2);
      }
    }
    const a = readFileSync(out.this);
    const b = readFileSync(out.other);
    if (a.equals(b)) {
      console.log(
        `same   ${lang}: ${a.toString('utf8').split('\n').length - 1} JSON lines, ${a.length} bytes`,
      );
      continue;
    }
    differ++;
    const la = a.toString('utf8').split('\n');
    const lb = b.toString('utf8').split('\n');
    const i = la.findIndex((line, k) => line !== lb[k]);
    console.log(
      `DIFFER ${lang}: ${la.length - 1} vs ${lb.length - 1} lines; first difference on line ${i + 1}`,
    );
    console.log(`  this:  ${(la[i] ?? '').slice(0, 400)}`);
    console.log(`  other: ${(lb[i] ?? '').slice(0, 400)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(differ > 0 ? 1 : 0);
