// `mailwhy web`: the built page on 127.0.0.1 with the same policy as a header, nothing else served.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebServer } from '../../src/cli/web.js';
import { cspOf, openerFor, startWebServer, webCommand } from '../../src/cli/web.js';
import { launch, nextRender, openPage, pagePath, renders, root, shots } from './browser.js';

/** A raw request, so that the Host header can be set freely (fetch would not allow it). */
function get(
  port: number,
  path: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

let server: WebServer;
let browser: Browser;
beforeAll(async () => {
  server = await startWebServer({ port: 0 });
  browser = await launch();
});
afterAll(async () => {
  await server?.close();
  await browser?.close();
});

describe('mailwhy web', () => {
  it('serves the built page with its policy as a header, on loopback only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = readFileSync(pagePath);
    const r = await get(server.port, '/');
    expect(r.status).toBe(200);
    expect(r.body.equals(page)).toBe(true);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(
      `${cspOf(page.toString('utf8'))}; frame-ancestors 'none'`,
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect((await get(server.port, '/?x=1')).status).toBe(200);
    expect((await get(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
    const head = await get(server.port, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('serves nothing else, and refuses other hosts (DNS rebinding) and methods', async () => {
    for (const path of ['/favicon.ico', '/../package.json', '/dist/cli.js', '/%2e%2e/package.json']) {
      expect((await get(server.port, path)).status, path).toBe(404);
    }
    expect((await get(server.port, '/', { host: 'evil.example' })).status).toBe(421);
    expect((await get(server.port, '/', { host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await get(server.port, '/', { method: 'POST' })).status).toBe(405);
  });

  it('works in the browser over http: the Sakura sample, no other request', async () => {
    const { page, watch, close } = await openPage(browser);
    await page.goto(server.url);
    const before = await renders(page);
    await page.setInputFiles('#file', `${root}samples/sakura-softfail.eml`);
    await nextRender(page, before);
    await expect(page.locator('#reports .sending-host').textContent()).resolves.toContain(
      'www123.sakura.ne.jp',
    );
    await page.screenshot({ path: `${shots}page-http.png`, fullPage: true });
    expect(watch.requests).toEqual([server.url]);
    expect(watch.errors).toEqual([]);
    await close();
  });

  it('opens the browser the platform way', () => {
    const url = 'http://127.0.0.1:1234/';
    expect(openerFor('linux', url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerFor('darwin', url)).toEqual({ command: 'open', args: [url] });
    expect(openerFor('win32', url)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
  });

  it('runs as a command: prints the URL, --open opens it, a bad or busy port is a usage error', async () => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const errWrite = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const opened: string[] = [];
    let running: WebServer | undefined;
    try {
      await webCommand({ onListening: (s) => (running = s), open: (u) => opened.push(u) }).parseAsync(
        ['--open'],
        { from: 'user' },
      );
      expect(running).toBeDefined();
      if (!running) return;
      expect(out.join('')).toBe(`mailwhy: the page is at ${running.url} (Ctrl+C stops the server)\n`);
      expect(opened).toEqual([running.url]);
      expect((await get(running.port, '/')).status).toBe(200);

      // The port the suite's server holds is busy.
      const previous = process.exitCode;
      await webCommand().parseAsync(['--port', String(server.port)], { from: 'user' });
      expect(process.exitCode).toBe(2);
      process.exitCode = previous;
      expect(out.join('')).toContain(`mailwhy: port ${server.port} is in use`);

      const bad = webCommand()
        .exitOverride()
        .configureOutput({ writeErr: (s) => out.push(s) });
      await expect(bad.parseAsync(['--port', '99999'], { from: 'user' })).rejects.toMatchObject({
        code: 'commander.invalidArgument',
      });
      const help: string[] = [];
      webCommand()
        .configureOutput({ writeOut: (s) => help.push(s) })
        .outputHelp();
      expect(help.join('')).toContain('--port <port>');
      expect(help.join('')).toContain('mailwhy web --open');
    } finally {
      write.mockRestore();
      errWrite.mockRestore();
      await running?.close();
    }
  });

  it('is wired into the built CLI: "mailwhy web --help", and a bad port is bad usage (exit 2)', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/mailwhy.js', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', LANG: 'C' },
        timeout: 30_000,
      });
    const help = run(['web', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('mailwhy web --open');
    const bad = run(['web', '--port', '70000']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("option '--port <port>' argument '70000' is invalid");
  });
});
