// Builds dist/mailwhy.html: the drag-and-drop page as ONE self-contained file (inline script and
// style, no external request) that works from disk (file://) and offline. Run by scripts/build.mjs,
// or alone: `node scripts/build-web.mjs`.
//
// The bundle is built for the browser, and the build fails when a Node built-in (`node:fs`, bare
// `fs`, `path`…) is imported anywhere in the page's graph: that proves the analysis core is universal.
//
// MAILWHY_WEB_ENTRY and MAILWHY_WEB_OUT replace the entry and the output file; test/web/build.test.ts
// uses them to prove that a Node import in the page's graph fails the build.
//
// The Content-Security-Policy carries the SHA-256 of the inline script and of the inline style, so
// neither 'unsafe-inline' nor any network source is needed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

/** Refuses Node built-ins in the browser bundle, naming the importer so the leak is easy to find. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.startsWith('node:') ? args.path.slice(5) : args.path;
      if (
        !args.path.startsWith('node:') &&
        !NODE_BUILTINS.has(bare) &&
        !NODE_BUILTINS.has(bare.split('/')[0])
      ) {
        return undefined;
      }
      return {
        errors: [
          {
            text: `Node built-in "${args.path}" imported by ${args.importer.replace(root, '.')}: the page's code must run in a browser (keep node:* in src/input/node.ts, src/dns/node.ts, src/scan, src/cli)`,
          },
        ],
      };
    });
  },
};

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

async function bundle(entry, format) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: format === 'iife',
    legalComments: 'none',
    // ASCII output: no raw control or bidi character can sit in the inline script.
    charset: 'ascii',
    plugins: [noNodeBuiltins],
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

async function buildWeb() {
  let script;
  try {
    script = await bundle(process.env.MAILWHY_WEB_ENTRY || 'web/page.ts', 'iife');
  } catch (error) {
    // Every refused import with its location (esbuild's own message shows only the first few).
    const lines = (error.errors ?? []).map(
      (e) => `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`,
    );
    process.stderr.write(
      `build-web: the browser bundle failed\n${lines.length ? lines.join('\n') : error.message}\n`,
    );
    process.exit(1);
  }
  // Inside an inline <script>, "</script" would end the element and "<!--" / "<script" switch the
  // HTML parser into its escaped states. They occur only in string and regex literals (postal-mime's
  // HTML-to-text has /<!--/g), where "\x3C" means "<" too.
  script = script.trim();
  script = script.replace(/<(?=\/script|!--|script)/gi, '\\x3C');
  // esbuild leaves raw control characters in literals even with charset 'ascii'; escape them likewise.
  script = script.replace(
    /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );

  // The report's own stylesheet (src/render/html.ts) is the base of the page's: one look for both.
  const htmlModule = await bundle('src/render/html.ts', 'esm');
  const { REPORT_CSS } = await import(
    `data:text/javascript;base64,${Buffer.from(htmlModule).toString('base64')}`
  );
  const pageCss = readFileSync(join(root, 'web/page.css'), 'utf8');
  const style = (
    await transform(`${REPORT_CSS}\n${pageCss}`, { loader: 'css', minify: true, charset: 'utf8' })
  ).code.trim();

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    // Defence in depth: an HTML string can never reach innerHTML and the like (the page builds DOM
    // with createElement/textContent; this makes any slip a TypeError instead of markup).
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');

  const template = readFileSync(join(root, 'web/index.html'), 'utf8');
  for (const mark of ['<!--CSP-->', '/*STYLE*/', '/*SCRIPT*/']) {
    if (template.split(mark).length !== 2) throw new Error(`web/index.html must hold ${mark} exactly once`);
  }
  // Function replacers: "$&" and friends inside the bundle must not be read as patterns.
  const html = template
    .replace('<!--CSP-->', () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace('/*STYLE*/', () => style)
    .replace('/*SCRIPT*/', () => script);

  const out = process.env.MAILWHY_WEB_OUT || join(root, 'dist/mailwhy.html');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  const raw = Buffer.byteLength(html);
  const gz = gzipSync(html, { level: 9 }).length;
  return { raw, gzip: gz, out };
}

const { raw, gzip, out } = await buildWeb();
process.stdout.write(
  `${out.replace(`${root}/`, '')}: ${(raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip\n`,
);
