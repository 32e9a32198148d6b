#!/usr/bin/env node
// Launcher only: everything lives in the built CLI.
import('../dist/cli.js').then(
  (cli) => cli.main(process.argv.slice(2)),
  (error) => {
    process.stderr.write(`mailwhy: cannot load dist/cli.js (run "npm run build" first): ${error.message}\n`);
    process.exitCode = 2;
  },
);
