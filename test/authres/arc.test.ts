// ARC sets and chain shapes. Real chains from ../shared/corpus/eml (mailauth's Gmail forwards,
// blaze's kernel.org list mail); the broken shapes are built by removing fields from them.
import { describe, expect, it } from 'vitest';
import { readArcSets } from '../../src/authres/index.js';
import { readCorpus } from '../corpus.js';
import { block, headerFields } from './helpers.js';

function eml(name: string): ReturnType<typeof headerFields> {
  return headerFields(readCorpus(`eml/${name}`));
}

describe('ARC sets', () => {
  it('arc-pass.eml: two Gmail sets, complete', () => {
    const arc = readArcSets(eml('mailauth/arc-pass.eml'));
    expect(arc.shape).toBe('complete');
    expect(arc.sets).toEqual([
      {
        instance: 2,
        cv: 'pass',
        authservId: 'mx.google.com',
        hasSeal: true,
        hasMessageSignature: true,
        hasAuthenticationResults: true,
      },
      {
        instance: 1,
        cv: 'none',
        authservId: 'mx.google.com',
        hasSeal: true,
        hasMessageSignature: true,
        hasAuthenticationResults: true,
      },
    ]);
  });

  it('arc-fail.eml and arc-fail2.eml are tampered in content only: the shape is complete', () => {
    // Their failure is cryptographic (out of scope); the header still shows two whole sets.
    expect(readArcSets(eml('mailauth/arc-fail.eml')).shape).toBe('complete');
    expect(readArcSets(eml('mailauth/arc-fail2.eml')).shape).toBe('complete');
  });

  it('arc-fail3.eml: the i=2 seal says cv=fail', () => {
    const arc = readArcSets(eml('mailauth/arc-fail3.eml'));
    expect(arc.shape).toBe('cv-fail');
    expect(arc.sets.map((s) => [s.instance, s.cv])).toEqual([
      [2, 'fail'],
      [1, 'none'],
    ]);
  });

  it('blaze 006.eml: Microsoft i=1,2 then kernel.org i=3 with cv=fail', () => {
    const arc = readArcSets(eml('blaze/006.eml'));
    expect(arc.shape).toBe('cv-fail');
    expect(arc.sets.map((s) => [s.instance, s.cv, s.authservId])).toEqual([
      [3, 'fail', 'smtp.subspace.kernel.org'],
      [2, 'pass', 'mx.microsoft.com'],
      [1, 'none', 'mx.microsoft.com'],
    ]);
  });

  it('no ARC field: none', () => {
    expect(readArcSets(eml('mailauth/message2.eml'))).toEqual({ sets: [], shape: 'none' });
  });

  it('a missing instance', () => {
    const fields = eml('mailauth/arc-pass.eml').filter(
      (f) => !/^i=1;/.test(f.value) || !f.lname.startsWith('arc-'),
    );
    const arc = readArcSets(fields);
    expect(arc.shape).toBe('missing-instance');
    expect(arc.sets.map((s) => s.instance)).toEqual([2]);
  });

  it('a set without its message signature: broken', () => {
    const fields = eml('mailauth/arc-pass.eml').filter(
      (f) => !(f.lname === 'arc-message-signature' && f.value.startsWith('i=1;')),
    );
    const arc = readArcSets(fields);
    expect(arc.shape).toBe('broken');
    expect(arc.sets[1]).toMatchObject({ instance: 1, hasMessageSignature: false, hasSeal: true });
  });

  it('cv= contradicting the instance, a repeated field, an unreadable i=: broken', () => {
    const set = (i: number, cv: string): string =>
      `ARC-Seal: i=${i}; cv=${cv}; d=x.example\nARC-Message-Signature: i=${i}; d=x.example\nARC-Authentication-Results: i=${i}; mx.x.example; spf=pass`;
    expect(readArcSets(block(set(1, 'pass'))).shape).toBe('broken');
    expect(readArcSets(block(`${set(2, 'none')}\n${set(1, 'none')}`)).shape).toBe('broken');
    expect(readArcSets(block(`${set(1, 'none')}\nARC-Seal: i=1; cv=none`)).shape).toBe('broken');
    expect(readArcSets(block(`${set(1, 'none')}\nARC-Seal: i=x; cv=none`)).shape).toBe('broken');
    expect(readArcSets(block(`${set(2, 'pass')}\n${set(1, 'none')}`)).shape).toBe('complete');
  });
});
