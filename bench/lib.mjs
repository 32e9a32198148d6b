// Shared plumbing of the micro-benchmarks: command-line options, and a source tree's modules
// bundled with esbuild and imported (so that two checkouts can be measured in one process).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** `--name value` options and positional arguments of a bench script. */
export function cliArgs(argv = process.argv.slice(2)) {
  return {
    opt(name, fallback) {
      const i = argv.indexOf(name);
      return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
    },
    has: (name) => argv.includes(name),
    positional: argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1]?.startsWith('--'))),
  };
}

/**
 * Bundles `exports` (module path under srcDir → names) of one source tree for the browser, as the
 * page ships the core, and imports the bundle.
 */
export async function importFromSource(srcDir, exports) {
  const dir = mkdtempSync(join(tmpdir(), 'mailwhy-bench-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      Object.entries(exports)
        .map(([path, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(srcDir, path))};`)
        .join('\n'),
    );
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'warning',
    });
    const path = join(dir, 'bundle.mjs');
    writeFileSync(path, out.outputFiles[0].contents);
    return await import(pathToFileURL(path).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
