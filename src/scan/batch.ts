/**
 * A batch: the header blocks of up to a few dozen messages in one buffer, sent to a worker in one
 * message (the buffer is transferred, not copied). Pure: the worker and the in-thread mode share it.
 */
import type { AnalyzeSettings, MessageRecord } from './record.js';
import { analyzeItem, errorRecord } from './record.js';
import type { SourceRef } from './split.js';

export interface BatchItem {
  src: SourceRef;
  /** Header bytes in the batch buffer: [start, end). */
  start: number;
  end: number;
  complete: boolean;
  truncated: boolean;
  /** Set for items that are already errors (refused archive entries…): kept in the batch to keep order. */
  error?: string;
}

export interface Batch {
  id: number;
  bytes: Uint8Array;
  items: BatchItem[];
}

export interface BatchResult {
  id: number;
  records: MessageRecord[];
  /** The JSON lines of the batch, UTF-8, or null when --jsonl is off. */
  lines: Uint8Array | null;
  /** The batch's buffer, handed back by a worker for the next batch (not set in-thread). */
  buffer?: ArrayBuffer;
}

const encoder = new TextEncoder();

export function errorLine(src: SourceRef, reason: string): string {
  return `${JSON.stringify({ source: src, error: reason })}\n`;
}

export function processBatch(batch: Batch, settings: AnalyzeSettings): BatchResult {
  const records: MessageRecord[] = [];
  const out = settings.jsonl ? lineBuffer : null;
  out?.reset();
  for (const item of batch.items) {
    if (item.error !== undefined) {
      records.push(errorRecord(item.src, item.error));
      out?.push(errorLine(item.src, item.error));
      continue;
    }
    const { record, line } = analyzeItem(
      batch.bytes.subarray(item.start, item.end),
      item.src,
      { complete: item.complete, truncated: item.truncated },
      settings,
    );
    records.push(record);
    if (line !== null) out?.push(line);
  }
  // A copy of exactly the bytes written: it is transferred to the main thread, and the buffer stays
  // here for the next batch.
  const lines = out ? out.bytes().slice() : null;
  out?.shrink();
  return { id: batch.id, records, lines };
}

/**
 * UTF-8 bytes appended line by line with encodeInto. Each JSON line is encoded as soon as it is
 * made: a string kept for the whole batch would survive the young-generation collections of the
 * thread and be copied by each. One buffer per thread, reused (processBatch runs to completion).
 */
class LineBuffer {
  private buf = new Uint8Array(1024 * 1024);
  private used = 0;
  reset(): void {
    this.used = 0;
  }
  push(line: string): void {
    // A UTF-16 code unit becomes at most 3 bytes of UTF-8.
    const need = this.used + line.length * 3;
    if (need > this.buf.length) {
      const bigger = new Uint8Array(Math.max(need, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, this.used));
      this.buf = bigger;
    }
    this.used += encoder.encodeInto(line, this.buf.subarray(this.used)).written;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.used);
  }
  /** After a batch of unusually large reports: back to the usual size. */
  shrink(): void {
    if (this.buf.length > 4 * 1024 * 1024) this.buf = new Uint8Array(1024 * 1024);
  }
}

const lineBuffer = new LineBuffer();
