import { describe, expect, it } from 'vitest';
import { headerEnd, splitHeaderFields } from '../../src/headers/split.js';

describe('splitHeaderFields', () => {
  it('unfolds continuation lines and keeps the raw text (RFC 5322 §2.2.3)', () => {
    const block = splitHeaderFields('Subject: a\r\n  b\r\nReceived: from x\r\n\tby y; date\r\n');
    expect(block.fields.map((f) => [f.name, f.value])).toEqual([
      ['Subject', 'a  b'],
      ['Received', 'from x\tby y; date'],
    ]);
    expect(block.fields[1]?.raw).toBe('Received: from x\r\n\tby y; date');
    expect(block.fields[1]?.line).toBe(3);
    expect(block.fields[1]?.index).toBe(1);
  });

  it('reads LF, CRLF and lone CR alike and stops at the first empty line', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const block = splitHeaderFields(['A: 1', 'B: 2', '', 'C: body'].join(eol));
      expect(block.fields.map((f) => f.name)).toEqual(['A', 'B']);
    }
  });

  it('keeps repeated fields apart, in order', () => {
    const block = splitHeaderFields('Received: one\nReceived: two\nReceived: three');
    expect(block.fields.map((f) => f.value)).toEqual(['one', 'two', 'three']);
  });

  it('reports lines that are neither fields nor continuations', () => {
    const block = splitHeaderFields(' orphan continuation\nnot a field line\nA: 1');
    expect(block.junk.map((j) => j.line)).toEqual([1, 2]);
    expect(block.fields).toHaveLength(1);
  });

  it('cuts at the byte limit and says so', () => {
    const big = `X-Big: ${'a'.repeat(5000)}\nY: 2\n`;
    const block = splitHeaderFields(big, { maxBytes: 1000 });
    expect(block.truncated).toBe(true);
    expect(block.size).toBe(1000);
  });

  it('accepts the obsolete "Name : value" spacing (RFC 5322 §4.5.3)', () => {
    expect(splitHeaderFields('Subject : hi').fields[0]?.value).toBe('hi');
  });
});

describe('headerEnd', () => {
  it('finds the blank line with CRLF or LF, or none in a bare header block', () => {
    expect(headerEnd('A: 1\r\nB: 2\r\n\r\nbody')).toEqual({ headerLength: 12, bodyStart: 14 });
    expect(headerEnd('A: 1\nB: 2\n\nbody')).toEqual({ headerLength: 10, bodyStart: 11 });
    expect(headerEnd('A: 1\nB: 2')).toEqual({ headerLength: 9, bodyStart: 9 });
  });
});

describe('headerEnd with lone-CR line ends', () => {
  it('finds the empty line of a file that uses CR only', () => {
    expect(headerEnd('A: 1\rB: 2\r\rbody\r')).toEqual({ headerLength: 10, bodyStart: 11 });
    expect(headerEnd('A: 1\rB: 2')).toEqual({ headerLength: 9, bodyStart: 9 });
  });
});
