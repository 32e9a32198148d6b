/**
 * What standard input is, for reading it without Node's `process.stdin` stream (which only the main
 * thread has). Its own module: the main thread asks it before the scan thread starts, without
 * loading the readers.
 */
import { existsSync, fstatSync, readFileSync } from 'node:fs';

/** Standard input as a path that opens it again (Linux, macOS). */
export const STDIN_PATH = '/dev/stdin';

/**
 * A redirected file, a pipe, or something else (a socket, a terminal, or a system without
 * /dev/stdin). A file already read into (`(head -n 5 >/dev/null; mailwhy scan -) < box.mbox`) is
 * something else: opened again it would be read from its start, not from where standard input is.
 */
export function stdinKind(): 'file' | 'pipe' | 'other' {
  if (!existsSync(STDIN_PATH)) return 'other';
  try {
    const st = fstatSync(0);
    if (st.isFile()) return stdinOffset() === 0 ? 'file' : 'other';
    return st.isFIFO() ? 'pipe' : 'other';
  } catch {
    return 'other';
  }
}

/** Where standard input stands in its file (Linux's /proc; 0 where it cannot be told). */
function stdinOffset(): number {
  try {
    return Number(/^pos:\s*(\d+)/m.exec(readFileSync('/proc/self/fdinfo/0', 'latin1'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
