/**
 * The dispatcher: collects header blocks into batches, runs them on worker threads (or in this thread
 * with jobs = 0), and hands the results back in input order, so that the JSONL file and the summary
 * do not depend on which worker finished first. Bounded: at most `2 × jobs` batches in flight, and
 * the reader waits on `ready()` before reading more, so memory does not grow with the mailbox.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { REASON_PREFIX, withDetail } from '../explain/reasons.js';
import type { Batch, BatchItem, BatchResult } from './batch.js';
import { LINES_BUFFER, processBatch } from './batch.js';
import type { AnalyzeSettings } from './record.js';
import type { SourceRef } from './split.js';

/** Batches close at this many messages or bytes: big enough to amortise a postMessage, small enough to spread. */
const BATCH_MESSAGES = 64;
const BATCH_BYTES = 512 * 1024;
/** A batch buffer: the batch size plus room for the header that closes it (larger ones get their own). */
const BATCH_BUFFER = BATCH_BYTES + 64 * 1024;

/** A built entry (`scan-worker.js`, `scan-thread.js`), next to the CLI bundle or one level up from a split chunk. */
export function builtEntryUrl(file: string): URL | null {
  for (const rel of [`./${file}`, `../${file}`]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** The built worker entry. */
export function defaultWorkerUrl(): URL | null {
  return builtEntryUrl('scan-worker.js');
}

interface Slot {
  worker: Worker;
  /** Batches sent to this worker and not answered yet: their messages, should the worker die. */
  batches: Map<number, BatchItem[]>;
  /** Set once the worker died and its batches were answered with error records. */
  dead: boolean;
}

export interface DispatcherOptions {
  jobs: number;
  settings: AnalyzeSettings;
  workerUrl?: URL | null;
  onResult: (result: BatchResult) => void;
}

export class Dispatcher {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, (r: BatchResult) => void>();
  private readonly done = new Map<number, BatchResult>();
  private nextId = 0;
  private nextToDeliver = 0;
  private inFlight = 0;
  private readonly limit: number;
  private waiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private failure: Error | null = null;

  private buf: Uint8Array = new Uint8Array(BATCH_BUFFER);
  /** Batch buffers the workers handed back: the scan reuses a few instead of making one per batch. */
  private readonly spare: Uint8Array[] = [];
  /** Lines buffers already written out: each goes with a later batch, to hold that batch's lines. */
  private readonly spareLines: ArrayBuffer[] = [];
  private used = 0;
  private items: BatchItem[] = [];

  private workerUrl: URL | null = null;
  private closing = false;

  constructor(private readonly options: DispatcherOptions) {
    const jobs = Math.max(0, Math.floor(options.jobs));
    if (jobs > 0) {
      const url = options.workerUrl === undefined ? defaultWorkerUrl() : options.workerUrl;
      if (!url)
        throw new Error('the scan worker (scan-worker.js) was not found next to the program: run the build');
      this.workerUrl = url;
      for (let i = 0; i < jobs; i++) this.slots.push(this.spawn());
    }
    this.limit = Math.max(2, jobs * 2);
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerUrl as URL, {
      workerData: this.options.settings,
      resourceLimits: workerLimits(),
    });
    const slot: Slot = { worker, batches: new Map(), dead: false };
    worker.on('message', (r: BatchResult) => {
      slot.batches.delete(r.id);
      if (slot.batches.size === 0) worker.unref();
      if (r.buffer) {
        if (r.buffer.byteLength === BATCH_BUFFER) this.spare.push(new Uint8Array(r.buffer));
        delete r.buffer;
      }
      this.pending.get(r.id)?.(r);
    });
    worker.on('error', (e) => this.lost(slot, e.message));
    worker.on('exit', (code) => {
      if (!this.closing) this.lost(slot, `exited with status ${code}`);
    });
    // A worker keeps the thread alive only while it has batches: should the reading ever wait on
    // something that cannot come, the thread then ends (and says so) instead of waiting forever.
    // (After the listeners: adding a 'message' listener refs the worker again.)
    worker.unref();
    return slot;
  }

  /**
   * A worker died (out of memory on a pathological header, a bug): its batches become error
   * records at their positions, so nothing is lost silently, and a new worker takes its place.
   */
  private lost(slot: Slot, reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.closing) this.slots[index] = this.spawn();
    const error = withDetail(REASON_PREFIX.workerFailed, reason);
    for (const [id, items] of slot.batches) {
      // Counted here as the error records they now are (an entry refused before keeps its reason).
      const failed = items.map((item) => ({ ...item, error: item.error ?? error }));
      this.pending.get(id)?.(
        processBatch({ id, bytes: new Uint8Array(0), items: failed }, this.options.settings),
      );
    }
    slot.batches.clear();
    void slot.worker.terminate();
  }

  /** Adds a message's header block (copied: the caller's buffer is reused). */
  add(src: SourceRef, header: Uint8Array, complete: boolean, truncated: boolean): void {
    if (this.used + header.length > this.buf.length) {
      if (this.items.length > 0) this.flush();
      if (header.length > this.buf.length) this.buf = new Uint8Array(header.length);
    }
    this.buf.set(header, this.used);
    this.items.push({ src, start: this.used, end: this.used + header.length, complete, truncated });
    this.used += header.length;
    if (this.items.length >= BATCH_MESSAGES || this.used >= BATCH_BYTES) this.flush();
  }

  /** Adds an error in its place in the order of messages. */
  addError(src: SourceRef, reason: string): void {
    this.items.push({ src, start: 0, end: 0, complete: false, truncated: false, error: reason });
    if (this.items.length >= BATCH_MESSAGES) this.flush();
  }

  /** Resolves when another batch may be produced (null: right away, no promise to allocate). */
  ready(): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure);
    if (this.inFlight < this.limit) return null;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  flush(): void {
    if (this.items.length === 0) return;
    const batch: Batch = { id: this.nextId++, bytes: this.buf.subarray(0, this.used), items: this.items };
    this.items = [];
    this.used = 0;
    // The batch buffer goes to the worker (transferred): take one it gave back, or a new one.
    this.buf = this.spare.pop() ?? new Uint8Array(BATCH_BUFFER);
    this.run(batch);
  }

  private run(batch: Batch): void {
    this.inFlight++;
    const lines = this.options.settings.jsonl ? this.spareLines.pop() : undefined;
    if (lines) batch.spareLines = lines;
    const deliver = (r: BatchResult): void => {
      this.pending.delete(r.id);
      this.done.set(r.id, r);
      this.deliverInOrder();
    };
    if (this.slots.length === 0) {
      // In-thread mode: still asynchronous, so that the reader's loop and signals keep running.
      setImmediate(() => {
        try {
          deliver(processBatch(batch, this.options.settings));
        } catch (e) {
          this.fail(e as Error);
        }
      });
      return;
    }
    this.pending.set(batch.id, deliver);
    let slot = this.slots[0] as Slot;
    for (const s of this.slots) if (s.batches.size < slot.batches.size) slot = s;
    if (slot.batches.size === 0) slot.worker.ref();
    slot.batches.set(batch.id, batch.items);
    const transfer = [batch.bytes.buffer as ArrayBuffer];
    if (lines) transfer.push(lines);
    slot.worker.postMessage(batch, transfer);
  }

  private deliverInOrder(): void {
    for (;;) {
      const r = this.done.get(this.nextToDeliver);
      if (!r) break;
      this.done.delete(this.nextToDeliver);
      this.nextToDeliver++;
      this.inFlight--;
      this.options.onResult(r);
      // Written out by now (onResult's sinks copy or write what they keep): the buffer can be reused.
      const lines = r.lines;
      if (lines && lines.byteOffset === 0 && lines.buffer.byteLength === LINES_BUFFER)
        this.spareLines.push(lines.buffer as ArrayBuffer);
    }
    while (this.inFlight < this.limit && this.waiters.length > 0) this.waiters.shift()?.();
    if (this.inFlight === 0) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of idle) w();
    }
  }

  private fail(e: Error): void {
    this.failure = e;
    for (const w of this.waiters) w();
    this.waiters = [];
    for (const w of this.idleWaiters) w();
    this.idleWaiters = [];
  }

  /** Sends the open batch and waits until every batch has been delivered. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight > 0 && !this.failure)
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Worker heap limits. A worker holds one batch of headers and the reports being built from it: a
 * small young generation keeps each thread's resident memory low (the scan's RSS target is for the
 * whole process, whatever the number of workers). 2 MB gave 135–143 MB peak RSS on the 1 GB bench
 * against 144–149 MB with 4 MB, at the same speed; MAILWHY_SCAN_YOUNG_MB overrides it for measuring.
 */
function workerLimits(): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const young = Number(process.env.MAILWHY_SCAN_YOUNG_MB ?? '');
  return {
    maxYoungGenerationSizeMb: Number.isFinite(young) && young > 0 ? young : 2,
    maxOldGenerationSizeMb: 256,
  };
}
