// renderHtml (explain --format html) without a browser: the policy's style hash, escaping, the closed
// set of tags and attributes, several reports, the users' view.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeMessage } from '../../src/analyze.js';
import { providerName } from '../../src/diagnose/providers/index.js';
import { createFixtureResolver } from '../../src/dns/fixture.js';
import { uiTexts } from '../../src/explain/index.js';
import type { HtmlElement } from '../../src/render/html.js';
import {
  escapeHtml,
  REPORT_CSP,
  REPORT_CSS,
  REPORT_CSS_HASH,
  renderHtml,
  serialize,
  viewFor,
} from '../../src/render/html.js';
import type { Report } from '../../src/report.js';
import { root } from './browser.js';

const sakura = analyzeMessage(readFileSync(`${root}samples/sakura-softfail.eml`), {
  lang: 'en',
  name: 'sakura-softfail.eml',
});
const pass = analyzeMessage(readFileSync(`${root}samples/sakura-fixed-pass.eml`), {
  lang: 'ja',
  name: 'sakura-fixed-pass.eml',
});
const xss = analyzeMessage(readFileSync(`${root}test/web/xss.eml`), { lang: 'en', name: 'xss.eml' });

const ALLOWED_TAGS = new Set(
  'html head meta title style body main article section header h1 h2 h3 p ol ul li dl dt dd div span strong code pre details summary button bdi'.split(
    ' ',
  ),
);

