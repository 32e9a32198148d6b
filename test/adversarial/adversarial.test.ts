// The adversarial corpus (test/adversarial/cases.json): each hostile input must produce exactly the
// outcome listed, both in-process (analyzeMessage on the file's bytes, as the CLI hands them) and
// through the built CLI (exit status, finding codes of --format json, the one-line error for exit 2).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import type { Report } from '../../src/report.js';
import { splitMbox } from '../../src/scan/split.js';
import { type CliResult, root } from '../cli/run.js';
import { problems, report as reportShape } from '../fuzz/shapes.js';
import { GENERATORS } from './generate.js';

interface Case {
  file: string;
  what: string;
  generated?: boolean;
  exit: number;
  stderr?: string;
  codes: string[];
  expect: Record<string, string | number | null>;
}

const here = fileURLToPath(new URL('./', import.meta.url));
const { cases } = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8')) as { cases: Case[] };
const pass = readFileSync(join(here, 'pass.eml'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'mailwhy-adversarial-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The file as the CLI is given it: relative to the repository for committed files. */
function materialise(c: Case): { bytes: Uint8Array; arg: string } {
  if (c.generated) {
    const generate = GENERATORS[c.file];
    if (!generate) throw new Error(`no generator for ${c.file}`);
    const bytes = new TextEncoder().encode(generate(pass));
    const path = join(tmp, c.file);
    writeFileSync(path, bytes);
    return { bytes, arg: path };
  }
  return { bytes: new Uint8Array(readFileSync(join(here, c.file))), arg: `test/adversarial/${c.file}` };
}

/**
 * The built CLI, as test/cli/run.ts runs it, with room for big reports (spawnSync's default 1 MB
 * buffer kills the child on the 40 MB JSON of 10,000 results).
 */
function runCli(args: string[]): CliResult {
  if (!existsSync(`${root}dist/cli.js`))
    throw new Error('dist/cli.js is missing: run "npm run build" (npm test does)');
  const r = spawnSync(process.execPath, ['bin/mailwhy.js', ...args], {
    cwd: root,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
    timeout: 60_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function fact(key: string, r: Report, bytes: Uint8Array): unknown {
  const sending = r.hops.find((h) => h.role === 'sending-host');
  switch (key) {
    case 'hops':
      return r.hops.length;
    case 'sendingIp':
      return r.sendingHost?.ip ?? null;
    case 'sendingIpVersion':
      return sending?.ipVersion ?? null;
    case 'spf':
      return r.verdicts.spf?.result ?? null;
    case 'dmarc':
      return r.verdicts.dmarc?.result ?? null;
    case 'subject':
      return r.message.subject;
    case 'subjectLength':
      return r.message.subject?.length ?? null;
    case 'fromAddress':
      return r.message.fromAddress;
    case 'fromDomain':
      return r.message.fromDomain;
    case 'envelopeDomain':
      return r.message.envelopeDomain;
    case 'messageId':
      return r.message.messageId;
    case 'untrusted':
      return r.untrusted.length;
    case 'encoding':
      return r.input.encoding;
    case 'kind':
      return r.input.kind;
    case 'headerFields':
      return r.input.headerFields;
    case 'headerBytes':
      return r.input.headerBytes;
    case 'arcShape':
      return r.verdicts.arc.shape;
    case 'arcResult':
      return r.verdicts.arc.result;
    case 'dkimVerdicts':
      return r.verdicts.dkim.length;
    case 'mboxMessages':
      return splitMbox(bytes).length;
    default:
      throw new Error(`cases.json: unknown fact ${key}`);
  }
}

describe('adversarial corpus', () => {
  it('lists every committed file of test/adversarial exactly once', () => {
    const listed = cases.filter((c) => !c.generated).map((c) => c.file);
    expect(new Set(listed).size).toBe(listed.length);
    expect(Object.keys(GENERATORS).sort()).toEqual(
      cases
        .filter((c) => c.generated)
        .map((c) => c.file)
        .sort(),
    );
  });

  for (const c of cases) {
    describe(c.file, () => {
      const { bytes, arg } = materialise(c);

      it(`in-process: ${c.codes.join(', ')}`, () => {
        const r = analyzeMessage(bytes, { name: c.file });
        expect(problems(reportShape, r)).toEqual([]);
        expect(r.findings.map((f) => f.code)).toEqual(c.codes);
        for (const [key, value] of Object.entries(c.expect)) expect(fact(key, r, bytes), key).toEqual(value);
      });

      it(`CLI: exit ${c.exit}${c.stderr ? ' with its one-line error' : ''}`, () => {
        const out = runCli(['--format', 'json', arg]);
        expect(out.status).toBe(c.exit);
        if (c.exit === 2) {
          expect(out.stderr).toBe(`${(c.stderr ?? '').replace('{file}', arg)}\n`);
          expect(out.stdout).toBe('');
        } else {
          expect(out.stderr).toBe('');
          const r = JSON.parse(out.stdout) as Report;
          expect(r.findings.map((f) => f.code)).toEqual(c.codes);
        }
      });
    });
  }
});
