// from-multiple: several authors in From, or several From fields (RFC 5322 §3.6, §3.6.2). DMARC
// authenticated one domain; the finding names every address and the one the receiver checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';

const example = readFileSync(
  new URL('../../docs/findings/examples/from-multiple.eml', import.meta.url),
  'utf8',
);
const FROM = 'From: Example News <news@example.com>, Example Bank <security@example.org>';

function withFrom(...lines: string[]): string {
  return example.replace(`${FROM}\n`, lines.map((l) => `${l}\n`).join(''));
}

function fromFinding(text: string) {
  return analyzeMessage(text).findings.find((f) => f.code === 'from-multiple');
}

describe('from-multiple', () => {
  it('one From field with two authors: both addresses, and the domain DMARC was checked for', () => {
    const f = fromFinding(example);
    expect(f?.severity).toBe('warning');
    expect(f?.args).toEqual({
      fields: 1,
      addresses: ['news@example.com', 'security@example.org'],
      checked: 'example.com',
    });
    expect(f?.evidence.map((e) => e.text)).toEqual([FROM.slice('From: '.length)]);
    // A warning: the message is no longer reported as all clear.
    expect(analyzeMessage(example).findings.some((x) => x.code === 'authenticated')).toBe(false);
  });

  it('two From fields, each cited', () => {
    const f = fromFinding(withFrom('From: news@example.com', 'From: Example Bank <security@example.org>'));
    expect(f?.args).toEqual({
      fields: 2,
      addresses: ['news@example.com', 'security@example.org'],
      checked: 'example.com',
    });
    expect(f?.evidence).toHaveLength(2);
  });

  it('two From fields with the same author still break RFC 5322', () => {
    const f = fromFinding(withFrom('From: news@example.com', 'From: News <NEWS@example.com>'));
    expect(f?.args).toEqual({ fields: 2, addresses: ['news@example.com'], checked: 'example.com' });
  });

  it('no finding for one author: plain, an unquoted comma in the name, the same address twice', () => {
    expect(fromFinding(withFrom('From: Example News <news@example.com>'))).toBeUndefined();
    expect(fromFinding(withFrom('From: News, Example <news@example.com>'))).toBeUndefined();
    expect(fromFinding(withFrom('From: "News, Example" <news@example.com>'))).toBeUndefined();
    expect(fromFinding(withFrom('From: news@example.com, News <news@example.com>'))).toBeUndefined();
  });

  it('without a DMARC result, checked is null', () => {
    const text = example.replace(/;\n {7}dmarc=pass[^\n]*/, '');
    expect(fromFinding(text)?.args).toMatchObject({ checked: null });
  });
});
