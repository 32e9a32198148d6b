// Runs the built CLI as a user would: `node bin/mailwhy.js …`, with a clean environment.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root: string = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): CliResult {
  if (!existsSync(`${root}dist/cli.js`))
    throw new Error('dist/cli.js is missing: run "npm run build" (npm test does)');
  const r = spawnSync(process.execPath, ['bin/mailwhy.js', ...args], {
    cwd: root,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C', ...options.env },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
