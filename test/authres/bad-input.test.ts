// Hostile and broken input: a parse with errors, never an exception. Timing is measured by
// bench/authres-linearity.mjs, not here (no timed tests).
import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults, parseReceivedSpf, readStamps } from '../../src/authres/index.js';
import { block } from './helpers.js';

describe('bad Authentication-Results', () => {
  it('an unterminated comment swallows the rest, with an error', () => {
    const f = parseAuthenticationResults(
      'example.com; dkim=pass header.d=a.example; spf=pass (oops smtp.mailfrom=x; dmarc=pass',
    );
    expect(f.errors).toEqual(['unterminated comment at offset 52']);
    expect(f.results.map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=pass', 'spf=pass']);
    expect(f.results[1]?.comments).toEqual(['oops smtp.mailfrom=x; dmarc=pass']);
  });

  it('an unterminated quoted string likewise', () => {
    const f = parseAuthenticationResults('example.com; spf=pass smtp.mailfrom="u@a.example; dkim=pass');
    expect(f.errors).toEqual(['unterminated quoted string at offset 36']);
    expect(f.results[0]?.properties[0]?.value).toBe('u@a.example; dkim=pass');
  });

  it('100 KB fields', () => {
    const long = parseAuthenticationResults(
      `example.com; spf=pass smtp.mailfrom=${'a'.repeat(100_000)}@b.example`,
    );
    expect(long.errors).toEqual([]);
    expect(long.results[0]?.properties[0]?.value).toHaveLength(100_000 + 10);
    const nested = parseAuthenticationResults(`example.com; spf=pass ${'('.repeat(100_000)}`);
    expect(nested.errors).toEqual(['unterminated comment at offset 22']);
    const quotes = parseAuthenticationResults(`example.com; spf=pass reason="${'\\"'.repeat(50_000)}`);
    expect(quotes.errors).toEqual(['unterminated quoted string at offset 29']);
    expect(quotes.results[0]?.reason).toBe('"'.repeat(50_000));
  });

  it('thousands of results in one field', () => {
    const f = parseAuthenticationResults(`example.com; ${'dkim=pass header.d=a.example; '.repeat(5000)}`);
    expect(f.errors).toEqual([]);
    expect(f.results).toHaveLength(5000);
  });

  it("a single clause of 150 000 results (no ';') does not overflow the stack", () => {
    const f = parseAuthenticationResults(`example.com ${'spf=pass '.repeat(150_000)}`);
    expect(f.results).toHaveLength(150_000);
    expect(f.errors).toEqual([]);
    const comments = parseAuthenticationResults(`example.com; spf=pass ${'(c)'.repeat(150_000)}`);
    expect(comments.results[0]?.comments).toHaveLength(150_000);
  });

  it('repeated authserv-ids', () => {
    const f = parseAuthenticationResults('example.com; example.com; spf=pass; example.com; dkim=pass');
    expect(f.errors).toEqual([]);
    expect(f.deviations).toEqual(['authserv-id repeated between results']);
    expect(f.results.map((r) => r.method)).toEqual(['spf', 'dkim']);
  });

  it('results with no method', () => {
    const f = parseAuthenticationResults('example.com; =pass; = fail; spf=pass');
    expect(f.errors).toEqual(['result with no method at offset 13', 'result with no method at offset 20']);
    expect(f.results.map((r) => r.method)).toEqual(['spf']);
  });

  it('non-ASCII: kept in ids and values, an error in a method name', () => {
    const f = parseAuthenticationResults(
      'exämple.com; spf=pass smtp.mailfrom=ü@例え.jp; spé=pass; dkim=pass',
    );
    expect(f.authservId).toBe('exämple.com');
    expect(f.results[0]?.properties[0]?.value).toBe('ü@例え.jp');
    expect(f.errors).toEqual(["unexpected 'é' at offset 47"]);
    expect(f.results.map((r) => r.method)).toEqual(['spf', 'dkim']);
  });

  it('errors are capped, and the count of the rest is given', () => {
    const f = parseAuthenticationResults(`example.com; ${'=x; '.repeat(10_000)}`);
    expect(f.errors).toHaveLength(51);
    expect(f.errors[50]).toBe('… and 9950 more errors');
  });

  it('random text never throws', () => {
    // A fixed-seed generator over the characters the grammar cares about.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const alphabet = [
      '(',
      ')',
      '"',
      '\\',
      ';',
      '=',
      '.',
      '/',
      ' ',
      '\n',
      'a',
      'b',
      '1',
      'é',
      'spf',
      'none',
      'i=1;',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = next() % 40;
      for (let k = 0; k < len; k++) text += alphabet[next() % alphabet.length];
      const f = parseAuthenticationResults(text);
      expect(Array.isArray(f.errors)).toBe(true);
      for (const r of f.results) expect(typeof r.method).toBe('string');
      expect(typeof parseReceivedSpf(text).result).toBe('string');
    }
  });
});

describe('bad Received-SPF and header blocks', () => {
  it('a 100 KB Received-SPF', () => {
    const r = parseReceivedSpf(`pass (${'x '.repeat(50_000)}) client-ip=192.0.2.1`);
    expect(r.clientIp).toBe('192.0.2.1');
    expect(r.errors).toBeUndefined();
  });

  it('readStamps over thousands of stamps and 100 KB fields', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(
        `Authentication-Results: mx${i % 7}.example.net; spf=${i % 2 === 0 ? 'pass' : 'fail'} smtp.mailfrom=a.example`,
      );
      if (i % 100 === 0)
        lines.push(`Received: from h${i}.example by mx${i % 7}.example.net; Mon, 1 Jul 2024 10:00:00 +0000`);
    }
    lines.push(`Received-SPF: pass (${'('.repeat(100_000)}`);
    lines.push(`ARC-Seal: i=${'9'.repeat(100_000)}; cv=none`);
    const s = readStamps(block(lines.join('\n')), {
      receiverHosts: ['mx0.example.net'],
      receiverDomain: null,
    });
    expect(s.receiver?.authservId).toBe('mx0.example.net');
    expect(s.stamps).toHaveLength(2001);
    expect(s.verdicts.arc.shape).toBe('broken');
  });
});
