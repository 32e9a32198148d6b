// Every real message in ../shared/corpus/eml gives a report without a crash; for each one Gmail
// stamped, the sending host is the client of the topmost `Received: from … by mx.google.com` hop,
// read here by the test itself from the raw text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { exitCodeOf } from '../../src/cli/exit.js';
import { runCli } from '../cli/run.js';
import { corpusPath } from '../corpus.js';

function emlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? emlFiles(p) : name.endsWith('.eml') ? [p] : [];
    })
    .sort();
}

const root = corpusPath('eml');

/** Messages whose Gmail hop has no usable IP, with the reason. */
const NO_USABLE_IP: Record<string, string> = {
  'github-issues/trusteddomainproject-OpenARC-128.eml':
    'the reporter replaced the IP by the invalid placeholder 12.345.67.12 (expected.json says so): the hop keeps its names, the IP is null',
};
const files = emlFiles(root);

/** The client IP of the topmost Received field received by mx.google.com, read with a plain regex. */
function gmailHopIp(raw: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const m = /^Received:\s*from\s.*?\[([0-9a-fA-F:.]+)\].*?\bby mx\.google\.com\b/i.exec(line);
    if (m?.[1]) return m[1].toLowerCase().replace(/^ipv6:/, '');
  }
  return null;
}

describe('the corpus of real messages', () => {
  it('holds messages to test on', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const file of files) {
    const name = relative(root, file);
    it(`${name}: a report, exit 0 or 1`, () => {
      const bytes = new Uint8Array(readFileSync(file));
      const report = analyzeMessage(bytes, { name });
      expect(report.schema).toBe('mailwhy.report/1');
      expect([0, 1]).toContain(exitCodeOf(report));
      const ip = gmailHopIp(new TextDecoder('latin1').decode(bytes));
      if (name in NO_USABLE_IP) {
        expect(report.sendingHost?.ip).toBeNull();
        expect(report.sendingHost?.rdns).toBe('nc1.example.org');
      } else if (ip) {
        expect(report.sendingHost?.ip).toBe(ip);
      }
    });
  }

  it('the CLI reads them all in one run and exits 0 or 1', () => {
    const r = runCli(['--format', 'json', ...files]);
    expect([0, 1]).toContain(r.status);
    expect(JSON.parse(r.stdout)).toHaveLength(files.length);
  });
});
