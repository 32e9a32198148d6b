// The dispatcher keeps order and loses nothing, even when a worker dies (here a test worker that
// throws on a marked header; the real one can run out of memory on a pathological header).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScanAggregator } from '../../src/scan/aggregate.js';
import type { BatchResult } from '../../src/scan/batch.js';
import { Dispatcher } from '../../src/scan/pool.js';
import type { AnalyzeSettings } from '../../src/scan/record.js';
import { tempDir } from './helpers.js';

const WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (batch) => {
  const text = Buffer.from(batch.bytes).toString('latin1');
  if (text.includes('X-Crash: yes')) throw new Error('boom');
  // What the real worker sends, in the plainest form: a tally of the batch and its JSON lines.
  const n = batch.items.length;
  const errors = batch.items.filter((it) => it.error).map((it) => ({ source: it.src, error: it.error }));
  const e = errors.length;
  const tally = {
    read: n, reported: n - e, errored: e, matched: n - e, truncated: 0, failing: e,
    totals: { spf: {}, dkim: {}, dmarc: {}, gmailUnauthenticated: 0, authenticated: 0 },
    byDomain: new Map(), byHost: new Map(), causes: new Map(), errors, last: batch.items[n - 1].src,
  };
  const line = (it) => JSON.stringify(it.error ? { source: it.src, error: it.error } : { source: it.src });
  const lines = Buffer.from(batch.items.map((it) => line(it) + '\\n').join(''));
  parentPort.postMessage({ id: batch.id, tally, lines, csv: null });
});
`;

const settings = (jsonl: boolean): AnalyzeSettings => ({
  lang: 'en',
  domain: null,
  jsonl,
  csv: false,
  failOn: 'softfail',
});

/** The JSON lines of results, parsed. */
function parsed(results: BatchResult[]): { source: { index: number }; error?: string }[] {
  return results
    .map((r) => Buffer.from(r.lines ?? []).toString('utf8'))
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { source: { index: number }; error?: string });
}

describe('Dispatcher', () => {
  it('answers every message in order; a dead worker’s batches become error records and a new worker carries on', async () => {
    const file = join(tempDir(), 'crash-worker.mjs');
    writeFileSync(file, WORKER);
    const results: BatchResult[] = [];
    const summary = new ScanAggregator(null);
    const d = new Dispatcher({
      jobs: 1,
      settings: settings(true),
      workerUrl: pathToFileURL(file),
      onResult: (r) => {
        // A copy: the lines' memory is only valid during onResult.
        results.push({ ...r, lines: r.lines ? Buffer.from(r.lines) : null });
        summary.merge(r.tally);
      },
    });
    const header = (n: number, crash = false): Uint8Array =>
      Buffer.from(`Subject: ${n}\n${crash ? 'X-Crash: yes\n' : ''}\n`);
    let n = 0;
    for (let i = 0; i < 64; i++) d.add({ path: 'a', index: ++n }, header(n), true, false);
    await d.drain();
    for (let i = 0; i < 64; i++) d.add({ path: 'a', index: ++n }, header(n, i === 10), true, false);
    await d.drain();
    for (let i = 0; i < 5; i++) d.add({ path: 'a', index: ++n }, header(n), true, false);
    d.addError({ path: 'a', entry: '../x', index: 0 }, 'archive entry refused: path traversal (..)');
    await d.drain();
    await d.close();
    expect(results.map((r) => r.id)).toEqual([0, 1, 2]);
    const lines = parsed(results);
    expect(lines).toHaveLength(64 + 64 + 5 + 1);
    expect(lines.map((l) => l.source.index)).toEqual([...Array.from({ length: 133 }, (_, i) => i + 1), 0]);
    expect(lines.slice(0, 64).every((l) => l.error === undefined)).toBe(true);
    expect(lines.slice(64, 128).every((l) => l.error === 'analysis worker failed: boom')).toBe(true);
    expect(lines.slice(128, 133).every((l) => l.error === undefined)).toBe(true);
    expect(lines[133]?.error).toBe('archive entry refused: path traversal (..)');
    // Nothing lost in the counts either: read = reported + errored, errors listed in order.
    const s = summary.summary({ bytes: 0, seconds: 0, interrupted: false });
    expect(s.read).toBe(134);
    expect(s.reported).toBe(69);
    expect(s.errored).toBe(65);
    expect(s.errors.map((e) => e.source.index)).toEqual([...Array.from({ length: 64 }, (_, i) => 65 + i), 0]);
    expect(summary.failures).toBe(65);
  });

  it('writes each batch’s JSON lines into buffers handed back and forth: the same lines, in order, as in one thread', async () => {
    // 640 messages = 10 batches through two real workers, at most 4 in flight: later batches carry
    // lines buffers the dispatcher got back with earlier results, which may come back out of order.
    const worker = pathToFileURL(join(process.cwd(), 'dist', 'scan-worker.js'));
    const linesOf = async (jobs: number): Promise<string[]> => {
      const out: string[] = [];
      const d = new Dispatcher({
        jobs,
        settings: settings(true),
        workerUrl: worker,
        // Copied while onResult runs: the contract of the lines' memory.
        onResult: (r) => out.push(Buffer.from(r.lines ?? []).toString('utf8')),
      });
      for (let i = 1; i <= 640; i++) {
        const header = `From: a${i}@example.com\nSubject: ${'x'.repeat(i % 300)}\nMessage-ID: <${i}@example.com>\n\n`;
        d.add({ path: 'c', index: i }, Buffer.from(header), true, false);
        await d.ready();
      }
      await d.drain();
      await d.close();
      return out.join('').split('\n').filter(Boolean);
    };
    const [inWorker, inThread] = [await linesOf(2), await linesOf(0)];
    expect(inWorker).toHaveLength(640);
    expect(inWorker).toEqual(inThread);
    inWorker.forEach((line, i) => {
      const r = JSON.parse(line) as { source: { index: number }; report: { message: { messageId: string } } };
      expect(r.source.index).toBe(i + 1);
      expect(r.report.message.messageId).toBe(`<${i + 1}@example.com>`);
    });
  });

  it('in-thread mode (jobs 0) counts every message, in order', async () => {
    const results: BatchResult[] = [];
    const d = new Dispatcher({
      jobs: 0,
      settings: settings(true),
      onResult: (r) => results.push({ ...r, lines: r.lines ? Buffer.from(r.lines) : null }),
    });
    for (let i = 1; i <= 70; i++) d.add({ path: 'b', index: i }, Buffer.from('\n'), true, false);
    await d.drain();
    await d.close();
    expect(results.map((r) => r.tally.read)).toEqual([64, 6]);
    expect(results.map((r) => r.tally.last?.index)).toEqual([64, 70]);
    const lines = parsed(results);
    expect(lines.map((l) => l.source.index)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(lines.every((l) => l.error?.startsWith('no header block'))).toBe(true);
  });
});
