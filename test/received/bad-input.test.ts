// Hostile or broken input: a Hop with what could be read, or null; never a throw, and in time
// proportional to the input (bench/received-linearity.mjs measures the ratios).
import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../src/headers/types.js';
import { analyzeChain, parseReceived } from '../../src/received/index.js';

const DATE = 'Mon, 1 Jan 2024 00:00:00 +0000';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('bad input', () => {
  it('a 1 MB value', () => {
    const { value, ms } = timed(() =>
      parseReceived(
        `from a.example (a.example [192.0.2.1]) by b.example with SMTP id ${'x'.repeat(1_000_000)}; ${DATE}`,
      ),
    );
    expect(value?.ip).toBe('192.0.2.1');
    expect(value?.date?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(ms).toBeLessThan(5000);
  });

  it('a 1 MB value of words without any date', () => {
    const { value, ms } = timed(() => parseReceived(`from a ${'w '.repeat(500_000)}by b`));
    expect(value).toBeNull();
    expect(ms).toBeLessThan(5000);
  });

  it('unbalanced parentheses: the open comment runs to the end, the rest still reads', () => {
    const h = parseReceived(`from h.example (h.example [192.0.2.7] by mx.example.net with SMTP; ${DATE}`);
    expect(h?.ip).toBe('192.0.2.7');
    expect(h?.from).toBe('h.example');
    expect(() => parseReceived(`from x ${'('.repeat(100_000)} by y`)).not.toThrow();
    const closing = parseReceived(
      `from a.example ([192.0.2.8]) ${')'.repeat(100_000)} by mx.example.net; ${DATE}`,
    );
    expect(closing?.by).toBe('mx.example.net');
  });

  it('unbalanced brackets', () => {
    const h = parseReceived(`from h.example (h.example [192.0.2.9) by mx.example.net with SMTP; ${DATE}`);
    expect(h?.ip).toBe('192.0.2.9');
    expect(h?.by).toBe('mx.example.net');
    expect(() => parseReceived(`from ${'['.repeat(200_000)} by y; ${DATE}`)).not.toThrow();
    expect(() => parseReceived(`from ${']'.repeat(200_000)} by y; ${DATE}`)).not.toThrow();
  });

  it('thousands of nested comments', () => {
    const nested = `${'('.repeat(20_000)}deep${')'.repeat(20_000)}`;
    const { value, ms } = timed(() =>
      parseReceived(
        `from h.example (h.example [192.0.2.10]) ${nested} by mx.example.net with ESMTP id ABC123; ${DATE}`,
      ),
    );
    expect(value).toMatchObject({ ip: '192.0.2.10', by: 'mx.example.net', id: 'ABC123' });
    expect(ms).toBeLessThan(5000);
    const many = `${'(c) '.repeat(20_000)}`;
    expect(parseReceived(`from h.example ([192.0.2.11]) ${many}by mx.example.net; ${DATE}`)?.by).toBe(
      'mx.example.net',
    );
  });

  it('control characters are white space', () => {
    const h = parseReceived(
      `from h.example\u0000\u0001 (h.example [192.0.2.12])\u0007 by mx.example.net\u001b with SMTP;\u0000 ${DATE}`,
    );
    expect(h).toMatchObject({ ip: '192.0.2.12', by: 'mx.example.net', protocol: 'SMTP' });
    expect(h?.date?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('invalid IP literals and out-of-range dates', () => {
    const h = parseReceived(
      'from h.example (h.example [12.345.67.12]) by mx.example.net; 31 Feb 2021 25:61:00 +0000',
    );
    expect(h?.ip).toBeUndefined();
    expect(h?.ipInvalid).toBe(true);
    expect(h?.dateRaw).toBe('31 Feb 2021 25:61:00 +0000');
    expect(h?.date).toBeUndefined();
    expect(
      parseReceived('from h.example ([999.1.1.1]) by mx.example.net; 1 Jan 10000 00:00:00 +0000')?.ipInvalid,
    ).toBe(true);
    expect(parseReceived('from h.example ([1:2:3:4:5:6:7:8:9]) by mx.example.net;')?.ip).toBeUndefined();
  });

  it('empty, blank, and non-string input', () => {
    for (const v of ['', ' ', 'Received:', 'Received: ;', ';;;;', '()', '[]', '<>']) {
      expect(parseReceived(v)).toBeNull();
    }
    expect(parseReceived(null as unknown as string)).toBeNull();
    expect(parseReceived(42 as unknown as string)).toBeNull();
  });

  it('10,000 Received fields', () => {
    const fields: HeaderField[] = [];
    for (let i = 0; i < 10_000; i++) {
      const value = `from h${i}.example (h${i}.example [192.0.2.${i % 250}]) by mx${i}.example.net with SMTP id Q${i}; Mon, 1 Jan 2024 00:00:${String(i % 60).padStart(2, '0')} +0000`;
      fields.push({
        name: 'Received',
        lname: 'received',
        value,
        raw: `Received: ${value}`,
        index: i,
        line: i + 1,
      });
    }
    const { value: chain, ms } = timed(() => analyzeChain(fields));
    expect(chain.hops.length).toBe(10_000);
    expect(chain.hops[9_999]?.hop?.id).toBe('Q9999');
    expect(chain.sendingHostPosition).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});
