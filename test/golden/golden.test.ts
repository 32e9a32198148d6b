// Golden cases: a message (+ options) → the expected JSON report and the expected English and
// Japanese text. Each case lives in test/golden/<case>/ with a case.json saying which message and why.
// Update deliberately with `UPDATE_GOLDEN=1 npx vitest run test/golden`, then read the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AnalyzeOptions, analyze, analyzeMessage } from '../../src/analyze.js';
import { createFixtureResolver, parseFixtureZone } from '../../src/dns/index.js';
import { renderText } from '../../src/render/text.js';

const dir = fileURLToPath(new URL('./', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

interface GoldenCase {
  /** Path of the message, relative to the case folder. */
  message: string;
  /** Why this case exists (the cause it pins down). */
  why: string;
  options?: Pick<AnalyzeOptions, 'trust' | 'trustedNetworks'>;
  /** A DNS zone (docs/dns-fixture.md), relative to the case folder: the case runs online against it. */
  dnsFixture?: string;
  /** Facts checked by hand against the message text, independent of the snapshot. */
  expect: Record<string, unknown>;
}

function pick(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, key) => (o === null || o === undefined ? o : (o as Record<string, unknown>)[key]),
      obj,
    );
}

function check(file: string, actual: string): void {
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());

describe('golden cases', () => {
  it('exist', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    const caseDir = join(dir, c.name);
    const spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as GoldenCase;
    const bytes = new Uint8Array(readFileSync(join(caseDir, spec.message)));
    describe(c.name, () => {
      for (const lang of ['en', 'ja'] as const) {
        it(`${lang}: report and text`, async () => {
          const options = { ...spec.options, lang, name: c.name };
          const report = spec.dnsFixture
            ? await analyze(bytes, {
                ...options,
                online: {
                  resolver: createFixtureResolver(
                    parseFixtureZone(JSON.parse(readFileSync(join(caseDir, spec.dnsFixture), 'utf8'))),
                  ),
                },
              })
            : analyzeMessage(bytes, options);
          for (const [path, value] of Object.entries(spec.expect)) {
            // "$codes": the finding codes in order, checked by hand against the message.
            const actual = path === '$codes' ? report.findings.map((f) => f.code) : pick(report, path);
            expect(actual, `${c.name}: ${path}`).toEqual(value);
          }
          if (lang === 'en') check(join(caseDir, 'expected.json'), `${JSON.stringify(report, null, 2)}\n`);
          check(join(caseDir, `${lang}.txt`), renderText(report, { color: false }));
        });
      }
    });
  }
});
