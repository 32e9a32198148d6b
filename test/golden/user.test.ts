// --audience user: for every golden case, in both languages, at most 8 lines, and no jargon left
// unexplained — a technical word appears only inside parentheses or 「」 after plain words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { userSituation } from '../../src/explain/user.js';

const dir = fileURLToPath(new URL('./', import.meta.url));
const cases = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
const JARGON = /\b(?:SPF|DKIM|DMARC|DNS|SRS|ARC|PTR|TLS|MX|TXT)\b/g;

/** The line with every parenthesised or 「」-quoted part removed. */
function outsideParentheses(line: string): string {
  return line.replace(/\([^)]*\)|（[^）]*）|「[^」]*」/g, '');
}

describe('--audience user', () => {
  for (const c of cases) {
    const spec = JSON.parse(readFileSync(join(dir, c.name, 'case.json'), 'utf8')) as { message: string };
    const bytes = new Uint8Array(readFileSync(join(dir, c.name, spec.message)));
    for (const lang of ['en', 'ja'] as const) {
      it(`${c.name} (${lang}): at most 8 plain lines`, () => {
        const report = analyzeMessage(bytes, { lang });
        expect(report.forUser.length).toBeGreaterThan(0);
        expect(report.forUser.length).toBeLessThanOrEqual(8);
        for (const line of report.forUser) {
          expect(outsideParentheses(line).match(JARGON), `${lang}: ${line}`).toBeNull();
        }
      });
    }
  }

  it('picks the situation the findings describe', () => {
    const situation = (name: string): string => {
      const spec = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) as { message: string };
      return userSituation(analyzeMessage(new Uint8Array(readFileSync(join(dir, name, spec.message)))));
    };
    expect(situation('sakura-softfail')).toBe('sender-setup');
    expect(situation('sakura-fixed-pass')).toBe('authenticated');
    expect(situation('sendgrid-envelope-unaligned')).toBe('authenticated-via');
    expect(situation('dmarc-reject-spoof')).toBe('spoofing');
    expect(situation('forwarded-dkim-broken')).toBe('forwarded');
    expect(situation('gmail-bounce-5-7-26')).toBe('bounce');
  });

  it('names the domain Gmail refused in a bounce, not the mailer daemon', () => {
    const spec = JSON.parse(readFileSync(join(dir, 'gmail-bounce-5-7-26', 'case.json'), 'utf8')) as {
      message: string;
    };
    const report = analyzeMessage(
      new Uint8Array(readFileSync(join(dir, 'gmail-bounce-5-7-26', spec.message))),
    );
    expect(report.forUser.join('\n')).toContain('example.com');
    expect(report.forUser.join('\n')).not.toContain('www123.sakura.ne.jp');
  });
});
