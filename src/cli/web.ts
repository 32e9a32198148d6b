/**
 * `mailwhy web`: serves the drag-and-drop page (dist/mailwhy.html, the same file that works from disk)
 * on 127.0.0.1. The server only hands out that one file; the analysis runs in the browser and the
 * page's Content-Security-Policy (sent as a header too) forbids it any request.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';

/** Where the built page lies relative to the running code: dist/cli.js, a dist/chunks/ file, or src/cli/web.ts. */
const PAGE_CANDIDATES = ['./mailwhy.html', '../mailwhy.html', '../../dist/mailwhy.html'];

export class PageMissingError extends Error {}

/** Reads the built page and the policy its meta tag declares. */
export async function loadPage(path?: string): Promise<{ html: Buffer; csp: string; path: string }> {
  const paths = path ? [path] : PAGE_CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url)));
  for (const p of paths) {
    let html: Buffer;
    try {
      html = await readFile(p);
    } catch {
      continue;
    }
    const csp = cspOf(html.toString('utf8'));
    if (!csp)
      throw new PageMissingError(`${p} carries no Content-Security-Policy: rebuild it with "npm run build"`);
    return { html, csp, path: p };
  }
  throw new PageMissingError('the page is not built (dist/mailwhy.html is missing): run "npm run build"');
}

/** The policy of the page's `<meta http-equiv="Content-Security-Policy">`, or null. */
export function cspOf(html: string): string | null {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/i.exec(html)?.[1] ?? null;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 (port 0: the system picks a free one). Requests whose Host is not
 * this loopback address are refused, so a web site cannot reach the server through DNS rebinding.
 */
export async function startWebServer(options: { port?: number; page?: string } = {}): Promise<WebServer> {
  const { html, csp } = await loadPage(options.page);
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    // frame-ancestors only works as a header: the page may not be framed by another site.
    'content-security-policy': `${csp}; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
  let port = 0;
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('mailwhy: wrong Host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('mailwhy: GET only\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/' && path !== '/index.html' && path !== '/mailwhy.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('mailwhy: not found\n');
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(html.length) });
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The platform's way to open a URL in the default browser. */
export function openerFor(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

function openBrowser(url: string): void {
  const { command, args } = openerFor(process.platform, url);
  const fail = (): void => {
    process.stderr.write(`mailwhy: could not start "${command}"; open ${url} in your browser\n`);
  };
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.once('error', fail);
    child.unref();
  } catch {
    fail();
  }
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new InvalidArgumentError('a port number from 0 to 65535 (0 = any free port)');
  return n;
}

export interface WebCommandHooks {
  /** Called with the running server (tests close it through this). */
  onListening?: (server: WebServer) => void;
  /** Opens a URL (default: the platform's opener). */
  open?: (url: string) => void;
}

export function webCommand(hooks: WebCommandHooks = {}): Command {
  return new Command('web')
    .description(
      'serve the drag-and-drop page on 127.0.0.1 (the analysis runs in your browser; nothing is uploaded)',
    )
    .option('--port <port>', 'port to listen on (0 = a free port, printed)', parsePort, 0)
    .option('--open', 'open the page in the default browser')
    .addHelpText(
      'after',
      `
Examples:
  mailwhy web                 serve the page and print its URL (Ctrl+C stops)
  mailwhy web --open          serve it and open it in your browser
  mailwhy web --port 8025     serve it on a fixed port

The page is also one file that works without a server: open dist/mailwhy.html from disk.`,
    )
    .action(async (opts: { port: number; open?: boolean }) => {
      let server: WebServer;
      try {
        server = await startWebServer({ port: opts.port });
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        const why = e.code === 'EADDRINUSE' ? `port ${opts.port} is in use` : e.message;
        process.stderr.write(`mailwhy: ${why}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`mailwhy: the page is at ${server.url} (Ctrl+C stops the server)\n`);
      hooks.onListening?.(server);
      if (opts.open) (hooks.open ?? openBrowser)(server.url);
    });
}
