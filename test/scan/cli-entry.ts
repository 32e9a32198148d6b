// A stand-in for the built CLI, used by cli.test.ts only while dist/cli.js has no `scan` command
// (src/cli/main.ts registers it with program.addCommand(scanCommand())). It handles commander's
// errors as main() does: help → 0, usage → 2.
import { Command } from 'commander';
import { scanCommand } from '../../src/cli/scan.js';

const program = new Command('mailwhy').exitOverride();
program.addCommand(scanCommand());
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'commander.helpDisplayed' || code === 'commander.help') process.exitCode = 0;
  else if (code.startsWith('commander.')) process.exitCode = 2;
  else throw error;
}
