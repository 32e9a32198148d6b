// Fixed-seed property run of every parser and of analyzeMessage (part of `npm test`): mutants of the
// corpus and random text must not throw and must come back well-typed. The long run with random
// seeds is scripts/fuzz.mjs (`npm run fuzz`).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { root } from '../cli/run.js';
import { corpusDir } from '../corpus.js';
import { loadSeeds } from './seeds.js';
import { TARGETS } from './targets.js';

/** Fixed, so that `npm test` tries the same inputs every time. */
const SEED = 20261128;

/** Runs per target: enough to reach every mutation kind on most seeds; the whole file takes ~10 s on a quiet machine. */
const RUNS: Record<string, number> = {
  'analyzeMessage(text)': 500,
  'analyzeMessage(bytes)': 500,
  readStamps: 500,
  'MailSplitter windows': 200,
  splitMbox: 200,
};

const seeds = loadSeeds(corpusDir, root);

describe('fuzz (fixed seed)', () => {
  for (const t of TARGETS) {
    it(`${t.name}: no exception, well-typed`, () => {
      fc.assert(
        fc.property(t.arbitrary(seeds), (input) => {
          const errs = t.run(input);
          if (errs.length > 0) throw new Error(errs.slice(0, 5).join('\n'));
        }),
        { seed: SEED, numRuns: RUNS[t.name] ?? 1000 },
      );
    });
  }
});
