import type { Report } from '../report.js';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** 128 + SIGPIPE: the program reading the output stopped (`mailwhy … | head`). */
export const EXIT_OUTPUT_CLOSED = 141;

/** A failed write's reason without Node's code prefix and call name: `no space left on device`. */
export function writeReason(e: NodeJS.ErrnoException): string {
  return e.message.replace(/^[A-Z0-9]+: /, '').replace(/, write$/, '');
}

/** Exit status as a pure function of the report: 1 when any finding is an error or a warning. */
export function exitCodeOf(report: Report): number {
  return report.findings.some((f) => f.severity === 'error' || f.severity === 'warning')
    ? EXIT.problems
    : EXIT.ok;
}
