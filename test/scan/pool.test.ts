// The dispatcher keeps order and loses nothing, even when a worker dies (here a test worker that
// throws on a marked header; the real one can run out of memory on a pathological header).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../src/scan/batch.js';
import { Dispatcher } from '../../src/scan/pool.js';
import { tempDir } from './helpers.js';

const WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (batch) => {
  const text = Buffer.from(batch.bytes).toString('latin1');
  if (text.includes('X-Crash: yes')) throw new Error('boom');
  const records = batch.items.map((it) => ({ src: it.src, error: it.error ?? null, header: text.slice(it.start, it.end) }));
  parentPort.postMessage({ id: batch.id, records, lines: null });
});
`;

describe('Dispatcher', () => {
  it('answers every message in order; a dead worker’s batches become error records and a new worker carries on', async () => {
    const file = join(tempDir(), 'crash-worker.mjs');
    writeFileSync(file, WORKER);
    const results: BatchResult[] = [];
    const d = new Dispatcher({
      jobs: 1,
      settings: { lang: 'en', domain: null, jsonl: true },
      workerUrl: pathToFileURL(file),
      onResult: (r) => results.push(r),
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
    const records = results.flatMap((r) => r.records);
    expect(results.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(records).toHaveLength(64 + 64 + 5 + 1);
    expect(records.map((r) => r.src.index)).toEqual([...Array.from({ length: 133 }, (_, i) => i + 1), 0]);
    expect(records.slice(0, 64).every((r) => r.error === null)).toBe(true);
    expect(records.slice(64, 128).every((r) => r.error === 'analysis worker failed: boom')).toBe(true);
    expect(
      Buffer.from(results[1]?.lines ?? [])
        .toString()
        .split('\n')
        .filter(Boolean),
    ).toHaveLength(64);
    expect(records.slice(128, 133).every((r) => r.error === null)).toBe(true);
    expect(records[133]?.error).toBe('archive entry refused: path traversal (..)');
  });

  it('in-thread mode (jobs 0) gives the same records as a worker would, in order', async () => {
    const results: BatchResult[] = [];
    const d = new Dispatcher({
      jobs: 0,
      settings: { lang: 'en', domain: null, jsonl: false },
      onResult: (r) => results.push(r),
    });
    for (let i = 1; i <= 70; i++) d.add({ path: 'b', index: i }, Buffer.from('\n'), true, false);
    await d.drain();
    await d.close();
    const records = results.flatMap((r) => r.records);
    expect(records.map((r) => r.src.index)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(records.every((r) => r.error?.startsWith('no header block'))).toBe(true);
  });
});
