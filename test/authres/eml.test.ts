// Every message of ../shared/corpus/eml: readStamps names a receiver whenever the message carries
// stamps, and never throws. For the messages whose verdicts the corpus records
// (eml/github-issues/expected.json, SOURCES.md), the verdicts are that receiver's.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Stamps } from '../../src/authres/index.js';
import { readStamps } from '../../src/authres/index.js';
import { corpusPath, readCorpus } from '../corpus.js';
import { headerFields, topReceiverHost } from './helpers.js';

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [path] : [];
  });
}

const root = corpusPath('eml');
const files = emlFiles(root).map((path) => relative(root, path).split('\\').join('/'));

function read(name: string): Stamps {
  const fields = headerFields(readCorpus(`eml/${name}`));
  return readStamps(fields, { receiverHosts: topReceiverHost(fields), receiverDomain: null });
}

describe('every corpus message', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(files)('%s', (name) => {
    const s = read(name);
    if (s.stamps.length > 0) {
      expect(s.receiver).not.toBeNull();
      if (s.stamps.some((st) => st.kind !== 'other-authentication-results')) {
        expect(s.stamps.some((st) => st.trusted)).toBe(true);
      }
    } else expect(s.receiver).toBeNull();
    for (const v of [s.verdicts.spf, s.verdicts.dmarc, ...s.verdicts.dkim]) {
      if (v === null) continue;
      // Every verdict points at a stamp that is believed.
      const stamp = s.stamps.find((st) => st.fieldIndex === v.source.index);
      expect(stamp?.trusted).toBe(true);
    }
  });
});

