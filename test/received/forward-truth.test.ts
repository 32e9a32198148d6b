// Plain-forward detection against an independent source: the shared generator's truth file says
// which messages it wrote as forwards (`forwarded`: plain, Google Workspace, Microsoft 365) and which
// it did not. Read with the scan, as a user's Takeout would be.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { scan } from '../../src/scan/index.js';
import { generate, tempDir } from '../scan/helpers.js';

describe("the generator's forwards (gen-mbox.mjs --truth)", () => {
  it('every plain forward is reported as forwarded, with no SPF record offered; no other message is', async () => {
    const dir = tempDir();
    const box = join(dir, 'takeout.mbox');
    const truthFile = join(dir, 'truth.jsonl');
    generate(['--messages', '800', '--seed', '1', '--out', box], truthFile);
    const truth = readFileSync(truthFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { forwarded: string | null });
    const parts: string[] = [];
    const decoder = new TextDecoder();
    await scan([box], {
      jobs: 0,
      jsonl: {
        write: (b) => {
          parts.push(decoder.decode(b, { stream: true }));
        },
      },
    });
    const text = parts.join('');
    const reports = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source: { index: number }; report: Report });
    expect(reports).toHaveLength(truth.length);
    const tally: Record<string, number> = {};
    for (const { source, report } of reports) {
      const kind = truth[source.index - 1]?.forwarded ?? 'none';
      const forwarded = report.findings.some((f) => f.code === 'forwarded');
      tally[`${kind} ${forwarded ? 'forwarded' : 'not'}`] =
        (tally[`${kind} ${forwarded ? 'forwarded' : 'not'}`] ?? 0) + 1;
      if (kind === 'plain') {
        expect(forwarded, `message ${source.index}`).toBe(true);
        expect(
          report.fixes.filter((f) => f.value.startsWith('v=spf1')),
          `message ${source.index}`,
        ).toEqual([]);
      }
      if (kind === 'none') expect(forwarded, `message ${source.index}`).toBe(false);
    }
    // The seed has plain forwards to find (the generator writes about 3 in 100).
    expect(tally['plain forwarded']).toBeGreaterThan(10);
  });
});
