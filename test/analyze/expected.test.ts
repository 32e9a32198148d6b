// The corpus's own expectations (../shared/corpus/eml/*/expected.json) against mailwhy's report:
// the verdicts each receiver recorded, what the message means for Gmail's "?", and the finding that
// names the cause. Each expectation below quotes the expected.json entry it checks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import type { Report } from '../../src/report.js';
import { corpusPath, readCorpus } from '../corpus.js';

const report = (relative: string): Report =>
  analyzeMessage(new Uint8Array(readFileSync(corpusPath(relative))));
const codes = (r: Report): string[] => r.findings.map((f) => f.code);

describe('github-issues/expected.json', () => {
  const expected = JSON.parse(readCorpus('eml/github-issues/expected.json')) as Record<
    string,
    { auth: Record<string, string> }
  >;

  it('PHPMailer-891: softfail via MailChannels, no DKIM, no DMARC → the "?"; fix authorises the relay and DKIM is advised', () => {
    expect(expected['PHPMailer-PHPMailer-891.eml']?.auth).toMatchObject({
      spf: 'softfail',
      spf_client_ip: '23.83.214.30',
      dkim: 'absent',
      dmarc: 'absent',
    });
    const r = report('eml/github-issues/PHPMailer-PHPMailer-891.eml');
    expect(r.verdicts.spf?.result).toBe('softfail');
    expect(r.verdicts.spf?.ip).toBe('23.83.214.30');
    expect(r.verdicts.spf?.domain).toBe('mydomain.com');
    expect(r.verdicts.dkim).toEqual([]);
    expect(r.verdicts.dmarc).toBeNull();
    expect(r.gmail.unauthenticated).toBe(true);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'gmail-unauthenticated',
        'spf-not-designated',
        'dkim-none',
        'sent-via-provider',
      ]),
    );
    expect(r.fixes[0]?.value).toBe('v=spf1 include:relay.mailchannels.net ~all');
  });

  it('OpenARC-128: SPF pass (SRS), DKIM pass hotmail.com, DMARC pass, ARC fail → not a "?" case', () => {
    expect(expected['trusteddomainproject-OpenARC-128.eml']?.auth).toMatchObject({
      arc: 'fail (missing mandatory fields)',
      dmarc: 'pass',
    });
    const r = report('eml/github-issues/trusteddomainproject-OpenARC-128.eml');
    expect(r.verdicts.spf?.result).toBe('pass');
    expect(r.verdicts.dkim.map((d) => [d.result, d.domain])).toEqual([['pass', 'hotmail.com']]);
    expect(r.verdicts.dmarc?.result).toBe('pass');
    expect(r.verdicts.arc.result).toBe('fail');
    expect(r.gmail.unauthenticated).toBe(false);
  });

  it('OpenARC-137: four fields of one receiver merged; DKIM d= is the onmicrosoft.com tenant, not stst.de', () => {
    expect(expected['trusteddomainproject-OpenARC-137.eml']?.auth).toMatchObject({
      spf: 'pass',
      dkim: 'pass header.d=swste.onmicrosoft.com',
    });
    const r = report('eml/github-issues/trusteddomainproject-OpenARC-137.eml');
    expect(r.receiver?.authservId).toBe('mta.receiver.example');
    expect(r.verdicts.spf?.result).toBe('pass');
    expect(r.verdicts.dkim.map((d) => d.domain)).toEqual(['swste.onmicrosoft.com']);
    expect(r.verdicts.dmarc?.result).toBe('none');
    expect(r.verdicts.arc.result).toBe('fail');
    const f = r.findings.find((x) => x.code === 'dkim-default-domain');
    expect(f?.args).toEqual({
      provider: 'microsoft365',
      signingDomain: 'swste.onmicrosoft.com',
      fromDomain: 'stst.de',
    });
  });

  it('OpenARC-164: DMARC and SPF pass, the AAR only says arc=none under another authserv-id', () => {
    const r = report('eml/github-issues/trusteddomainproject-OpenARC-164.eml');
    expect(r.verdicts.spf?.result).toBe('pass');
    expect(r.verdicts.dmarc?.result).toBe('pass');
    expect(r.receiver?.authservId).toBe('lsa-mx2.dmz.baltic.seb.net');
    expect(r.gmail.unauthenticated).toBe(false);
  });

  it("akvo-397: 'best guess record' = no SPF record published; the fix publishes one covering 93.191.129.210", () => {
    expect(expected['akvo-akvo-rsr-397.eml']?.auth).toMatchObject({
      spf: 'neutral (best guess record)',
      client_ip: '93.191.129.210',
    });
    const r = report('eml/github-issues/akvo-akvo-rsr-397.eml');
    const f = r.findings.find((x) => x.code === 'spf-none');
    expect(f?.args).toMatchObject({ domain: 'rsr.akvo.org', bestGuess: true, result: 'neutral' });
    expect(r.fixes[0]?.value).toContain('ip4:93.191.129.210');
  });

  it('cloud-gov-1558: DKIM pass gsa.gov carries it (no "?") although SPF softfails for the platform relay', () => {
    expect(expected['cloud-gov-product-1558.eml']?.auth).toMatchObject({
      dkim: 'pass header.i=@gsa.gov',
      spf: 'softfail (transitioning)',
    });
    const r = report('eml/github-issues/cloud-gov-product-1558.eml');
    expect(r.verdicts.spf?.result).toBe('softfail');
    expect(r.verdicts.spf?.facts.transitioning).toBe(true);
    expect(r.verdicts.dkim.map((d) => [d.result, d.domain])).toEqual([['pass', 'gsa.gov']]);
    expect(r.gmail.unauthenticated).toBe(false);
    expect(codes(r)).toContain('spf-not-designated');
  });
});

describe('blaze/expected.json', () => {
  const expected = JSON.parse(readCorpus('eml/blaze/expected.json')) as {
    spf_analyze: Record<string, { ip: string; expected_by_blaze: string; result: string }>;
    authentication_results_as_read_by_blaze_dmarc_collect: Record<
      string,
      Record<string, { spf?: string; dkim?: string[]; dmarc?: string }>
    >;
  };

  // The receiver's recorded SPF verdict is what mailwhy explains; blaze's expectation is the same
  // verdict (its re-evaluation of 003 drifts with later DNS, as expected.json notes).
  for (const [file, e] of Object.entries(expected.spf_analyze)) {
    it(`${file}: SPF ${e.expected_by_blaze} for ${e.ip}, as the receiver recorded it`, () => {
      const r = report(`eml/blaze/${file}`);
      expect(r.verdicts.spf?.result).toBe(e.expected_by_blaze);
      expect(r.verdicts.spf?.ip ?? r.sendingHost?.ip).toBe(e.ip);
    });
  }

  for (const [file, byId] of Object.entries(expected.authentication_results_as_read_by_blaze_dmarc_collect)) {
    it(`${file}: the receiver's verdicts are the ones blaze read`, () => {
      const r = report(`eml/blaze/${file}`);
      const stamp = byId[r.receiver?.authservId ?? ''];
      expect(stamp, `blaze read a stamp of ${r.receiver?.authservId}`).toBeDefined();
      if (!stamp) return;
      if (stamp.spf) expect(r.verdicts.spf?.result).toBe(stamp.spf.split(' ')[0]);
      if (stamp.dmarc) expect(r.verdicts.dmarc?.result).toBe(stamp.dmarc.split(' ')[0]);
      if (stamp.dkim)
        expect(r.verdicts.dkim.map((d) => d.result).sort()).toEqual(
          stamp.dkim.map((d) => d.split(' ')[0]).sort(),
        );
    });
  }
});
