// Seeds for the fuzzers, read from the shared corpus (real Received / Authentication-Results /
// Received-SPF lines, SPF records, messages, mailboxes) and from the project's own golden inputs.
// The directories are parameters so that scripts/fuzz.mjs (a bundle living elsewhere) finds them too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { headerEnd, splitHeaderFields } from '../../src/headers/split.js';

export interface Seeds {
  received: string[];
  dates: string[];
  authres: string[];
  arcAuthres: string[];
  receivedSpf: string[];
  spfRecords: string[];
  /** Whole messages as text (UTF-8 decoded). */
  messages: string[];
  /** The same messages as bytes (what the CLI hands analyzeMessage). */
  messageBytes: Uint8Array[];
  /** Header blocks only. */
  headerBlocks: string[];
  /** Address fields (From, To, Return-Path…). */
  addresses: string[];
  /** Subjects and other fields that may hold RFC 2047 encoded-words. */
  encoded: string[];
  mboxes: Uint8Array[];
  /** Bodies that carry evidence: Gmail bounces, port25 reports. */
  bodies: string[];
  /** Gmail "Show original" pages (text and HTML). */
  gmailPages: string[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const unfold = (s: string): string => s.replace(/\r?\n(?=[ \t])/g, '');
const stripName = (s: string, name: RegExp): string => s.replace(name, '');

function uniq(xs: string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ''))];
}

function jsonlStrings(file: string, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    for (const k of keys) {
      const v = row[k];
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
    }
  }
  return out;
}

/** Loads every seed. `corpusDir` = ../shared/corpus, `root` = the repository. */
export function loadSeeds(corpusDir: string, root: string): Seeds {
  const files = walk(corpusDir);
  const messageFiles = files.filter(
    (f) =>
      /\/(?:eml|dkim-arc)\//.test(f) &&
      /\.(?:eml|msg|message|txt)$/.test(f) &&
      !/LICENSE|README/.test(f) &&
      !/stalwart-mail-auth\/(?:dkim|arc)-\d+\.txt$/.test(f),
  );
  const ownFiles = [
    ...walk(join(root, 'test/golden')).filter((f) => f.endsWith('.eml')),
    ...walk(join(root, 'samples')).filter((f) => /\.(?:eml|txt)$/.test(f)),
  ];
  const messageBytes = [...messageFiles, ...ownFiles].map((f) => new Uint8Array(readFileSync(f)));
  const messages = messageBytes.map((b) => new TextDecoder().decode(b));
  const headerBlocks = messages.map((m) => m.slice(0, headerEnd(m).headerLength));

  const fieldsOf = (name: string): string[] =>
    headerBlocks.flatMap((h) =>
      splitHeaderFields(h)
        .fields.filter((f) => f.lname === name)
        .map((f) => f.value),
    );

  const receivedLines = [
    ...jsonlStrings(join(corpusDir, 'received/mailauth-parse-received.jsonl'), ['received']),
    ...jsonlStrings(join(corpusDir, 'received/mailparser-spamscope-received.jsonl'), ['received']),
    ...jsonlStrings(join(corpusDir, 'received/spamassassin-rcvd_parser.jsonl'), ['received']),
    ...jsonlStrings(join(corpusDir, 'received/mha-received.jsonl'), ['received', 'headers_in_message_order']),
  ].map((s) => unfold(stripName(s, /^Received:\s*/i)));
  const trustPath = jsonlStrings(join(corpusDir, 'received/spamassassin-trust_path.jsonl'), ['headers']);
  const received = uniq([
    ...receivedLines,
    ...trustPath.flatMap((h) =>
      splitHeaderFields(h)
        .fields.filter((f) => f.lname === 'received')
        .map((f) => f.value),
    ),
    ...fieldsOf('received'),
  ]);
  const dates = uniq(received.map((r) => r.slice(r.lastIndexOf(';') + 1).trim()));

  const authresDir = join(corpusDir, 'authres');
  const authres = uniq([
    ...readdirSync(authresDir)
      .sort()
      .flatMap((f) => jsonlStrings(join(authresDir, f), ['header', 'value', 'headers']))
      .map((s) => unfold(stripName(s, /^(?:ARC-)?Authentication-Results:\s*/i))),
    ...fieldsOf('authentication-results'),
  ]);
  const arcAuthres = uniq(fieldsOf('arc-authentication-results'));
  const receivedSpf = uniq(fieldsOf('received-spf'));

  const spfRecords = uniq(
    files
      .filter((f) => /\/spf\/.*\.yml$/.test(f))
      .flatMap((f) => readFileSync(f, 'utf8').match(/v=spf1[^"'\n]*/g) ?? [])
      .map((s) => s.trim()),
  );

  const addresses = uniq([...fieldsOf('from'), ...fieldsOf('to'), ...fieldsOf('return-path')]);
  const encoded = uniq([...fieldsOf('subject'), ...addresses.filter((a) => a.includes('=?'))]);

  const mboxes = files
    .filter((f) => f.endsWith('.mbox'))
    .map((f) => new Uint8Array(readFileSync(f)))
    .filter((b) => b.length <= 2 * 1024 * 1024);

  const bodies = uniq(
    walk(join(root, 'test/golden'))
      .filter((f) => /(?:bounce|port25).*\.eml$/.test(f))
      .map((f) => {
        const m = readFileSync(f, 'utf8');
        return m.slice(headerEnd(m).bodyStart);
      }),
  );
  const gmailPages = ownFiles.filter((f) => f.endsWith('.txt')).map((f) => readFileSync(f, 'utf8'));
  return {
    received,
    dates,
    authres,
    arcAuthres,
    receivedSpf,
    spfRecords,
    messages,
    messageBytes,
    headerBlocks,
    addresses,
    encoded,
    mboxes,
    bodies,
    gmailPages,
  };
}
