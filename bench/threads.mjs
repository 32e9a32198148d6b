#!/usr/bin/env node
// CPU time by thread of one command (Linux: read from /proc/<pid>/task/*/stat while it runs). Shows
// where a scan's CPU goes: the main thread, each worker, and the threads Node starts for itself —
// V8's platform threads (garbage collection, TurboFan compilation) from the start, libuv's pool at
// the first file operation, then one thread per Worker. Threads are listed in the order they
// appeared; the biggest ones started after the others are the workers.
//
//   node bench/threads.mjs -- node bin/mailwhy.js scan --quiet --jobs 2 --jsonl /tmp/x.jsonl bench/data/takeout-8800.mbox
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const dash = process.argv.indexOf('--');
const command = dash >= 0 ? process.argv.slice(dash + 1) : process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node bench/threads.mjs -- <command> [args...]');
  process.exit(2);
}
const ticksPerSecond = 100; // USER_HZ on Linux

const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
const seen = new Map(); // tid → { order, ticks }
const started = performance.now();

function sample() {
  let tids;
  try {
    tids = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    let stat;
    try {
      stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const entry = seen.get(tid);
    if (entry) entry.ticks = ticks;
    else seen.set(tid, { order: seen.size, ticks, at: performance.now() - started });
  }
}

const timer = setInterval(sample, 20);
child.on('exit', (code) => {
  clearInterval(timer);
  const wall = (performance.now() - started) / 1000;
  const rows = [...seen.entries()].sort((a, b) => a[1].order - b[1].order);
  let total = 0;
  console.log(`${command.join(' ')}\nexit ${code}, ${wall.toFixed(2)} s wall (last sample before exit)\n`);
  console.log('thread     first seen   CPU s   role');
  for (const [tid, { ticks, at }] of rows) {
    const cpu = ticks / ticksPerSecond;
    total += cpu;
    const role = tid === String(child.pid) ? 'main thread' : '';
    console.log(
      `${tid.padEnd(10)} ${`${(at / 1000).toFixed(2)} s`.padStart(10)} ${cpu.toFixed(2).padStart(7)}   ${role}`,
    );
  }
  console.log(`${'total'.padEnd(21)} ${total.toFixed(2).padStart(7)} s CPU in ${wall.toFixed(2)} s`);
});
