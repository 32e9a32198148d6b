/**
 * A batch: the header blocks of up to a few dozen messages in one buffer, sent to a worker in one
 * message (the buffer is transferred, not copied). Pure: the worker and the in-thread mode share it.
 */
import type { Tally } from './aggregate.js';
import { newTally, tallyRecord } from './aggregate.js';
import type { AnalyzeSettings, MessageRecord } from './record.js';
import { analyzeItem, errorRecord } from './record.js';
import { csvRow } from './render.js';
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
  /**
   * An output buffer the main thread has finished with (the lines of an earlier batch), sent back
   * for this batch's lines: the scan recycles a few buffers instead of allocating one per batch.
   */
  spareLines?: ArrayBuffer;
}

export interface BatchResult {
  id: number;
  /**
   * The batch's messages counted for the summary. Counted where they were analysed: the main thread
   * adds up one small tally per batch instead of receiving a record per message.
   */
  tally: Tally;
  /**
   * The JSON lines of the batch, UTF-8, or null when --jsonl is off. A view of a buffer that the
   * dispatcher hands back to a worker once the lines are delivered: valid during onResult only.
   */
  lines: Uint8Array | null;
  /** The CSV rows of the batch's messages inside --domain, UTF-8, or null when --csv is off. */
  csv: Uint8Array | null;
  /** The batch's buffer, handed back by a worker for the next batch (not set in-thread). */
  buffer?: ArrayBuffer;
}

const encoder = new TextEncoder();

export function errorLine(src: SourceRef, reason: string): string {
  return `${JSON.stringify({ source: src, error: reason })}\n`;
}

/**
 * Analyses a batch: its tally, its JSON lines and its CSV rows. The lines are written into the
 * buffer the dispatcher sent back with the batch (`spareLines`), else into a new one.
 */
export function processBatch(batch: Batch, settings: AnalyzeSettings): BatchResult {
  const tally = newTally();
  const out = settings.jsonl ? new LineBuffer(batch.spareLines) : null;
  let rows = '';
  for (const item of batch.items) {
    let record: MessageRecord;
    let line: string | null;
    if (item.error !== undefined) {
      record = errorRecord(item.src, item.error);
      line = errorLine(item.src, item.error);
    } else {
      ({ record, line } = analyzeItem(
        batch.bytes.subarray(item.start, item.end),
        item.src,
        { complete: item.complete, truncated: item.truncated },
        settings,
      ));
    }
    tallyRecord(tally, record, settings.failOn);
    if (settings.csv && record.matched) rows += csvRow(record);
    if (line !== null) out?.push(line);
  }
  return {
    id: batch.id,
    tally,
    lines: out ? out.bytes() : null,
    csv: settings.csv ? encoder.encode(rows) : null,
  };
}

/** The usual size of a batch's lines buffer: a batch of 64 reports takes about half of it. */
export const LINES_BUFFER = 1024 * 1024;

/**
 * UTF-8 bytes appended line by line with encodeInto. Each JSON line is encoded as soon as it is
 * made: a string kept for the whole batch would survive the young-generation collections of the
 * thread and be copied by each.
 */
class LineBuffer {
  private buf: Uint8Array;
  private used = 0;
  constructor(spare: ArrayBuffer | undefined) {
    this.buf = new Uint8Array(spare ?? new ArrayBuffer(LINES_BUFFER));
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
}
