// Time stays linear in input size, checked by counting work (characters looked at by the string and
// RegExp primitives, test/fuzz/work.ts) rather than by timing: each growing input shape is run at k
// and 8k, and the work may grow at most MAX_RATIO times (8 is linear; a parser that rescans the rest
// of its input per step gives ~64). The long run (scripts/fuzz.mjs) prints the timings.
import { describe, expect, it } from 'vitest';
import { TARGETS } from './targets.js';
import { countWork } from './work.js';

const K = 40;
const MAX_RATIO = 12;

describe('linear work in input size', () => {
  for (const t of TARGETS) {
    for (const g of t.grow) {
      it(`${t.name}: ${g.shape}`, () => {
        const small = g.make(K);
        const large = g.make(8 * K);
        const a = countWork(() => t.run(small));
        const b = countWork(() => t.run(large));
        expect(a.result).toEqual([]);
        expect(b.result).toEqual([]);
        const ratio = b.work / a.work;
        expect(
          ratio,
          `${t.name} / ${g.shape}: work ${a.work} at size ${t.size(small)}, ${b.work} at size ${t.size(large)}`,
        ).toBeLessThanOrEqual(MAX_RATIO);
        if (process.env.SHOW_WORK)
          console.log(`RATIO ${ratio.toFixed(2)} ${t.name} / ${g.shape} ${a.work} ${b.work}`);
      });
    }
  }
});
