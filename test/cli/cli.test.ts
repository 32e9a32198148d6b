import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INPUT_PROBLEMS, inputProblemText } from '../../src/explain/input.js';
import type { Report } from '../../src/report.js';
import { root, runCli } from './run.js';

const json = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('mailwhy explain (the built CLI)', () => {
  it('explains the Sakura softfail sample as the issue asks', () => {
    const r = runCli(['--format', 'json', 'samples/sakura-softfail.eml']);
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(report.schema).toBe('mailwhy.report/1');
    expect(report.sendingHost?.ip).toBe('203.0.113.25');
    expect(report.sendingHost?.rdns).toBe('www123.sakura.ne.jp');
    expect(report.verdicts.spf?.result).toBe('softfail');
    expect(report.gmail.unauthenticated).toBe(true);
    expect(report.fixes.map((f) => f.value)).toContain('v=spf1 a:www123.sakura.ne.jp mx ~all');
    expect(report.fixes[0]?.zoneLine).toBe('example.com. 3600 IN TXT "v=spf1 a:www123.sakura.ne.jp mx ~all"');
    expect(report.message.subject).toBe('お見積りのご案内');
    expect(report.message.envelopeFrom).toBe('info@example.com');
  });

  it('is explain by default and also as "explain"', () => {
    const a = runCli(['--format', 'json', 'samples/sakura-softfail.eml']);
    const b = runCli(['explain', '--format', 'json', 'samples/sakura-softfail.eml']);
    expect(json(a.stdout)).toEqual(json(b.stdout));
  });

  it('speaks Japanese with --lang ja or a Japanese LANG, English otherwise', () => {
    expect(runCli(['--lang', 'ja', 'samples/sakura-softfail.eml']).stdout).toContain(
      'サーバーホスト www123.sakura.ne.jp',
    );
    expect(runCli(['samples/sakura-softfail.eml'], { env: { LANG: 'ja_JP.UTF-8' } }).stdout).toContain(
      '認証されていません',
    );
    expect(
      runCli(['samples/sakura-softfail.eml'], { env: { LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' } }).stdout,
    ).toContain('NOT authenticated');
  });

  it('prints no colour codes when stdout is not a terminal, or with NO_COLOR', () => {
    expect(runCli(['samples/sakura-softfail.eml']).stdout).not.toContain('\u001b[');
    expect(runCli(['--color', 'samples/sakura-softfail.eml']).stdout).toContain('\u001b[');
    expect(
      runCli(['--color', 'samples/sakura-softfail.eml'], { env: { NO_COLOR: '1' } }).stdout,
    ).not.toContain('\u001b[');
  });

  it('exits 0 for a fully authenticated message', () => {
    const r = runCli(['--format', 'json', 'samples/sakura-fixed-pass.eml']);
    expect(r.status).toBe(0);
    expect(json(r.stdout).findings[0]?.code).toBe('authenticated');
  });

  it('reads standard input ("-"), LF or CRLF alike', () => {
    const crlf = runCli(['--format', 'json', '-'], { input: readSample('sakura-softfail.eml') });
    const lf = runCli(['--format', 'json', '-'], {
      input: readSample('sakura-softfail.eml').replace(/\r\n/g, '\n'),
    });
    expect(json(crlf.stdout).sendingHost).toEqual(json(lf.stdout).sendingHost);
    expect(json(lf.stdout).verdicts.spf?.result).toBe('softfail');
  });

  it('reads the Gmail "Show original" text and keeps its summary', () => {
    const r = json(runCli(['--format', 'json', 'samples/gmail-show-original.txt']).stdout);
    expect(r.input.kind).toBe('gmail-original');
    expect(r.input.gmailSummary?.spf?.result).toBe('softfail');
    expect(r.sendingHost?.ip).toBe('203.0.113.25');
  });

  it('gives one report per file, as a JSON array', () => {
    const r = runCli(['--format', 'json', 'samples/sakura-softfail.eml', 'samples/no-spf-record.eml']);
    const reports = JSON.parse(r.stdout) as Report[];
    expect(reports.map((x) => x.verdicts.spf?.result)).toEqual(['softfail', 'none']);
    expect(r.status).toBe(1);
  });

  it('explains each message of a mailbox (file or standard input), named by its number, none passed over', () => {
    for (const args of [['samples/mailbox.mbox'], ['-']]) {
      const r = runCli(['--format', 'json', ...args], {
        input: readFileSync(join(root, 'samples/mailbox.mbox')),
      });
      const reports = JSON.parse(r.stdout) as Report[];
      const name = args[0] === '-' ? '(stdin)' : 'samples/mailbox.mbox';
      expect(reports.map((x) => x.input.name)).toEqual([`${name} #1`, `${name} #2`, `${name} #3`]);
      // Two from the shop's website on Sakura, one from its Microsoft 365 mailboxes (the sample's story).
      expect(reports.map((x) => x.sendingHost?.rdns)).toEqual([
        'www123.sakura.ne.jp',
        'www123.sakura.ne.jp',
        'mail-os0jpn01on2101.outbound.protection.outlook.com',
      ]);
      expect(reports.map((x) => x.message.subject)).toEqual([
        'お見積りのご案内',
        'ご注文を承りました',
        'ご請求書のご送付',
      ]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('');
    }
  });

  it('a mailbox larger than explain reads: refused with a pointer to scan, or, when its first message fills what is read, said on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailwhy-'));
    const from = (who: string) => `From ${who}@example.com Mon Jan  1 00:00:00 2024\n`;
    const big = 'x'.repeat(99).concat('\n').repeat(90_000); // 9 MB of body: over the 8 MiB read
    const small = (n: number) => `From: a@example.com\nSubject: message ${n}\n\nHello.\n\n`;
    const smallFirst = join(dir, 'small-first.mbox');
    writeFileSync(
      smallFirst,
      `${from('a')}${small(1)}${from('b')}From: b@example.com\nSubject: big\n\n${big}`,
    );
    const r1 = runCli([smallFirst]);
    expect(r1.status).toBe(2);
    expect(r1.stdout).toBe('');
    expect(r1.stderr).toBe(
      `mailwhy: ${smallFirst}: a mailbox larger than 8 MiB (1+ messages): "mailwhy scan" reads whole mailboxes\n`,
    );
    const bigFirst = join(dir, 'big-first.mbox');
    writeFileSync(
      bigFirst,
      `${from('a')}From: a@example.com\nSubject: big\n\n${big}\n${from('b')}${small(2)}`,
    );
    const r2 = runCli(['--format', 'json', bigFirst]);
    expect(json(r2.stdout).message.subject).toBe('big');
    expect(r2.stderr).toBe(
      `mailwhy: ${bigFirst}: only the first 8 MiB were read; if this is a mailbox, "mailwhy scan" reads all of its messages\n`,
    );
    // A .eml over 8 MiB (an attachment) without a From_ line is one message, read as before.
    const eml = join(dir, 'big.eml');
    writeFileSync(eml, `From: a@example.com\nSubject: big\n\n${big}`);
    expect(runCli([eml]).stderr).toBe('');
  });

  describe('bad input: one line, exit 2, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailwhy-'));
    const empty = join(dir, 'empty.eml');
    writeFileSync(empty, '');
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const gz = join(dir, 'mail.eml.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(root, 'samples/sakura-softfail.eml'))));
    const prose = join(dir, 'note.txt');
    writeFileSync(prose, 'just a line of text\nand another\n');
    const cases: [string, string, RegExp][] = [
      ['a missing file', join(dir, 'missing.eml'), /missing\.eml: no such file/],
      ['a directory', dir, /is a directory/],
      ['an empty file', empty, /is empty/],
      ['a binary file', binary, /binary data/],
      ['text with no header fields', prose, /no header fields/],
      [
        "a gzip'd message (an archive: scan reads those)",
        gz,
        /mail\.eml\.gz: an archive or compressed file, not a message \("mailwhy scan" reads \.zip, \.tgz and \.gz archives of mail\)\n$/,
      ],
    ];
    for (const [what, path, message] of cases) {
      it(what, () => {
        const r = runCli([path]);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
      });
    }

    it('says why in the language of the reports: Japanese with --lang ja or a Japanese LANG', () => {
      const expected: [string, string][] = [
        [join(dir, 'missing.eml'), 'ファイルがありません'],
        [dir, 'フォルダーです（フォルダーやメールボックスは「mailwhy scan」で調べます）'],
        [empty, '入力が空です'],
        [binary, 'バイナリデータで、メールではありません（NUL バイトを含みます）'],
        [prose, 'ヘッダーが見つかりません（メールではありません）'],
        [
          gz,
          'アーカイブ（圧縮ファイル）で、メールではありません（メールの .zip、.tgz、.gz は「mailwhy scan」で読めます）',
        ],
      ];
      for (const [path, reason] of expected) {
        const r = runCli(['--lang', 'ja', path]);
        expect(r.status, path).toBe(2);
        expect(r.stderr).toBe(`mailwhy: ${path}: ${reason}\n`);
      }
      expect(runCli([empty], { env: { LANG: 'ja_JP.UTF-8' } }).stderr).toBe(
        `mailwhy: ${empty}: 入力が空です\n`,
      );
      // Every problem has its line in both languages (the compiler holds the catalogs complete).
      for (const lang of ['en', 'ja'] as const)
        for (const problem of INPUT_PROBLEMS)
          expect(inputProblemText(lang, problem, { mib: 8, messages: 3 }).length).toBeGreaterThan(5);
    });

    it('a 10 MB header block: read up to the limit, reported, not a crash', () => {
      const big = join(dir, 'big.txt');
      const fold = `X-Filler: ${'a'.repeat(70)}\n`;
      writeFileSync(
        big,
        readSample('sakura-softfail.eml').split('\r\n\r\n')[0] +
          '\r\n' +
          fold.repeat(Math.ceil(10_000_000 / fold.length)),
      );
      const r = runCli(['--format', 'json', big]);
      expect(r.status).toBe(1);
      const report = json(r.stdout);
      expect(report.findings.map((f) => f.code)).toContain('header-truncated');
      expect(report.verdicts.spf?.result).toBe('softfail');
    });

    it('a header block with no Received and no Authentication-Results: a report that says what is missing', () => {
      const bare = join(dir, 'bare.txt');
      writeFileSync(bare, 'From: a@example.com\nTo: b@example.net\nSubject: hello\n');
      const r = runCli(['--format', 'json', bare]);
      expect(r.status).toBe(1);
      expect(json(r.stdout).findings.map((f) => f.code)).toEqual(['no-stamps', 'no-received']);
    });

    it('headers in Shift_JIS and ISO-2022-JP (raw 8-bit and 7-bit)', () => {
      const sjis = join(dir, 'sjis.txt');
      // "件名" is not needed: "テスト" in Shift_JIS is 83 65 83 58 83 67
      writeFileSync(
        sjis,
        Buffer.concat([
          Buffer.from('From: a@example.com\nSubject: '),
          Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]),
          Buffer.from('\n'),
        ]),
      );
      const a = json(runCli(['--format', 'json', sjis]).stdout);
      expect(a.message.subject).toBe('テスト');
      expect(a.input.encoding).toBe('shift_jis');
      const jis = join(dir, 'jis.txt');
      writeFileSync(
        jis,
        Buffer.concat([
          Buffer.from('From: a@example.com\nSubject: '),
          Buffer.from([0x1b, 0x24, 0x42, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48, 0x1b, 0x28, 0x42]),
          Buffer.from('\n'),
        ]),
      );
      expect(json(runCli(['--format', 'json', jis]).stdout).message.subject).toBe('テスト');
    });

    it('a message with NUL bytes in its body is still a message', () => {
      const nul = join(dir, 'nul-body.eml');
      writeFileSync(
        nul,
        Buffer.concat([Buffer.from(readSample('sakura-softfail.eml')), Buffer.from([0, 0, 0x41])]),
      );
      expect(runCli([nul]).status).toBe(1);
    });

    it('an unknown option', () => {
      const r = runCli(['--frobnicate', 'samples/sakura-softfail.eml']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('unknown option');
    });

    it('a good file and a bad one: the good one is still reported, the status is 2', () => {
      const r = runCli(['--format', 'json', 'samples/sakura-softfail.eml', join(dir, 'missing.eml')]);
      expect(r.status).toBe(2);
      expect(json(r.stdout).verdicts.spf?.result).toBe('softfail');
    });
  });

  it('a reader that stops early (`| head`): a quiet end with status 141, no EPIPE stack', async () => {
    // 60 reports (over 100 KB of text): more than a pipe holds, so writing fails once the reader is gone.
    const files = Array.from({ length: 60 }, () => 'samples/sakura-softfail.eml');
    const child = spawn(process.execPath, ['bin/mailwhy.js', ...files], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });

  it('standard output on a full disk: one line with the reason and status 2, no stack, for every command', () => {
    // /dev/full answers every write with ENOSPC, as a full disk does.
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [
        ['samples/sakura-softfail.eml'],
        ['scan', '--quiet', 'samples'],
        ['spf', '--help'],
      ]) {
        const r = spawnSync(process.execPath, ['bin/mailwhy.js', ...args], {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        expect(r.stderr, args.join(' ')).toBe(
          'mailwhy: cannot write standard output: no space left on device\n',
        );
        expect(r.status, args.join(' ')).toBe(2);
      }
    } finally {
      closeSync(full);
    }
  });

  it('standard input that never ends is read up to its limit, not for ever', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = spawnSync(process.execPath, ['bin/mailwhy.js', '-'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
        stdio: [zero, 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.stderr).toBe('mailwhy: (stdin): binary data, not a mail message (it contains NUL bytes)\n');
      expect(r.status).toBe(2);
    } finally {
      closeSync(zero);
    }
    // An endless header: read to the limit, analysed, and said to be cut.
    const endless = spawnSync(
      'bash',
      [
        '--norc',
        '--noprofile',
        '-c',
        `(echo "Subject: x"; yes "X-Junk: y") | "${process.execPath}" bin/mailwhy.js --format json -`,
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LANG: 'C' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(endless.status).toBe(1);
    expect(json(endless.stdout).findings.map((f) => f.code)).toContain('header-truncated');
  });

  it('a usage error points at the help of its own command, status 2', () => {
    for (const [args, command] of [
      [['scan', '--top', '0', 'samples'], 'scan'],
      [['spf', 'example.com'], 'spf'],
      [['web', '--port', 'x'], 'web'],
      [['--lang', 'fr', 'samples/sakura-softfail.eml'], 'explain'],
    ] as const) {
      const r = runCli([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(
        new RegExp(`\\(run "mailwhy ${command} --help" for usage\\)\\n$`),
      );
    }
  });

  it('--help shows examples and the exit status', () => {
    const r = runCli(['explain', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit status');
  });
});

function readSample(name: string): string {
  return readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');
}
