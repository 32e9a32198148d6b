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
}

const encoder = new TextEncoder();

export function errorLine(src: SourceRef, reason: string): string {
  return `${JSON.stringify({ source: src, error: reason })}\n`;
}

export function processBatch(batch: Batch, settings: AnalyzeSettings): BatchResult {
  const records: MessageRecord[] = [];
  let text = '';
  for (const item of batch.items) {
    if (item.error !== undefined) {
      records.push(errorRecord(item.src, item.error));
      if (settings.jsonl) text += errorLine(item.src, item.error);
      continue;
    }
    const { record, line } = analyzeItem(
      batch.bytes.subarray(item.start, item.end),
      item.src,
      { complete: item.complete, truncated: item.truncated },
      settings,
    );
    records.push(record);
    if (line !== null) text += line;
  }
  return { id: batch.id, records, lines: settings.jsonl ? encoder.encode(text) : null };
}
