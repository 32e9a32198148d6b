/**
 * A stream read into a few reused windows. Each chunk the stream gives (a new buffer for every read of
 * a pipe, every piece a gunzip writes) is copied into a window as it arrives and dropped. Handed on as
 * they were, those buffers lived only a moment, but were freed only at the next collection, which the
 * small objects holding them rarely brought about: up to 30 MB of dead buffers at a time (a 1 GB
 * mailbox piped in peaked at 167-175 MB, against 144 MB for the file).
 *
 * A window handed out stays valid until the next call to next(): the consumer copies what it keeps
 * (the splitter copies each header into its batch; feedSplitter copies its carry) once `reuse(true)`
 * was called. Until then each window is new, for consumers that hold chunks (zlib, tar-stream).
 */
import { type OnReadOpts, Socket, type SocketConstructorOpts } from 'node:net';
import type { Readable } from 'node:stream';

/** The size of a window: a few pipe reads' worth, like the windows of a file read. */
export const WINDOW_BYTES = 1024 * 1024;

interface Filled {
  buf: Buffer;
  /** Where the bytes not handed out yet begin (after a part handed out while not reusing). */
  start: number;
  used: number;
}

export class Windows implements AsyncIterable<Buffer> {
  private readonly free: Buffer[] = [];
  private filling: Filled | null = null;
  private readonly full: Filled[] = [];
  /** The window the consumer holds until its next call. */
  private lent: Buffer | null = null;
  /** What did not fit when every window was taken: the stream is paused until a window is free. */
  private pending: Buffer | null = null;
  private ended = false;
  private failure: Error | null = null;
  private waiter: { resolve: (r: IteratorResult<Buffer>) => void; reject: (e: Error) => void } | null = null;
  private reusing = false;

  /**
   * @param chunksReused the input reads into one buffer of ours (onread) and calls take() itself;
   *   else its 'data' events are read.
   */
  constructor(
    private readonly input: Readable,
    chunksReused = false,
    private readonly size = WINDOW_BYTES,
    /** Full windows waiting for the consumer, at most: the stream pauses beyond (plus the one filling and the one lent). */
    private readonly max = 1,
  ) {
    if (!chunksReused) input.on('data', (chunk: Buffer) => this.take(chunk));
    input.on('end', () => {
      this.ended = true;
      this.wake();
    });
    input.on('error', (e: Error) => {
      this.failure = e;
      this.wake();
    });
    input.on('close', () => {
      // Destroyed before its end (Ctrl-C, a reader that left): an error, as a stream's own iterator
      // says, so that what was read is not taken for the whole (a zip spooled in part).
      if (this.ended || this.failure) return;
      this.failure = Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
      this.wake();
    });
  }

  /**
   * Whether windows are reused (each valid until the next call) or each one is new (valid for ever).
   * Turned on once nothing holds a window handed out before (peek copies what it sniffs).
   */
  reuse(on: boolean): void {
    this.reusing = on;
  }

  private window(): Buffer | null {
    if (this.full.length >= this.max) return null;
    return (this.reusing ? this.free.pop() : undefined) ?? Buffer.allocUnsafe(this.size);
  }

  /** Copies a chunk into the windows; false when the input was paused (no window left). */
  take(chunk: Buffer): boolean {
    let off = 0;
    while (off < chunk.length) {
      if (!this.filling) {
        const buf = this.window();
        if (!buf) {
          // A view, even of a buffer the input reads into again: the input is paused until it is taken.
          this.pending = chunk.subarray(off);
          this.input.pause();
          this.wake();
          return false;
        }
        this.filling = { buf, start: 0, used: 0 };
      }
      const f = this.filling;
      const n = Math.min(chunk.length - off, f.buf.length - f.used);
      chunk.copy(f.buf, f.used, off, off + n);
      f.used += n;
      off += n;
      if (f.used === f.buf.length) {
        this.full.push(f);
        this.filling = null;
      }
    }
    this.wake();
    return true;
  }

  /** Answers a waiting consumer with a full window, else whatever is filled, else the end. */
  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    const r = this.ready();
    if (r === null) return;
    this.waiter = null;
    if (r instanceof Error) w.reject(r);
    else w.resolve(r);
  }

  private ready(): IteratorResult<Buffer> | Error | null {
    let f = this.full.shift();
    if (!f && this.filling && this.filling.used > this.filling.start) {
      // The consumer waits and the stream is slower: hand over what there is. Not reusing, the rest
      // of the window goes on filling: the consumer keeps only the part it was given.
      f = this.filling;
      this.filling =
        !this.reusing && f.used < f.buf.length ? { buf: f.buf, start: f.used, used: f.used } : null;
    }
    if (f) {
      this.lent = this.reusing ? f.buf : null;
      return { value: f.buf.subarray(f.start, f.used), done: false };
    }
    if (this.failure) return this.failure;
    if (this.ended) return { value: undefined, done: true };
    return null;
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.lent) {
      this.free.push(this.lent);
      this.lent = null;
    }
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      this.take(p);
      if (!this.pending) this.input.resume();
    }
    const r = this.ready();
    if (r instanceof Error) return Promise.reject(r);
    if (r) return Promise.resolve(r);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return { next: () => this.next() };
  }
}

/**
 * A pipe read straight into a buffer of ours (net.Socket's `onread`) and copied into windows: no new
 * buffer for each read. The socket reads without blocking, so that destroying it (Ctrl-C) stops a read
 * that waits for the writer.
 */
export function pipeWindows(fd: number): { input: Socket; windows: Windows } {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  let windows: Windows | null = null;
  // `onread` is an option of the constructor (Node's net docs, since the fix of nodejs/node#53792);
  // the @types/node in use lists it for connect() only.
  const options: SocketConstructorOpts & { onread: OnReadOpts } = {
    fd,
    readable: true,
    onread: {
      buffer,
      // Returning false pauses the socket; Windows resumes it when a window is free.
      callback: (n: number, buf: Uint8Array) =>
        windows ? windows.take(Buffer.from(buf.buffer, buf.byteOffset, n)) : false,
    },
  };
  const socket = new Socket(options);
  windows = new Windows(socket, true);
  return { input: socket, windows };
}
