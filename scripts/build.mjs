// Builds dist/: one bundled ES module for the CLI (fast start-up: one file to read, no module
// resolution), one for the library, and the .d.ts files of the public API.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });

// CommonJS dependencies bundled into an ES module call require(); give them one.
const banner = {
  js: "import { createRequire as __mailwhyCreateRequire } from 'node:module'; const require = __mailwhyCreateRequire(import.meta.url);",
};

await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli/main.ts',
    index: 'src/index.ts',
    'scan-worker': 'src/scan/worker.ts',
    'scan-thread': 'src/cli/scan-thread.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  banner,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
await import('./build-web.mjs'); // dist/mailwhy.html, the drag-and-drop page (fails on a Node built-in in the core)

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
