// `mailwhy scan` as a user runs it: the built CLI (npm test builds first), worker threads included.
// MAILWHY_TEST_CLI may point at another built entry with the same `scan` command.
// The Ctrl-C test feeds a pipe and waits for the first JSON lines: a slow machine only makes it wait.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { scanCatalogs } from '../../src/explain/scan.js';
import type { ScanSummary } from '../../src/scan/index.js';
import { fromLine, generate, mbox, message, repoRoot, tempDir, zip } from './helpers.js';

const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' };

/**
 * The program under test: the built CLI (bin/mailwhy.js → dist/cli.js) when it has the scan command;
 * until src/cli/main.ts registers it, the same command bundled here from test/scan/cli-entry.ts with
 * the same build settings (its own scan-worker.js beside it).
 */
function findCli(): string {
  if (process.env.MAILWHY_TEST_CLI) return process.env.MAILWHY_TEST_CLI;
  if (!existsSync(join(repoRoot, 'dist/cli.js')))
    throw new Error('dist/cli.js is missing: run "npm run build" (npm test does)');
  const bin = join(repoRoot, 'bin/mailwhy.js');
  const probe = spawnSync(process.execPath, [bin, 'scan', '--help'], { encoding: 'utf8', env });
  if (probe.status === 0 && probe.stdout.includes('--fail-on')) return bin;
  const out = join(tempDir(), 'cli');
  buildSync({
    absWorkingDir: repoRoot,
    entryPoints: { cli: 'test/scan/cli-entry.ts', 'scan-worker': 'src/scan/worker.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire as __mailwhyCreateRequire } from 'node:module'; const require = __mailwhyCreateRequire(import.meta.url);",
    },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  return join(out, 'cli.js');
}

let cliPath: string | null = null;
function cli(): string {
  cliPath ??= findCli();
  return cliPath;
}

function run(
  args: string[],
  input?: Buffer | string,
  extraEnv: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli(), 'scan', ...args], {
    cwd: repoRoot,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...env, ...extraEnv },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The Japanese wording of REASON.notMailInput (src/explain/reasons.ts). */
const scanReasonJa = 'メールボックス、メール、それらのアーカイブのどれでもありません';

describe('mailwhy scan (the built CLI)', () => {
  const dir = tempDir();
  const file = join(dir, 'takeout.mbox');
  const truth = generate(['--messages', '150', '--seed', '11', '--out', file], join(dir, 'truth.jsonl'));

  it('runs on worker threads (--jobs 2): same records, in input order, as in one thread', () => {
    const out2 = join(dir, 'j2.jsonl');
    const out0 = join(dir, 'j0.jsonl');
    const csv = join(dir, 'j2.csv');
    const a = run(['--jobs', '2', '--format', 'json', '--jsonl', out2, '--csv', csv, file]);
    const b = run(['--jobs', '0', '--format', 'json', '--jsonl', out0, file]);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(1); // the generator writes softfails: problems found under --fail-on softfail
    const sa = JSON.parse(a.stdout) as ScanSummary;
    const sb = JSON.parse(b.stdout) as ScanSummary;
    expect(sa.read).toBe(150);
    expect(sa.read).toBe(sa.reported + sa.errored);
    expect({ ...sa, seconds: 0 }).toEqual({ ...sb, seconds: 0 });
    expect(readFileSync(out2, 'utf8')).toBe(readFileSync(out0, 'utf8'));
    const lines = readFileSync(out2, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(150);
    lines.forEach((l, i) => {
      const r = JSON.parse(l) as {
        source: { offset: number };
        report: { verdicts: { spf: { result: string } | null } };
      };
      expect(r.source.offset).toBe(truth[i]?.offset);
      expect(r.report.verdicts.spf?.result ?? null).toBe(truth[i]?.spf);
    });
    expect(readFileSync(csv, 'utf8').trim().split('\r\n')).toHaveLength(151);
  });

  it('reads standard input: a gzip’d mbox, and a zip (spooled to a temporary file)', () => {
    const gzipped = gzipSync(readFileSync(file));
    const gz = run(['--format', 'json', '--fail-on', 'none', '-'], gzipped);
    expect(gz.status).toBe(0);
    expect((JSON.parse(gz.stdout) as ScanSummary).read).toBe(150);
    // The same as a file, read into one buffer again and again: several reads' worth.
    expect(gzipped.length).toBeGreaterThan(3 * 1024 * 1024);
    const gzFile = join(dir, 'takeout.mbox.gz');
    writeFileSync(gzFile, gzipped);
    const fromGz = join(dir, 'gz.jsonl');
    const plain = join(dir, 'plain.jsonl');
    run(['--quiet', '--jsonl', fromGz, gzFile]);
    run(['--quiet', '--jsonl', plain, file]);
    const reports = (out: string) =>
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => {
          const { source, report } = JSON.parse(l);
          return { offset: source.offset, verdicts: report.verdicts, findings: report.findings };
        });
    expect(reports(fromGz)).toEqual(reports(plain));
    const z = zip([
      { name: 'a.mbox', data: mbox(3).bytes, method: 'deflate' },
      { name: '../b.eml', data: Buffer.from('Subject: x\n\n') },
    ]);
    const zr = run(['--format', 'json', '-'], z);
    const s = JSON.parse(zr.stdout) as ScanSummary;
    expect([s.read, s.reported, s.errored]).toEqual([4, 3, 1]);
    expect(s.errors[0]?.source).toEqual({ path: '-', entry: '../b.eml', index: 0 });
    expect(zr.status).toBe(1);
    // The bytes read from standard input, once: not again when the spooled copy is read.
    expect(s.bytes).toBe(z.length);
  });

  it('reads standard input that is a pipe or a redirected file as it reads the file: the same records', async () => {
    // Both are read on the scan thread, a pipe through windows reused from read to read: every header
    // that straddles two windows must come out whole.
    const lines = (out: string): string[] => readFileSync(out, 'utf8').trim().split('\n');
    const named = join(dir, 'named.jsonl');
    run(['--jsonl', named, file]);
    const shell = (name: string, command: string): string[] => {
      const out = join(dir, `${name}.jsonl`);
      const r = spawnSync('sh', ['-c', command, 'sh', file, process.execPath, cli(), out], {
        cwd: repoRoot,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      return lines(out);
    };
    const piped = shell('piped', 'cat "$1" | "$2" "$3" scan --quiet --jsonl "$4" -');
    // Named twice, standard input is still read once (a redirected file is opened again to be read).
    const redirected = shell('redirected', '"$2" "$3" scan --quiet --jsonl "$4" - - < "$1"');
    expect(piped).toHaveLength(150);
    expect(piped).toEqual(redirected);
    // A writer slower than the reader, in uneven pieces: the reader often waits with a window free.
    const slowOut = join(dir, 'slow.jsonl');
    const fifo = join(dir, 'slow.fifo');
    execFileSync('mkfifo', [fifo]);
    const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const child = spawn(process.execPath, [cli(), 'scan', '--quiet', '--jsonl', slowOut, '-'], {
      cwd: repoRoot,
      env,
      stdio: [readEnd, 'ignore', 'pipe'],
    });
    closeSync(readEnd);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const writer = createWriteStream(fifo);
    const bytes = readFileSync(file);
    for (let at = 0, n = 1; at < bytes.length; n++) {
      const piece = bytes.subarray(at, at + 7_000 + ((n * 7_919) % 90_000));
      at += piece.length;
      if (!writer.write(piece)) await new Promise<void>((r) => writer.once('drain', () => r()));
      await new Promise((r) => setTimeout(r, 1));
    }
    await new Promise<void>((r) => writer.end(r));
    expect(await exited).toBe(1);
    expect(stderr).toBe('');
    expect(lines(slowOut)).toEqual(piped);
    expect(piped.map((l) => JSON.parse(l).source)).toEqual(
      truth.map((t, i) => ({ path: '-', index: i + 1, offset: t.offset })),
    );
    // Standard input already read into: from where it stands, not from the start of the file.
    const at = openSync(file, 'r');
    const skipped = truth[10]?.offset ?? 0;
    readSync(at, Buffer.alloc(skipped), 0, skipped, null);
    const rest = spawnSync(process.execPath, [cli(), 'scan', '--format', 'json', '-'], {
      cwd: repoRoot,
      env,
      stdio: [at, 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    closeSync(at);
    expect((JSON.parse(rest.stdout) as ScanSummary).read).toBe(140);
    // The same reports as for the named file, but for the name.
    const report = (l: string) => {
      const { verdicts, findings, fixes, sendingHost } = JSON.parse(l).report;
      return { verdicts, findings, fixes, sendingHost };
    };
    expect(piped.map(report)).toEqual(lines(named).map(report));
  });

  it('exit status 2 for an unreadable input or bad usage; text summary in Japanese with --lang ja', () => {
    const missing = run([join(dir, 'nope.mbox')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.mbox: no such file/);
    expect(run(['--fail-on', 'sometimes', file]).status).toBe(2);
    expect(run(['--jobs', '-1', file]).status).toBe(2);
    const ja = run(['--lang', 'ja', '--fail-on', 'none', '--quiet', file]);
    expect(ja.status).toBe(0);
    expect(ja.stdout).toContain('読み込み 150 通 = 解析 150 通 + エラー 0 通');
    expect(ja.stdout).toContain('主な原因と修正');
    const help = run(['--help']);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--fail-on');
  });

  it('an input that is not mail among others: its line on stderr, the summary of the others, status 2', () => {
    const junk = join(dir, 'notes.bin');
    writeFileSync(junk, Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x00]));
    const line = `mailwhy scan: ${junk}: not a mailbox, a message or an archive of them\n`;
    const mixed = run(['--quiet', '--format', 'json', '--fail-on', 'none', junk, file]);
    expect(mixed.stderr).toBe(line);
    expect(mixed.status).toBe(2);
    const s = JSON.parse(mixed.stdout) as ScanSummary;
    expect(s.read).toBe(150);
    expect(s.unreadable).toEqual([{ path: junk, reason: 'not a mailbox, a message or an archive of them' }]);
    // Alone, it is only its line, as before.
    const alone = run(['--quiet', junk]);
    expect([alone.status, alone.stdout, alone.stderr]).toEqual([2, '', line]);
    // In the language of the summary, on its own and among others; the JSON keeps the English reason.
    const ja = `mailwhy scan: ${junk}: ${scanReasonJa}\n`;
    expect(run(['--quiet', '--lang', 'ja', junk]).stderr).toBe(ja);
    const mixedJa = run(['--quiet', '--lang', 'ja', '--format', 'json', '--fail-on', 'none', junk, file]);
    expect(mixedJa.stderr).toBe(ja);
    expect((JSON.parse(mixedJa.stdout) as ScanSummary).unreadable[0]?.reason).toBe(
      'not a mailbox, a message or an archive of them',
    );
    expect(run(['--quiet', '--lang', 'ja', join(dir, 'nope.mbox')]).stderr).toBe(
      `mailwhy scan: ${join(dir, 'nope.mbox')}: ファイルもフォルダーもありません\n`,
    );
  });

  it('never reads or empties its own outputs: an output that is an input is refused, one inside the folder is skipped', () => {
    const box = join(dir, 'keep.mbox');
    writeFileSync(box, readFileSync(file));
    const before = readFileSync(box);
    const refused = run(['--quiet', '--jsonl', box, box]);
    expect(refused.stderr).toBe(
      `mailwhy scan: --jsonl ${box} is also an input: writing it would empty it first\n`,
    );
    expect(refused.status).toBe(2);
    expect(readFileSync(box).equals(before)).toBe(true);
    for (const [a, b] of [
      [join(dir, 'both.out'), join(dir, 'both.out')],
      ['-', '-'],
    ]) {
      const both = run(['--quiet', '--jsonl', a as string, '--csv', b as string, file]);
      expect(both.stderr).toMatch(/^mailwhy scan: --jsonl and --csv both name .*: give each its own file\n$/);
      expect(both.status).toBe(2);
    }

    // Outputs written into the folder being scanned, standard output included.
    const folder = join(dir, 'with-outputs');
    mkdirSync(folder);
    for (let i = 1; i <= 3; i++) writeFileSync(join(folder, `m${i}.eml`), message(i));
    const summaryFile = join(folder, 'summary.json');
    const out = openSync(summaryFile, 'w');
    try {
      const r = spawnSync(
        process.execPath,
        [
          cli(),
          'scan',
          '--quiet',
          '--format',
          'json',
          '--jsonl',
          join(folder, 'out.jsonl'),
          '--csv',
          join(folder, 'out.csv'),
          folder,
        ],
        { cwd: repoRoot, env, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      closeSync(out);
    }
    const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as ScanSummary;
    expect(s.read).toBe(3);
    expect(s.skipped).toEqual(
      ['out.csv', 'out.jsonl', 'summary.json'].map((f) => ({
        path: join(folder, f),
        reason: "this scan's own output",
      })),
    );
    expect(readFileSync(join(folder, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('an endless input that is not mail is refused at once, not read to its end', () => {
    // /dev/zero never ends; nor does `<(yes | gzip)`. Each is named as not mail after its first bytes.
    const devices = run(['--quiet', '--format', 'json', '--fail-on', 'none', '/dev/zero', file]);
    expect(devices.stderr).toBe('mailwhy scan: /dev/zero: not a mailbox, a message or an archive of them\n');
    expect(devices.status).toBe(2);
    expect((JSON.parse(devices.stdout) as ScanSummary).read).toBe(150);
    const piped = spawnSync(
      'bash',
      ['--norc', '--noprofile', '-c', `"${process.execPath}" "${cli()}" scan --quiet <(yes | gzip)`],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env,
        timeout: 30_000,
      },
    );
    expect(piped.stderr).toMatch(
      /^mailwhy scan: \/dev\/fd\/\d+: not a mailbox, a message or an archive of them\n$/,
    );
    expect(piped.status).toBe(2);
  });

  it('--domain audits one domain; --fail-on fail ignores softfails', () => {
    const s = JSON.parse(run(['--format', 'json', file]).stdout) as ScanSummary;
    const top = s.byFromDomain[0]?.key as string;
    const one = JSON.parse(run(['--format', 'json', '--domain', top, file]).stdout) as ScanSummary;
    expect(one.read).toBe(150);
    expect(one.matched).toBeGreaterThan(0);
    expect(one.matched).toBeLessThan(150);
    expect(one.byFromDomain.every((g) => g.key === top || g.key.endsWith(`.${top}`) || one.matched > 0)).toBe(
      true,
    );
    const soft = mbox(3, '\n', () => 'softfail').bytes;
    expect(run(['--fail-on', 'fail', '-'], soft).status).toBe(0);
    expect(run(['--fail-on', 'softfail', '-'], soft).status).toBe(1);
  });

  /**
   * Starts `scan --format json --jsonl OUT input…`, lets `feed` put the first 130 messages in and
   * keep its pipe open, presses Ctrl-C once 64 reports are out, and checks the summary so far: the
   * exit status, nothing lost, and where it stopped (the last message's byte offset).
   */
  async function interrupted(
    name: string,
    args: string[],
    feed: (bytes: Buffer, stdin: NodeJS.WritableStream | null) => () => void,
  ): Promise<ScanSummary> {
    const out = join(dir, `${name}.jsonl`);
    const child = spawn(process.execPath, [cli(), 'scan', '--format', 'json', '--jsonl', out, ...args], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const done = feed(readFileSync(file).subarray(0, truth[130]?.offset), child.stdin);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const lines = existsSync(out) ? readFileSync(out, 'utf8').split('\n').length - 1 : 0;
      if (lines >= 64) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    done();
    expect(stderr).toBe('');
    expect(status).toBe(130);
    const s = JSON.parse(stdout) as ScanSummary;
    expect(s.interrupted).not.toBeNull();
    expect(s.read).toBe(s.reported + s.errored);
    expect(s.read).toBeGreaterThanOrEqual(64);
    expect(s.read).toBeLessThanOrEqual(130);
    expect(s.interrupted?.at?.offset).toBe(truth[s.read - 1]?.offset);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(s.read);
    return s;
  }

  it('Ctrl-C prints the summary so far and where it stopped', async () => {
    const s = await interrupted('sigint', ['--jobs', '2', '-'], (bytes, stdin) => {
      stdin?.write(bytes);
      return () => stdin?.end();
    });
    expect(s.interrupted?.at?.path).toBe('-');
  });

  it('reads a named pipe (`scan <(zcat box.gz)`) on the scan thread, and Ctrl-C there prints the summary so far', async () => {
    // A file argument is read on the scan thread (dist/scan-thread.js), not on the main thread.
    expect(existsSync(join(repoRoot, 'dist/scan-thread.js'))).toBe(true);
    const fifo = join(dir, 'pipe.mbox');
    execFileSync('mkfifo', [fifo]);
    const s = await interrupted('fifo', [fifo], (bytes) => {
      const writer = createWriteStream(fifo);
      writer.write(bytes);
      return () => writer.destroy();
    });
    expect(s.interrupted?.at?.path).toBe(fifo);
  });

  it('Ctrl-C inside a .tgz read from a pipe: the summary so far, and no error for the archive', async () => {
    // Ctrl-C closes the pipe under the archive: that is not an unreadable archive (before, the summary
    // counted an error "tar archive unreadable: Premature close").
    const fifo = join(dir, 'takeout.tgz');
    execFileSync('mkfifo', [fifo]);
    const name = 'Takeout/Mail/All mail Including Spam and Trash.mbox';
    const s = await interrupted('tgz', [fifo], (bytes) => {
      const writer = createWriteStream(fifo);
      const pack = tar.pack();
      const gzip = createGzip();
      pack.pipe(gzip);
      gzip.on('data', (c: Buffer) => writer.write(c));
      // The entry declares the whole mailbox and gets its first 130 messages: the scan reads them
      // and waits inside the entry for the rest.
      pack.entry({ name, size: statSync(file).size }).write(bytes);
      const flushing = setInterval(() => gzip.flush(), 50);
      return () => {
        clearInterval(flushing);
        pack.destroy();
        gzip.destroy();
        writer.destroy();
      };
    });
    expect(s.interrupted?.at).toMatchObject({ path: fifo, entry: name });
    expect(s.errored).toBe(0);
  });

  it('Ctrl-C while a .tgz file is read prints the summary so far (tar-stream left mid-entry)', async () => {
    // A file, not a pipe: nothing closes under the archive, and the entry left unread used to hold
    // tar-stream: the scan thread ran out of work and said "the reading stopped before the end".
    const name = 'Takeout/Mail/All mail Including Spam and Trash.mbox';
    const big = Buffer.concat(Array.from({ length: 6 }, () => readFileSync(file)));
    const tgz = join(dir, 'big.tgz');
    const pack = tar.pack();
    const writing = pipeline(pack, createGzip({ level: 1 }), createWriteStream(tgz));
    pack.entry({ name, size: big.length }, big);
    pack.finalize();
    await writing;
    const out = join(dir, 'big-tgz.jsonl');
    const child = spawn(process.execPath, [cli(), 'scan', '--format', 'json', '--jsonl', out, tgz], {
      cwd: repoRoot,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (!existsSync(out) || readFileSync(out, 'utf8').split('\n').length < 65))
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toBe('');
    const s = JSON.parse(stdout) as ScanSummary;
    expect(s.read).toBeLessThan(900);
    expect([s.read, s.errored]).toEqual([s.reported, 0]);
    expect(s.interrupted?.at).toMatchObject({ path: tgz, entry: name });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(s.read);
  });

  it('--jsonl - waits for a slow reader, and stops quietly (status 141) when the reader goes away', async () => {
    const start = () =>
      spawn(process.execPath, [cli(), 'scan', '--quiet', '--jsonl', '-', file], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const closed = (child: ReturnType<typeof start>) =>
      new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // A reader that takes a break: the pipe fills (a non-blocking write would fail with EAGAIN).
    const slow = start();
    let text = '';
    let stderr = '';
    slow.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    slow.stdout.pause();
    await new Promise((r) => setTimeout(r, 1500));
    slow.stdout.on('data', (c: Buffer) => {
      text += c.toString();
    });
    slow.stdout.resume();
    expect(await closed(slow)).toBe(1);
    expect(text.trim().split('\n')).toHaveLength(150);
    expect(stderr).toMatch(/^mailwhy scan: 150 messages read/);
    // A reader that stops after the first line (`| head -1`).
    const cut = start();
    let cutErr = '';
    cut.stderr.on('data', (c: Buffer) => {
      cutErr += c.toString();
    });
    cut.stdout.once('data', () => cut.stdout.destroy());
    expect(await closed(cut)).toBe(141);
    expect(cutErr).toBe('');
  });

  it('an output that cannot be written (a full disk): one line with the file and the reason, status 2', () => {
    // /dev/full answers every write with ENOSPC, as a full disk does.
    for (const args of [
      ['--jsonl', '/dev/full'],
      ['--jobs', '0', '--csv', '/dev/full'],
    ]) {
      const r = run(['--quiet', ...args, file]);
      expect(r.stderr).toBe('mailwhy scan: cannot write /dev/full: no space left on device\n');
      expect(r.status).toBe(2);
    }
  });

  it('the scan thread out of memory: one line that says what to do, status 2', () => {
    const r = run(['--quiet', file], undefined, { MAILWHY_SCAN_THREAD_OLD_MB: '4' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'mailwhy scan: the scan thread ran out of its 4 MB (the summary keeps every distinct sender); run with --jobs 0 to scan on the main thread, without that limit\n',
    );
  });

  it('a reading that stalls (a bug) ends with one line and status 2, on the scan thread and on the main thread', () => {
    const hook = join(repoRoot, 'test/scan/stall-hook.mjs');
    for (const [where, args] of [
      ['scan', ['--quiet', file]],
      ['main', ['--quiet', '--jobs', '0', file]],
    ] as const) {
      const r = run([...args], undefined, { NODE_OPTIONS: `--import ${hook}`, MAILWHY_TEST_STALL: where });
      expect(r.stderr).toBe(
        'mailwhy scan: internal error: the reading stopped before the end (please report it)\n',
      );
      expect(r.status).toBe(2);
    }
  });

  it('a text summary with the groups, the causes and their fixes', () => {
    const soft = join(dir, 'sakura.mbox');
    writeFileSync(soft, mbox(5, '\n', (n) => (n % 2 ? 'softfail' : 'pass')).bytes);
    const r = run(['--quiet', soft]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/5 messages read = 5 reported \+ 0 errors/);
    expect(r.stdout).toContain('By From domain');
    expect(r.stdout).toContain('example.com');
    expect(r.stdout).toContain('SPF    softfail 3 · pass 2');
    // Five messages of one day: the day once, not "2024-01-01 … 2024-01-01".
    expect(r.stdout).toContain('example.com — 5 messages, Gmail "?" 3, dates 2024-01-01\n');
    expect(r.stdout).toContain('Top causes and their fixes');
    expect(r.stdout).toMatch(/fix \(\d+\): example\.com\. 3600 IN TXT "v=spf1 /);
    // What to do comes before the records that do it.
    const action = `what to do: ${scanCatalogs.en.actions['spf-not-designated']}`;
    expect(r.stdout).toMatch(
      new RegExp(
        `\\[spf-not-designated\\] — 3 messages\\n +${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n +fix \\(`,
      ),
    );
    expect(r.stdout).not.toContain(scanCatalogs.en.labels.noFix);
  });

  it('one SPF record per domain: the fixes for two servers of one domain are merged into the one record to publish', () => {
    const file = join(dir, 'two-servers.mbox');
    const parts: string[] = [];
    // Three softfails from the domain's own server, one from a relay it also sends through.
    for (let i = 1; i <= 4; i++) {
      const m = message(i, 'softfail', 'shop.example');
      parts.push(
        `${fromLine(i)}\n${i === 4 ? m.replaceAll('mail.shop.example', 'relay1.example.net') : m}\n`,
      );
    }
    writeFileSync(file, parts.join(''));
    const json = JSON.parse(run(['--quiet', '--format', 'json', file]).stdout) as ScanSummary;
    // Each message's fix names only its own server (RFC 7208 §5.3: a: covers the host's addresses)…
    const fixes = json.causes
      .flatMap((c) => c.fixes.map((f) => [f.zoneLine, f.messages]))
      .filter(([line]) => String(line).includes('v=spf1'));
    expect(fixes).toEqual([
      ['shop.example. 3600 IN TXT "v=spf1 a:mail.shop.example ~all"', 3],
      ['shop.example. 3600 IN TXT "v=spf1 a:relay1.example.net ~all"', 1],
    ]);
    // …and a domain publishes one record (RFC 7208 §4.5): both servers in it, most messages first.
    expect(json.spfRecords).toEqual([
      {
        domain: 'shop.example',
        zoneLine: 'shop.example. 3600 IN TXT "v=spf1 a:mail.shop.example a:relay1.example.net ~all"',
        value: 'v=spf1 a:mail.shop.example a:relay1.example.net ~all',
        messages: 4,
        senders: [
          { terms: 'a:mail.shop.example', messages: 3 },
          { terms: 'a:relay1.example.net', messages: 1 },
        ],
        lookups: 2,
      },
    ]);
    for (const lang of ['en', 'ja'] as const) {
      const text = run(['--quiet', '--lang', lang, file]).stdout;
      const L = scanCatalogs[lang].labels;
      expect(text).toContain(
        `\n${L.spfRecords}\n  ${L.spfRecordsNote}\n  ${json.spfRecords[0]?.zoneLine}\n      ${L.spfSenders}: a:mail.shop.example 3 · a:relay1.example.net 1\n`,
      );
    }
  });

  it('samples/mailbox.mbox: the shop that sends from Sakura and Microsoft 365 gets one SPF record naming both, as the README shows', () => {
    const sample = join(repoRoot, 'samples', 'mailbox.mbox');
    const json = JSON.parse(run(['--quiet', '--format', 'json', sample]).stdout) as ScanSummary;
    expect(json.read).toBe(3);
    // Sakura's recommended form names the server host and the domain's MX (domain.md §0); Microsoft
    // 365's documented SPF term is include:spf.protection.outlook.com.
    expect(json.spfRecords.map((r) => r.zoneLine)).toEqual([
      'example.com. 3600 IN TXT "v=spf1 a:www123.sakura.ne.jp mx include:spf.protection.outlook.com ~all"',
    ]);
    // The README's example is this run's output (only the time and the rate differ).
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const start = readme.indexOf('$ mailwhy scan samples/mailbox.mbox\n');
    expect(start).toBeGreaterThan(0);
    const shown = readme.slice(readme.indexOf('\n', start) + 1, readme.indexOf('```', start));
    const timing = / \([\d.]+ kB, [\d.]+ s, [\d,]+ messages\/s\)/;
    const text = run(['--quiet', sample]);
    expect(text.status).toBe(1);
    expect(text.stdout.replace(timing, '')).toBe(shown.replace(timing, ''));
  });

  it('--csv-bom starts the CSV with a UTF-8 byte order mark, for Excel; without it the CSV starts with its header', () => {
    // Takeout names the mailbox in the account's language: a Japanese path in every row.
    const folder = join(dir, 'メール');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'すべてのメール.mbox'), mbox(2).bytes);
    const withBom = join(dir, 'bom.csv');
    const without = join(dir, 'plain.csv');
    expect(run(['--quiet', '--csv', withBom, '--csv-bom', folder]).status).toBe(0);
    expect(run(['--quiet', '--csv', without, folder]).status).toBe(0);
    const a = readFileSync(withBom);
    const b = readFileSync(without);
    expect([...a.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(a.subarray(3).equals(b)).toBe(true);
    expect(b.subarray(0, 5).toString()).toBe('path,');
    expect(b.toString('utf8')).toContain('すべてのメール.mbox');
    // Alone it would do nothing: a usage error.
    const alone = run(['--quiet', '--csv-bom', folder]);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toBe('mailwhy scan: --csv-bom needs --csv <file> (run "mailwhy scan --help")\n');
  });

  it('a Japanese text summary words the groups without a From domain or a known host in Japanese', () => {
    const file = join(dir, 'unknown.mbox');
    writeFileSync(file, 'From 1@xxx Mon Jan 01 00:00:00 +0000 2024\nSubject: no author, no route\n\nBody.\n');
    const r = run(['--quiet', '--lang', 'ja', file]);
    const L = scanCatalogs.ja.labels;
    expect(r.stdout).toContain(`\n  ${L.noFromDomain} — 1 通, Gmail の「?」 0, ${L.noDates}\n`);
    expect(r.stdout).toContain(`\n  ${L.unknownHost} — 1 通`);
    expect(r.stdout).not.toContain('(no From domain)');
    // The JSON summary keeps the keys as data, the same in every language.
    const json = JSON.parse(run(['--quiet', '--lang', 'ja', '--format', 'json', file]).stdout) as ScanSummary;
    expect(json.byFromDomain[0]?.key).toBe('(no From domain)');
    expect(json.bySendingHost[0]?.key).toBe('(unknown host)');
  });
});
