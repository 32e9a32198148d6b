// The page's build refuses Node built-ins: the proof that the analysis core runs in a browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './browser.js';

function buildPage(entry: string): { status: number | null; stderr: string; out: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'mailwhy-web-')), 'page.html');
  const r = spawnSync(process.execPath, ['scripts/build-web.mjs'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MAILWHY_WEB_ENTRY: entry, MAILWHY_WEB_OUT: out },
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr, out };
}

describe('the page build', () => {
  it('builds the real page', () => {
    const r = buildPage('web/page.ts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(r.out)).toBe(true);
  });

  it('fails when the Node reader (node:fs) reaches the browser bundle, naming the importer', () => {
    const r = buildPage('test/web/fixtures/leaky-page.ts');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Node built-in "node:fs/promises" imported by ./src/input/node.ts');
    // mailparser is why the page reads MIME with postal-mime: it needs Node streams.
    expect(r.stderr).toMatch(/Node built-in "node:stream" imported by \.\/node_modules\/mailparser\//);
    expect(existsSync(r.out)).toBe(false);
  });

  it('fails on a bare built-in name too ("path")', () => {
    const r = buildPage('test/web/fixtures/bare-builtin.ts');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Node built-in "path" imported by ./test/web/fixtures/bare-builtin.ts');
    expect(existsSync(r.out)).toBe(false);
  });
});
