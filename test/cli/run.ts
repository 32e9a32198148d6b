// Runs the built CLI as a user would: `node bin/mailwhy.js …`, with a clean environment.
import { spawn, spawnSync } from 'node:child_process';
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

/** The same, without blocking the event loop (for tests whose servers live in this process). */
export function runCliAsync(
  args: string[],
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'bin/mailwhy.js', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