describe('the receiver and its verdicts (github-issues/expected.json, SOURCES.md)', () => {
  it('PHPMailer-891: Gmail, softfail for 23.83.214.30, no DKIM, no DMARC', () => {
    const s = read('github-issues/PHPMailer-PHPMailer-891.eml');
    expect(s.receiver).toMatchObject({
      authservId: 'mx.google.com',
      provider: 'gmail',
      basis: 'received-by',
    });
    expect(s.verdicts.spf).toMatchObject({ result: 'softfail', ip: '23.83.214.30', domain: 'mydomain.com' });
    expect(s.verdicts.spf?.facts.transitioning).toBe(true);
    expect(s.verdicts.dkim).toEqual([]);
    expect(s.verdicts.dmarc).toBeNull();
  });

  it('OpenARC-128: Gmail, spf pass, dkim pass hotmail.com, arc fail, dmarc pass', () => {
    const s = read('github-issues/trusteddomainproject-OpenARC-128.eml');
    expect(s.receiver?.authservId).toBe('mx.google.com');
    expect(s.verdicts.spf?.result).toBe('pass');
    expect(s.verdicts.dkim.map((d) => [d.result, d.domain])).toEqual([['pass', 'hotmail.com']]);
    expect(s.verdicts.arc).toMatchObject({ result: 'fail', comment: 'missing mandatory fields' });
    expect(s.verdicts.dmarc).toMatchObject({ result: 'pass', policy: 'none', disposition: 'none' });
  });

  it('OpenARC-137: four fields of one receiver merged', () => {
    const s = read('github-issues/trusteddomainproject-OpenARC-137.eml');
    expect(s.receiver).toMatchObject({ authservId: 'mta.receiver.example', basis: 'received-by' });
    expect(s.verdicts.dmarc).toMatchObject({ result: 'none', policy: 'none' });
    expect(s.verdicts.spf?.result).toBe('pass');
    expect(s.verdicts.arc.result).toBe('fail');
    expect(s.verdicts.dkim.map((d) => [d.result, d.domain])).toEqual([['pass', 'swste.onmicrosoft.com']]);
    expect(s.verdicts.spf?.ip).toBe('40.107.20.81');
  });

  it("OpenARC-164: the AAR of another authserv-id is not the receiver's", () => {
    const s = read('github-issues/trusteddomainproject-OpenARC-164.eml');
    expect(s.receiver?.authservId).toBe('lsa-mx2.dmz.baltic.seb.net');
    expect([s.verdicts.dmarc?.result, s.verdicts.spf?.result, s.verdicts.arc.result]).toEqual([
      'pass',
      'pass',
      'none',
    ]);
    const aar = s.stamps.find((st) => st.kind === 'arc-authentication-results');
    expect(aar).toMatchObject({
      authservId: 'hostname.domain.net',
      trusted: false,
      trust: 'other-authserv-id',
    });
  });

  it('akvo-397: best guess record, no Received chain', () => {
    const s = read('github-issues/akvo-akvo-rsr-397.eml');
    expect(s.receiver).toMatchObject({ authservId: 'mx.google.com', basis: 'only-stamp' });
    expect(s.verdicts.spf).toMatchObject({
      result: 'neutral',
      ip: '93.191.129.210',
      domain: 'rsr.akvo.org',
      facts: { bestGuess: true, neitherPermittedNorDenied: true },
    });
  });

  it("cloud-gov-1558: Gmail's ARC-Authentication-Results alone", () => {
    const s = read('github-issues/cloud-gov-product-1558.eml');
    expect(s.verdicts.spf).toMatchObject({
      result: 'softfail',
      domain: 'gsa.gov',
      facts: { transitioning: true },
    });
    expect(s.verdicts.spf?.source).toMatchObject({ header: 'ARC-Authentication-Results', instance: 1 });
    expect(s.verdicts.dkim.map((d) => [d.result, d.domain])).toEqual([['pass', 'gsa.gov']]);
  });

  it('arc-pass.eml: a Gmail forward — the latest Gmail stamp is believed, the earlier one is reported', () => {
    const s = read('mailauth/arc-pass.eml');
    expect(s.receiver?.authservId).toBe('mx.google.com');
    expect(s.verdicts.spf).toMatchObject({
      result: 'neutral',
      ip: '209.85.220.41',
      facts: { bestGuess: true },
    });
    expect(s.verdicts.arc).toMatchObject({ result: 'pass', shape: 'complete' });
    expect(s.conflicts.map((c) => [c.method, c.trustedResult, c.claimedResult])).toContainEqual([
      'spf',
      'neutral',
      'pass',
    ]);
  });

  it('blaze 005: kernel.org list, spf fail / dmarc fail / arc pass', () => {
    const s = read('blaze/005.eml');
    expect(s.receiver?.authservId).toBe('smtp.subspace.kernel.org');
    expect([s.verdicts.spf?.result, s.verdicts.dmarc?.result, s.verdicts.arc.result]).toEqual([
      'fail',
      'fail',
      'pass',
    ]);
    expect(s.verdicts.spf?.ip).toBe('141.138.168.70');
  });

  it('blaze 006: kernel.org list, arc fail, Microsoft ARC sets not believed', () => {
    const s = read('blaze/006.eml');
    expect(s.receiver?.authservId).toBe('smtp.subspace.kernel.org');
    expect(s.verdicts.arc).toMatchObject({ result: 'fail', shape: 'cv-fail' });
    expect([s.verdicts.spf?.result, s.verdicts.dmarc?.result]).toEqual(['pass', 'pass']);
    expect(s.verdicts.dkim.map((d) => d.result)).toEqual(['pass', 'pass']);
  });

  it("bounce.eml: Fastmail's milter writes several fields, merged; X-ME-Authentication-Results is listed only", () => {
    const s = read('postal-mime/bounce.eml');
    expect(s.receiver?.authservId).toBe('mx4.messagingengine.com');
    expect(s.verdicts.dmarc).toMatchObject({ result: 'pass', policy: 'none', disposition: 'none' });
    // A bounce: null envelope sender, so SPF was checked for the HELO name.
    expect(s.verdicts.spf).toMatchObject({
      result: 'pass',
      sender: '',
      domain: 'out1-smtp.messagingengine.com',
    });
    expect(s.verdicts.arc.result).toBe('none');
    const xme = s.stamps.find((st) => st.header === 'X-ME-Authentication-Results');
    expect(xme).toMatchObject({ trusted: false, trust: 'other-field' });
  });

  it('message2.eml: Haraka, AR + two Received-SPF', () => {
    const s = read('mailauth/message2.eml');
    expect(s.receiver?.authservId).toBe('mx.ethereal.email');
    expect(s.verdicts.spf).toMatchObject({
      result: 'pass',
      ip: '141.193.32.12',
      domain: 'mail.projectpending.com',
    });
  });
});
