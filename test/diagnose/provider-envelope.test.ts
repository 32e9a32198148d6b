import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import { userLines } from '../../src/explain/user.js';

const root = join(import.meta.dirname, '..', '..');
const form = readFileSync(join(root, 'docs/findings/examples/provider-envelope.eml'), 'utf8');

describe("the hosting server's own envelope sender (provider-envelope)", () => {
  it("a form on Sakura that sets From but no envelope sender: the finding, and the From domain's record, not one in Sakura's zone", () => {
    const report = analyzeMessage(form, { lang: 'en' });
    const f = report.findings.find((x) => x.code === 'provider-envelope');
    expect(f?.severity).toBe('error');
    expect(f?.args).toEqual({
      envelopeDomain: 'www123.sakura.ne.jp',
      fromDomain: 'example.com',
      provider: 'sakura',
      host: 'www123.sakura.ne.jp',
      result: 'none',
    });
    expect(report.findings.map((x) => x.code)).not.toContain('spf-none');
    // Sakura's recommended record, for the shop's own domain (domain.md §0).
    expect(report.fixes.filter((x) => x.value.startsWith('v=spf1')).map((x) => x.zoneLine)).toEqual([
      'example.com. 3600 IN TXT "v=spf1 a:www123.sakura.ne.jp mx ~all"',
    ]);
    expect(report.fixes.some((x) => x.name.includes('sakura.ne.jp'))).toBe(false);
    expect(userLines(report).join('\n')).toContain('envelope sender, Return-Path');
  });

  it('leaves alone an envelope of the From domain, and a server nobody knows as a hosting provider', () => {
    // The same form with the shop's own envelope: the Sakura case of the samples.
    const own = form
      .replaceAll('myaccount@www123.sakura.ne.jp', 'info@example.com')
      .replaceAll('google.com: www123.sakura.ne.jp does not', 'google.com: example.com does not');
    const a = analyzeMessage(own, { lang: 'en' });
    expect(a.findings.map((x) => x.code)).not.toContain('provider-envelope');
    expect(a.fixes[0]?.zoneLine).toBe('example.com. 3600 IN TXT "v=spf1 a:www123.sakura.ne.jp mx ~all"');
    // A company's own server writing its own host as envelope: that zone is theirs, the record is offered there.
    const company = form
      .replaceAll('www123.sakura.ne.jp', 'mail.example.net')
      .replaceAll('fsav312.sakura.ne.jp', 'filter.example.net');
    const b = analyzeMessage(company, { lang: 'en' });
    expect(b.findings.map((x) => x.code)).not.toContain('provider-envelope');
    expect(b.findings.map((x) => x.code)).toContain('spf-none');
    expect(b.fixes[0]?.name).toBe('mail.example.net.');
    // From Sakura's server with an envelope of another domain of the sender's: its record is offered.
    const other = form
      .replaceAll('myaccount@www123.sakura.ne.jp', 'bounce@example.org')
      .replaceAll('google.com: www123.sakura.ne.jp does not', 'google.com: example.org does not');
    const c = analyzeMessage(other, { lang: 'en' });
    expect(c.findings.map((x) => x.code)).not.toContain('provider-envelope');
    expect(c.fixes[0]?.zoneLine).toBe('example.org. 3600 IN TXT "v=spf1 a:www123.sakura.ne.jp mx ~all"');
  });
});