describe('renderHtml', () => {
  it('allows exactly its own stylesheet: the hash in the policy is the hash of REPORT_CSS', () => {
    const actual = `sha256-${createHash('sha256').update(REPORT_CSS, 'utf8').digest('base64')}`;
    // When REPORT_CSS changes, put this value in REPORT_CSS_HASH.
    expect(REPORT_CSS_HASH, `REPORT_CSS_HASH should be '${actual}'`).toBe(actual);
    const html = renderHtml(sakura);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toBe(
      `default-src 'none'; script-src 'none'; style-src '${actual}'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'`,
    );
  });

  it('shows the Sakura report: verdict, sending host, route, fix', () => {
    const html = renderHtml(sakura);
    expect(html).toContain('<span class="badge bad">NOT authenticated</span>');
    expect(html).toContain(
      `<strong class="sending-host"><bdi>www123.sakura.ne.jp</bdi> [<bdi>203.0.113.25</bdi>] (${providerName('sakura', 'en')})</strong>`,
    );
    expect(html).toContain('<li class="hop role-sending-host">');
    expect(html).toContain(
      '<code class="zone">example.com. 3600 IN TXT &quot;v=spf1 a:www123.sakura.ne.jp mx ~all&quot;</code>',
    );
    // No copy buttons in a file that runs no script.
    expect(html).not.toContain('<button');
  });

  it('escapes every header value and uses only its closed set of tags and attributes', () => {
    const html = renderHtml(xss);
    expect(html).not.toMatch(/<(?:script|img|iframe|svg|a|object|embed|link|base|form|input)[\s>]/i);
    expect(html.match(/<meta http-equiv=/gi)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;window.__pwned=&quot;script&quot;;alert(1)&lt;/script&gt;');
    for (const [, tag] of html.matchAll(/<([a-z0-9]+)[\s>]/gi))
      expect(ALLOWED_TAGS.has((tag ?? '').toLowerCase()), tag).toBe(true);
    const body = html.slice(html.indexOf('<body>'));
    for (const [, attr] of body.matchAll(/\s([a-z-]+)="/gi)) {
      expect(
        ['class', 'lang', 'role', 'title', 'open', 'aria-label', 'aria-hidden', 'data-copy', 'type'],
        attr,
      ).toContain(attr);
    }
    // Bidi overrides are shown, not obeyed; the 100 KB string is cut.
    expect(html).not.toContain('\u202e');
    expect(html).toContain('\\u202eTXT.exe');
    expect(html.length).toBeLessThan(80_000);
  });

  it('serialises text and attribute values escaped', () => {
    const tree: HtmlElement = {
      tag: 'p',
      attrs: { title: `"><script>x</script>'` },
      children: ['<b>&amp;</b>', '"'],
    };
    expect(serialize(tree)).toBe(
      '<p title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;">&lt;b&gt;&amp;amp;&lt;/b&gt;&quot;</p>',
    );
  });

  it('puts several reports in one file, each in its own language', () => {
    const html = renderHtml([sakura, pass]);
    expect(html.match(/<article /g)).toHaveLength(2);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<article class="report" lang="ja">');
    expect(html).toContain('<span class="badge ok">認証済み</span>');
  });

  it("shows users the verdict and their plain lines only (the report's forUser)", () => {
    expect(viewFor(sakura, 'admin')).toEqual({
      audience: 'admin',
      findings: sakura.findings,
      userLines: [],
      technical: true,
    });
    expect(sakura.forUser.length).toBeGreaterThan(0);
    expect(viewFor(sakura, 'user')).toEqual({
      audience: 'user',
      findings: [],
      userLines: sakura.forUser,
      technical: false,
    });
    const html = renderHtml(sakura, { audience: 'user' });
    expect(html.match(/<p><bdi>/g)).toHaveLength(sakura.forUser.length);
    for (const line of sakura.forUser) expect(html).toContain(`<p><bdi>${escapeHtml(line)}</bdi></p>`);
    expect(html).not.toContain('<li class="finding ');
    expect(html).not.toContain('v=spf1');
    expect(html).not.toContain('class="timeline"');
    // A report without plain lines (an older JSON report) falls back to its headline finding.
    const older = renderHtml({ ...sakura, forUser: [] }, { audience: 'user' });
    expect(older.match(/<li class="finding /g)).toHaveLength(1);
    expect(older).toContain(escapeHtml(sakura.findings[0]?.title ?? '?'));
  });

  it('shows the online part: the SPF trace of today and a fix verified against the sending IP', async () => {
    const resolver = createFixtureResolver({
      'example.com': {
        TXT: ['v=spf1 a:myaccount.sakura.ne.jp ~all'],
        MX: [{ exchange: 'www123.sakura.ne.jp', priority: 10 }],
      },
      'myaccount.sakura.ne.jp': { A: ['203.0.113.99'] },
      'www123.sakura.ne.jp': { A: ['203.0.113.25'] },
    });
    const report = await analyze(readFileSync(`${root}samples/sakura-softfail.eml`), {
      lang: 'en',
      online: { resolver },
    });
    expect(report.online?.spf?.today.result).toBe('softfail');
    const ui = uiTexts.en.labels;
    const html = renderHtml(report);
    expect(html).toContain(`<section class="today"><h3>${escapeHtml(ui.today)}</h3><pre>`);
    expect(html).toContain('a:myaccount.sakura.ne.jp');
    expect(report.fixes[0]?.verified).toBe(true);
    expect(html).toContain(`<span class="chip ok">${escapeHtml(ui.verified)}</span>`);
  });
});

describe('mailwhy explain --format html (the built CLI)', () => {
  const cli = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, ['bin/mailwhy.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
      timeout: 30_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('writes renderHtml of the very report --format json prints, one file for several messages', () => {
    const files = ['samples/sakura-softfail.eml', 'samples/sakura-fixed-pass.eml'];
    const html = cli(['--format', 'html', ...files]);
    const json = cli(['--format', 'json', ...files]);
    expect(html.stderr).toBe('');
    expect(html.status).toBe(json.status);
    expect(html.stdout).toBe(renderHtml(JSON.parse(json.stdout) as Report[]));
    expect(html.stdout.match(/<article /g)).toHaveLength(2);
    expect(html.stdout).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    const forUsers = cli(['--format', 'html', '--audience', 'user', '--lang', 'ja', files[0] as string]);
    const report = JSON.parse(cli(['--format', 'json', '--lang', 'ja', files[0] as string]).stdout) as Report;
    expect(forUsers.stdout).toBe(renderHtml(report, { audience: 'user' }));
    expect(forUsers.stdout).toContain('class="for-user"');
  });
});
