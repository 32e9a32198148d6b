// Preloaded (NODE_OPTIONS=--import) by cli.test.ts to make the reading of an mbox stall: from its
// third read on, fs.read never calls back, on the thread named by MAILWHY_TEST_STALL ("scan": the
// scan thread, "main": the main thread with --jobs 0). A stall that nothing else keeps alive must
// end the scan with a message, not hang it.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread, workerData } from 'node:worker_threads';

const where = process.env.MAILWHY_TEST_STALL;
// The scan thread's workerData is the scan job (it has paths); the analysis workers get settings.
const here = where === 'main' ? isMainThread : !isMainThread && Array.isArray(workerData?.paths);
if (here) {
  const read = fs.read;
  let calls = 0;
  fs.read = (...args) => {
    calls++;
    if (calls < 3) read(...args);
  };
  syncBuiltinESMExports();
}
