// docs/findings: one page per finding code, in English and Japanese, indexed by README.md; and both
// catalogs word every code. The examples on the pages are checked against what mailwhy prints, so a
// page cannot keep an output that the catalogs or the rules no longer produce.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, analyzeMessage } from '../../src/analyze.js';
import type { FindingArgs, FindingCode } from '../../src/diagnose/findings.js';
import { FINDING_CODES } from '../../src/diagnose/findings.js';
import { createFixtureResolver, parseFixtureZone } from '../../src/dns/index.js';
import { catalogs } from '../../src/explain/index.js';
import { renderText } from '../../src/render/text.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docsDir = join(root, 'docs/findings');
const corpusDir = join(root, '../shared/corpus/eml');

const HEADINGS = {
  en: { section: '## English', headings: ['What it means', 'Why it happens', 'How to fix', 'Example'] },
  ja: { section: '## 日本語', headings: ['意味', '原因', '直し方', '例'] },
} as const;
type Lang = keyof typeof HEADINGS;
const LANGS: Lang[] = ['en', 'ja'];

function readPage(code: string): string {
  return readFileSync(join(docsDir, `${code}.md`), 'utf8');
}

/** The lines of a `## …` section, up to the next `## ` heading. */
function section(page: string, title: string): string[] {
  const lines = page.split('\n');
  const start = lines.indexOf(title);
  if (start === -1) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** The `### …` subsections of a section: heading → body text. */
function subsections(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  let body: string[] = [];
  const flush = (): void => {
    if (current !== null) out.set(current, body.join('\n').trim());
  };
  for (const line of lines) {
    if (line.startsWith('### ')) {
      flush();
      current = line.slice(4).trim();
      body = [];
    } else body.push(line);
  }
  flush();
  return out;
}

/** The fenced blocks of a text with the given info string. */
function fenced(text: string, info: string): string[] {
  const blocks: string[] = [];
  const re = new RegExp(`^\`\`\`${info}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  for (const m of text.matchAll(re)) blocks.push((m[1] ?? '').replace(/\n$/, ''));
  return blocks;
}

/** Where a page's example comes from, read from its "Source:" / "出典：" line. */
type ExampleSource =
  | { kind: 'golden'; name: string }
  | { kind: 'corpus'; path: string }
  | { kind: 'example'; file: string; zone: string | null };

function exampleSource(example: string): ExampleSource | null {
  const line = example.split('\n').find((l) => /^(Source:|出典：)/.test(l));
  if (!line) return null;
  const golden = /`test\/golden\/([\w.-]+)\/`/.exec(line);
  if (golden?.[1]) return { kind: 'golden', name: golden[1] };
  const corpus = /`shared\/corpus\/eml\/([^`]+)`/.exec(line);
  if (corpus?.[1]) return { kind: 'corpus', path: corpus[1] };
  const file = /`docs\/findings\/examples\/([^`]+)`/.exec(line);
  if (file?.[1]) {
    const zone = /`--dns-fixture docs\/findings\/examples\/([^`]+)`/.exec(line);
    return { kind: 'example', file: file[1], zone: zone?.[1] ?? null };
  }
  return null;
}

/**
 * header-truncated needs a header block over the 2 MiB limit, too large to keep in the repository: the
 * page's example holds the stamps, and the run pads it as the page says.
 */
function padded(text: string): string {
  const pad = `X-Padding: ${'x'.repeat(68)}\n`;
  let s = text;
  while (s.length < 2.1 * 1024 * 1024) s += pad;
  return `${s}\nBody.\n`;
}

interface Resolved {
  /** The message the header lines are taken from (null: not available here, e.g. no corpus). */
  message: string | null;
  /** What mailwhy prints for it, per language. */
  output: (lang: Lang) => Promise<string>;
}

function resolveSource(code: string, src: ExampleSource): Resolved {
  if (src.kind === 'golden') {
    const dir = join(root, 'test/golden', src.name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { message: string };
    const file = join(dir, spec.message);
    if (!existsSync(file)) return { message: null, output: async () => '' };
    return {
      message: readFileSync(file, 'utf8'),
      output: async (lang) => readFileSync(join(dir, `${lang}.txt`), 'utf8'),
    };
  }
  const file = src.kind === 'corpus' ? join(corpusDir, src.path) : join(docsDir, 'examples', src.file);
  if (!existsSync(file)) return { message: null, output: async () => '' };
  const message = readFileSync(file, 'utf8');
  const input = code === 'header-truncated' ? padded(message) : message;
  const zone = src.kind === 'example' && src.zone ? join(docsDir, 'examples', src.zone) : null;
  return {
    message,
    output: async (lang) => {
      const report = zone
        ? await analyze(input, {
            lang,
            online: {
              resolver: createFixtureResolver(parseFixtureZone(JSON.parse(readFileSync(zone, 'utf8')))),
            },
          })
        : analyzeMessage(input, { lang });
      return renderText(report, { color: false });
    },
  };
}

const pageFiles = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md');
const readme = readFileSync(join(docsDir, 'README.md'), 'utf8');

describe('docs/findings pages', () => {
  it('exist for no code outside FINDING_CODES', () => {
    const codes = new Set<string>(FINDING_CODES);
    expect(pageFiles.map((f) => f.replace(/\.md$/, '')).filter((c) => !codes.has(c))).toEqual([]);
  });

  it('FINDING_CODES has no duplicate', () => {
    expect(new Set(FINDING_CODES).size).toBe(FINDING_CODES.length);
  });

  it('the example files are each used by a page', () => {
    const pages = pageFiles.map((f) => readFileSync(join(docsDir, f), 'utf8')).join('\n');
    const files = readdirSync(join(docsDir, 'examples'));
    expect(files.filter((f) => !pages.includes(`docs/findings/examples/${f}`))).toEqual([]);
  });

  for (const code of FINDING_CODES) {
    describe(code, () => {
      const path = join(docsDir, `${code}.md`);

      it('has a page, linked from the index', () => {
        expect(existsSync(path), `docs/findings/${code}.md`).toBe(true);
        expect(readme).toContain(`](${code}.md)`);
        const row = readme.split('\n').find((l) => l.startsWith(`| [\`${code}\`](${code}.md) |`));
        expect(row, `README row for ${code}`).toBeDefined();
        // code, severity, English, Japanese: four non-empty cells.
        const cells = (row ?? '').split('|').slice(1, -1);
        expect(cells).toHaveLength(4);
        for (const cell of cells) expect(cell.trim()).not.toBe('');
      });

      it('starts with the code and a summary in both languages', () => {
        const lines = readPage(code).split('\n');
        expect(lines[0]).toBe(`# ${code}`);
        expect(lines[2]?.trim()).not.toBe('');
        expect(lines[3], 'Japanese summary').toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      });

      for (const lang of LANGS) {
        it(`${lang}: has every heading, in order, none empty`, () => {
          const { section: title, headings } = HEADINGS[lang];
          const lines = section(readPage(code), title);
          expect(lines.length, `${code}: "${title}" section`).toBeGreaterThan(0);
          const subs = subsections(lines);
          const found = [...subs.keys()].filter((h) => (headings as readonly string[]).includes(h));
          expect(found).toEqual([...headings]);
          for (const h of headings) expect(subs.get(h), `${code} ${lang}: ${h}`).not.toBe('');
        });

        it(`${lang}: the example is real (header lines from the source, output as mailwhy prints it)`, async () => {
          const subs = subsections(section(readPage(code), HEADINGS[lang].section));
          const example = subs.get(HEADINGS[lang].headings[3]) ?? '';
          const src = exampleSource(example);
          expect(
            src,
            `${code} ${lang}: a Source / 出典 line naming a golden case, corpus or example file`,
          ).not.toBeNull();
          const resolved = resolveSource(code, src as ExampleSource);
          if (resolved.message === null) return; // the shared corpus is not checked out here
          const messageLines = new Set(resolved.message.replace(/\r\n/g, '\n').split('\n'));
          const headers = fenced(example, 'eml');
          expect(headers.length, 'one eml block').toBe(1);
          for (const line of (headers[0] ?? '').split('\n')) expect(messageLines).toContain(line);

          const printed = fenced(example, 'text');
          expect(printed.length, 'one text block').toBe(1);
          const outputLines = new Set((await resolved.output(lang)).split('\n'));
          const shown = (printed[0] ?? '').split('\n');
          expect(shown.length).toBeGreaterThanOrEqual(2);
          for (const line of shown) expect(outputLines).toContain(line);
        });
      }

      it('links only to pages that exist', () => {
        const links = [...readPage(code).matchAll(/\]\(([\w-]+)\.md\)/g)].map((m) => m[1]);
        for (const link of links) expect(FINDING_CODES as readonly (string | undefined)[]).toContain(link);
      });
    });
  }
});

/** Arguments for every code, all fields filled; the compiler holds the shapes and the completeness. */
const full: { [K in FindingCode]: FindingArgs[K] } = {
  authenticated: { fromDomain: 'example.com', spfDomain: 'example.com', dkimDomains: ['example.com'] },
  'gmail-unauthenticated': { fromDomain: 'example.com' },
  'spf-not-designated': {
    result: 'softfail',
    domain: 'example.com',
    ip: '203.0.113.25',
    host: 'www123.sakura.ne.jp',
    transitioning: true,
  },
  'freemail-domain': {
    domain: 'gmail.com',
    field: 'envelope',
    result: 'softfail',
    ip: '203.0.113.25',
    host: 'www123.sakura.ne.jp',
  },
  'provider-envelope': {
    envelopeDomain: 'www123.sakura.ne.jp',
    fromDomain: 'example.com',
    provider: 'sakura',
    host: 'www123.sakura.ne.jp',
    result: 'none',
  },
  'sakura-server-host': { host: 'www123.sakura.ne.jp', domain: 'example.com' },
  'spf-none': { domain: 'example.org', ip: '203.0.113.80', bestGuess: true, result: 'neutral' },
  'spf-neutral': { domain: 'example.net', ip: '198.51.100.7' },
  'spf-permerror': { domain: 'example.org', detail: 'sfp.example.net not found' },
  'spf-temperror': { domain: 'example.org' },
  'spf-pass': { domain: 'example.com', ip: '192.0.2.25' },
  'dkim-none': { fromDomain: 'example.com' },
  'dkim-fail': { domain: 'example.com', result: 'neutral', comment: 'body hash did not verify' },
  'dkim-pass': { domains: ['example.com', 'mail.example.com'] },
  'dmarc-fail': { fromDomain: 'example.com', policy: 'reject' },
  'dmarc-pass': { fromDomain: 'example.com' },
  'no-tls': { host: 'mail.example.org', protocol: 'ESMTP' },
  'gmail-via': { via: 'sendgrid.info', fromDomain: 'example.com' },
  'sending-ip-mismatch': { hopIp: '192.0.2.1', checkedIp: '192.0.2.2' },
  'no-received': {},
  'no-stamps': {},
  'untrusted-stamp': {
    field: 'Authentication-Results',
    authservId: 'mx.google.com',
    method: 'spf',
    claimed: 'pass',
    trusted: 'softfail',
    impersonates: true,
  },
  'spoofing-suspected': {
    fromDomain: 'example.com',
    reasons: ['dmarc-policy', 'no-reverse-dns', 'bare-helo', 'forged-stamps', 'intra-org'],
  },
  'from-multiple': { fields: 1, addresses: ['news@example.com', 'ceo@example.org'], checked: 'example.com' },
  'date-unreadable': { position: 1, text: 'Thursday the 12th, 9 PM' },
  'clock-skew': { position: 1, seconds: -6 },
  'header-truncated': { limitBytes: 2 * 1024 * 1024 },
  'summary-mismatch': { method: 'spf', summary: 'pass', header: 'softfail' },
  'spf-today': {
    domain: 'example.com',
    ip: '203.0.113.25',
    recorded: 'softfail',
    recordedAt: '2026-11-10T09:23:46.000Z',
    today: 'pass',
    record: 'v=spf1 a:www123.sakura.ne.jp mx ~all',
    matchedTerm: 'a:www123.sakura.ne.jp',
  },
  'online-dns-error': { domain: 'example.com' },
  'fix-not-verified': { record: 'v=spf1 a:mail.example.com ~all', result: 'softfail', ip: '192.0.2.25' },
  'spf-ipv6-not-covered': {
    domain: 'example.net',
    ip: '2001:db8:25::10',
    host: 'mail.example.net',
    confirmed: true,
  },
  'sent-via-provider': {
    provider: 'google',
    kind: 'mailbox',
    domain: 'example.jp',
    terms: ['include:_spf.google.com'],
  },
  'esp-envelope': {
    provider: 'amazonses',
    envelopeDomain: 'us-west-2.amazonses.com',
    fromDomain: 'example.com',
  },
  'dkim-default-domain': {
    provider: 'microsoft365',
    signingDomain: 'contoso.onmicrosoft.com',
    fromDomain: 'example.com',
  },
  'dkim-unaligned': { signingDomain: 'sendgrid.info', fromDomain: 'example.com' },
  'dkim-no-key': { domain: 'example.com', selector: 'mail2026' },
  forwarded: {
    forwarder: 'mx.forward.example.net',
    originalSpf: 'pass',
    dkimSurvived: false,
    dkimSigned: true,
    srs: true,
  },
  'list-modified': { list: 'users.lists.example.org', dkimDomain: 'example.com', arcSealed: true },
  'dmarc-missing': { fromDomain: 'example.com' },
  'gmail-bounce': {
    kind: 'unauthenticated',
    code: '550',
    enhanced: '5.7.26',
    domain: 'example.com',
    ip: '203.0.113.25',
    text: 'This mail has been blocked because the sender is unauthenticated.',
  },
  'microsoft-compauth': { result: 'fail', reason: '601', meaning: 'intra-org-fail' },
  'port25-report': {
    checks: [
      { name: 'SPF', result: 'softfail' },
      { name: 'DKIM', result: 'none' },
    ],
  },
};

/** The same with every nullable field null, lists empty, and an unknown provider: nothing may say "null". */
const sparse: { [K in FindingCode]: FindingArgs[K] } = {
  ...full,
  authenticated: { fromDomain: null, spfDomain: null, dkimDomains: [] },
  'gmail-unauthenticated': { fromDomain: null },
  'spf-not-designated': { result: 'fail', domain: 'example.com', ip: null, host: null, transitioning: false },
  'spf-none': { domain: 'example.org', ip: null, bestGuess: false, result: 'none' },
  'spf-neutral': { domain: 'example.net', ip: null },
  'spf-permerror': { domain: 'example.org', detail: null },
  'spf-pass': { domain: 'example.com', ip: null },
  'dkim-none': { fromDomain: null },
  'dkim-fail': { domain: null, result: 'fail', comment: null },
  'dmarc-fail': { fromDomain: null, policy: null },
  'dmarc-pass': { fromDomain: null },
  'no-tls': { host: null, protocol: null },
  'gmail-via': { via: 'sendgrid.info', fromDomain: null },
  'untrusted-stamp': {
    field: 'ARC-Authentication-Results',
    authservId: null,
    method: 'dkim',
    claimed: 'pass',
    trusted: null,
    impersonates: false,
  },
  'spoofing-suspected': { fromDomain: null, reasons: ['no-reverse-dns'] },
  'spf-today': {
    domain: 'example.com',
    ip: '203.0.113.25',
    recorded: null,
    recordedAt: null,
    today: 'softfail',
    record: null,
    matchedTerm: null,
  },
  'spf-ipv6-not-covered': { domain: 'example.net', ip: '2001:db8:25::10', host: null, confirmed: false },
  'sent-via-provider': {
    provider: 'no-such-provider',
    kind: 'relay',
    domain: 'example.jp',
    terms: ['a:relay.example.net'],
  },
  'esp-envelope': { provider: 'no-such-provider', envelopeDomain: 'bounces.example.net', fromDomain: null },
  'dkim-default-domain': { provider: 'no-such-provider', signingDomain: 'example.net', fromDomain: null },
  'dkim-unaligned': { signingDomain: 'example.net', fromDomain: null },
  'dkim-no-key': { domain: null, selector: null },
  forwarded: { forwarder: null, originalSpf: null, dkimSurvived: true, dkimSigned: true, srs: false },
  'list-modified': { list: null, dkimDomain: null, arcSealed: false },
  'gmail-bounce': {
    kind: 'ptr',
    code: '550',
    enhanced: '5.7.25',
    domain: null,
    ip: null,
    text: 'The IP address sending this message does not have a PTR record setup.',
  },
  'microsoft-compauth': { result: 'pass', reason: null, meaning: 'other' },
  'port25-report': { checks: [] },
};

describe('catalogs word every code', () => {
  for (const lang of ['en', 'ja'] as const) {
    for (const [name, samples] of [
      ['all fields', full],
      ['null fields', sparse],
    ] as const) {
      for (const code of FINDING_CODES) {
        it(`${lang}: ${code} (${name})`, () => {
          const word = catalogs[lang][code] as (args: FindingArgs[FindingCode]) => {
            title: string;
            detail: string;
          };
          expect(typeof word, `catalogs.${lang}['${code}']`).toBe('function');
          const text = word(samples[code]);
          expect(text.title.trim()).not.toBe('');
          expect(text.detail.trim()).not.toBe('');
          for (const part of [text.title, text.detail])
            expect(part).not.toMatch(/\bundefined\b|\bnull\b|\[object/);
        });
      }
    }
  }
});
