/**
 * What standard input is, for reading it without Node's `process.stdin` stream (which only the main
 * thread has). Its own module: the main thread asks it before the scan thread starts, without
 * loading the readers.
 */
import { existsSync, fstatSync } from 'node:fs';

/** Standard input as a path that opens it again (Linux, macOS). */
export const STDIN_PATH = '/dev/stdin';

/** A redirected file, a pipe, or something else (a socket, a terminal, or a system without /dev/stdin). */
export function stdinKind(): 'file' | 'pipe' | 'other' {
  if (!existsSync(STDIN_PATH)) return 'other';
  try {
    const st = fstatSync(0);
    return st.isFile() ? 'file' : st.isFIFO() ? 'pipe' : 'other';
  } catch {
    return 'other';
  }
}
