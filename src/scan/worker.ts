/**
 * Worker thread entry (built to dist/scan-worker.js): analyses the batches the main thread sends.
 * The main thread only reads and splits bytes; all analysis runs here, on every core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Batch } from './batch.js';
import { processBatch } from './batch.js';
import type { AnalyzeSettings } from './record.js';

const settings = workerData as AnalyzeSettings;
const port = parentPort;
if (!port) throw new Error('scan-worker must run as a worker thread');

port.on('message', (batch: Batch) => {
  const result = processBatch(batch, settings);
  // The batch buffer goes back with the result, for the main thread to fill again; the lines are
  // written in the spare buffer the batch brought (when it brought one) and travel back in it.
  const buffer = batch.bytes.buffer as ArrayBuffer;
  result.buffer = buffer;
  const transfer = [buffer];
  if (result.lines) transfer.push(result.lines.buffer as ArrayBuffer);
  if (result.csv) transfer.push(result.csv.buffer as ArrayBuffer);
  port.postMessage(result, transfer);
});
