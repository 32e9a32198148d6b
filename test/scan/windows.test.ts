// Windows (src/scan/windows.ts): a stream read into a few reused windows, and feedSplitter reading
// them. A window handed out is valid until the next one is asked for; the splitter must copy what it
// carries over, or a header that straddles two windows comes out with bytes of a later read in it.
import { execFileSync } from 'node:child_process';
import { constants, createWriteStream, openSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { feedSplitter, type ReaderSink } from '../../src/scan/sources.js';
import { pipeWindows, Windows } from '../../src/scan/windows.js';
import { mbox, tempDir } from './helpers.js';

/** A deterministic byte pattern that differs from window to window. */
function pattern(length: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + (i >> 8) * 7) & 0xff;
  return b;
}

/**
 * Writes `bytes` in uneven pieces, letting the event loop run between them: the reader then often
 * waits for data with a window free, which is when a window is read into again.
 */
async function trickle(out: PassThrough, bytes: Buffer, largest: number): Promise<void> {
  for (let at = 0, n = 1; at < bytes.length; n++) {
    const piece = bytes.subarray(at, at + 1 + ((n * 7_919) % largest));
    at += piece.length;
    if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise((r) => setImmediate(r));
  }
  out.end();
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

function collectingSink(): { sink: ReaderSink; seen: { offset: number; header: string }[] } {
  const seen: { offset: number; header: string }[] = [];
  const sink: ReaderSink = {
    message: (src, m) =>
      seen.push({ offset: src.offset ?? -1, header: Buffer.from(m.header).toString('latin1') }),
    error: () => {},
    skipped: () => {},
    unreadable: () => {},
    bytes: () => {},
    ready: () => null,
    stopped: false,
  };
  return { sink, seen };
}

describe('Windows', () => {
  it('hands out the bytes in order, reusing its windows, when the consumer copies each before the next', async () => {
    const bytes = pattern(200_000);
    const input = new PassThrough();
    const windows = new Windows(input, false, 1_000);
    windows.reuse(true);
    const feeding = trickle(input, bytes, 3_000);
    const got: Buffer[] = [];
    const memory = new Set<ArrayBufferLike>();
    for await (const w of windows) {
      got.push(Buffer.from(w));
      memory.add(w.buffer);
      // Sometimes the consumer is the slower one, and the windows fill up while it works.
      if (got.length % 7 === 0) await tick();
    }
    await feeding;
    expect(Buffer.concat(got).equals(bytes)).toBe(true);
    // One lent, one filling, one full waiting: never more memory than that.
    expect(memory.size).toBeLessThanOrEqual(3);
  });

  it('never writes again over what it handed out, until reuse(true)', async () => {
    const bytes = pattern(50_000);
    const input = new PassThrough();
    const windows = new Windows(input, false, 4_096);
    const feeding = trickle(input, bytes, 3_000);
    const kept: Buffer[] = [];
    for await (const w of windows) kept.push(w);
    await feeding;
    // Held to the end, every part still holds its bytes, and no two parts share memory.
    expect(Buffer.concat(kept).equals(bytes)).toBe(true);
    const spans = kept.map((w) => ({ memory: w.buffer, from: w.byteOffset, to: w.byteOffset + w.length }));
    for (const [i, a] of spans.entries())
      for (const b of spans.slice(i + 1))
        expect(a.memory !== b.memory || a.to <= b.from || b.to <= a.from).toBe(true);
    // Parts of one window are handed out as the stream gives them: fewer windows than parts.
    expect(new Set(spans.map((s) => s.memory)).size).toBeLessThan(kept.length);
  });

  it('pauses the stream while the consumer does not ask: a bounded read-ahead', async () => {
    let pulled = 0;
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < 1_000; i++) {
          pulled++;
          yield Buffer.alloc(1_000, i & 0xff);
        }
      })(),
    );
    const windows = new Windows(input, false, 4_000);
    windows.reuse(true);
    const first = await windows.next();
    expect(first.done).toBe(false);
    await tick();
    await tick();
    expect(input.isPaused()).toBe(true);
    // Two windows of 4,000 bytes and the stream's own small buffer: nowhere near the 1,000 chunks.
    expect(pulled).toBeLessThan(40);
    let total = first.value?.length ?? 0;
    for (let r = await windows.next(); !r.done; r = await windows.next()) total += r.value.length;
    expect(total).toBe(1_000_000);
    expect(pulled).toBe(1_000);
  });

  it("passes the stream's error on, and says so when the stream is destroyed before its end", async () => {
    const failing = new PassThrough();
    const windows = new Windows(failing);
    const next = windows.next();
    failing.destroy(new Error('broken gzip'));
    await expect(next).rejects.toThrow('broken gzip');

    // Destroyed before its end (Ctrl-C): not taken for the end of the stream.
    const quiet = new PassThrough();
    const cut = new Windows(quiet);
    const waiting = cut.next();
    quiet.destroy();
    await expect(waiting).rejects.toThrow('Premature close');

    const whole = new PassThrough();
    const ended = new Windows(whole);
    whole.end(Buffer.from('x'));
    await expect(ended.next()).resolves.toMatchObject({ done: false });
    await expect(ended.next()).resolves.toEqual({ value: undefined, done: true });
  });
});

describe('feedSplitter over reused windows', () => {
  it('finds every header whole, as in one piece, however the windows cut them', async () => {
    const { bytes, offsets } = mbox(60);
    const whole = collectingSink();
    await feedSplitter(Readable.from([bytes]), { path: 'm' }, 'mbox', whole.sink, null);
    expect(whole.seen.map((s) => s.offset)).toEqual(offsets);

    for (const [size, largest] of [
      [97, 300],
      [512, 40],
      [4_096, 9_000],
    ] as const) {
      const input = new PassThrough();
      const windows = new Windows(input, false, size);
      windows.reuse(true);
      const feeding = trickle(input, bytes, largest);
      const cut = collectingSink();
      await feedSplitter(windows, { path: 'm' }, 'mbox', cut.sink, null);
      await feeding;
      expect(cut.seen, `windows of ${size} bytes`).toEqual(whole.seen);
    }
  });
});

describe('pipeWindows', () => {
  it('reads a pipe into its own buffer, in order, and a destroyed pipe stops a read that waits', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'p');
    execFileSync('mkfifo', [fifo]);
    const bytes = pattern(300_000);
    const { input: socket, windows } = pipeWindows(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
    windows.reuse(true);
    const writer = createWriteStream(fifo);
    writer.end(bytes);
    const got: Buffer[] = [];
    for await (const w of windows) got.push(Buffer.from(w));
    expect(Buffer.concat(got).equals(bytes)).toBe(true);
    socket.destroy();

    // A writer that stays open and silent (`tail -f`): destroying the socket (Ctrl-C) ends the wait.
    const fifo2 = join(dir, 'q');
    execFileSync('mkfifo', [fifo2]);
    const quiet = pipeWindows(openSync(fifo2, constants.O_RDONLY | constants.O_NONBLOCK));
    const stays = createWriteStream(fifo2);
    stays.write('From x');
    const first = await quiet.windows.next();
    expect(first.value?.toString()).toBe('From x');
    const waiting = quiet.windows.next();
    await tick();
    quiet.input.destroy();
    await expect(waiting).rejects.toThrow('Premature close');
    stays.destroy();
  });
});
