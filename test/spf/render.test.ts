// The trace as text: nesting of include/redirect, both languages complete, JSON = the result value.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkSpf,
  createDenyResolver,
  createFixtureResolver,
  parseSpfRecord,
  type SpfReason,
} from '../../src/spf/index.js';
import { reasonText, SPF_CATALOGS } from '../../src/spf/messages.js';
import { renderSpfJson, renderSpfText } from '../../src/spf/render.js';
import type { SpfReasonCode } from '../../src/spf/types.js';

const zone = {
  'example.org': {
    TXT: ['v=spf1 include:_spf.example.net ip4:198.51.100.0/24 redirect=fallback.example.org'],
  },
  '_spf.example.net': { TXT: ['v=spf1 mx:mail.example.net -all'] },
  'mail.example.net': { MX: [{ exchange: 'mx1.example.net', priority: 10 }] },
  'mx1.example.net': { A: ['203.0.113.7'] },
  'fallback.example.org': { TXT: ['v=spf1 -all exp=why.example.org'] },
  'why.example.org': { TXT: ['%{i} is not a server of %{d}'] },
};

describe('text tree', () => {
  it('nests include and redirect, with every query under its term', async () => {
    const r = await checkSpf({
      ip: '192.0.2.1',
      sender: 'u@example.org',
      resolver: createFixtureResolver(zone),
    });
    expect(r.result).toBe('fail');
    expect(r.explanation).toBe('192.0.2.1 is not a server of fallback.example.org');
    const text = renderSpfText(r, { lang: 'en', color: false });
    const lines = text.split('\n');
    const at = (s: string): number => lines.findIndex((l) => l.includes(`─ `) && l.includes(s));
    // include's child evaluation sits one level deeper than the include term.
    expect(lines[at('include:_spf.example.net')]).toMatch(
      /^├─ ✗ include:_spf\.example\.net — no match: the included record gives fail/,
    );
    expect(lines[at('mx:mail.example.net')]).toMatch(
      /^│ {4}[├└]─ ✗ mx:mail\.example\.net — no match: no MX host has the client IP: mx1\.example\.net = 203\.0\.113\.7/,
    );
    expect(lines.findIndex((l) => l.includes('MX mail.example.net → 10 mx1.example.net'))).toBeGreaterThan(
      at('mx:mail.example.net'),
    );
    expect(lines).toContain('│    └─ ✓ -all — match: "all" matches every IP');
    expect(lines).toContain('     ├─ ✓ -all — match: "all" matches every IP');
    expect(lines[at('redirect=fallback.example.org')]).toMatch(
      /^└─ → redirect=fallback\.example\.org — applied/,
    );
    expect(text).toContain('Explanation from the domain: 192.0.2.1 is not a server of fallback.example.org');
    expect(text).toContain('DNS-querying terms 3/10, void lookups 0/2');
  });

  it('JSON is the result value, versioned', async () => {
    const r = await checkSpf({
      ip: '192.0.2.1',
      sender: 'u@example.org',
      resolver: createFixtureResolver(zone),
    });
    const json = JSON.parse(renderSpfJson(r)) as Record<string, unknown>;
    expect(json).toEqual({ schema: 'mailwhy.spf/1', ...JSON.parse(JSON.stringify(r)) });
  });
});

// One example of every reason: the Record type makes the compiler check that none is missing.
const EXAMPLES: { [K in SpfReasonCode]: Extract<SpfReason, { code: K }> } = {
  all: { code: 'all' },
  'ip-in-network': { code: 'ip-in-network', network: '192.0.2.0/24' },
  'ip-not-in-network': { code: 'ip-not-in-network', network: '192.0.2.0/24' },
  'family-mismatch': { code: 'family-mismatch', network: '2001:db8::/32' },
  'address-match': { code: 'address-match', name: 'a.example', address: '192.0.2.1', cidr: 32 },
  'address-mismatch': { code: 'address-mismatch', name: 'a.example', addresses: ['192.0.2.2'], cidr: 32 },
  'no-address': { code: 'no-address', name: 'a.example' },
  'mx-match': { code: 'mx-match', exchange: 'mx.example', address: '192.0.2.1', cidr: 32 },
  'mx-mismatch': {
    code: 'mx-mismatch',
    exchanges: [{ exchange: 'mx.example', addresses: ['192.0.2.2'] }],
    cidr: 32,
  },
  'no-mx': { code: 'no-mx', name: 'a.example' },
  'ptr-match': { code: 'ptr-match', name: 'h.a.example' },
  'ptr-mismatch': { code: 'ptr-mismatch', validated: [], target: 'a.example' },
  'ptr-dns-error': { code: 'ptr-dns-error', dnsCode: 'ETIMEOUT' },
  'exists-match': { code: 'exists-match', name: 'x.a.example' },
  'exists-no-match': { code: 'exists-no-match', name: 'x.a.example' },
  'include-match': { code: 'include-match', result: 'pass' },
  'include-no-match': { code: 'include-no-match', result: 'softfail' },
  'include-error': { code: 'include-error', result: 'temperror' },
  'include-none': { code: 'include-none', domain: 'a.example' },
  'redirect-result': { code: 'redirect-result', result: 'fail' },
  'redirect-none': { code: 'redirect-none', domain: 'a.example' },
  'redirect-ignored-all': { code: 'redirect-ignored-all' },
  'redirect-pending': { code: 'redirect-pending' },
  'exp-used': { code: 'exp-used', text: 'go away' },
  'exp-unused': { code: 'exp-unused', why: 'dns' },
  'modifier-ignored': { code: 'modifier-ignored' },
  'not-reached': { code: 'not-reached' },
  'dns-error': { code: 'dns-error', name: 'a.example', type: 'TXT', dnsCode: 'ESERVFAIL' },
  'too-many-dns-terms': { code: 'too-many-dns-terms', limit: 10 },
  'too-many-void-lookups': { code: 'too-many-void-lookups', limit: 2 },
  'too-many-mx': { code: 'too-many-mx', count: 11, limit: 10 },
  deadline: { code: 'deadline', ms: 20000 },
  'bad-target': { code: 'bad-target', name: 'a..example' },
  syntax: {
    code: 'syntax',
    error: { code: 'unknown-mechanism', term: 'ip:1.2.3.4', index: 0, detail: 'ip' },
  },
  'multiple-records': { code: 'multiple-records', records: ['v=spf1 -all', 'v=spf1 +all'] },
  'no-record': { code: 'no-record', domain: 'a.example' },
  'domain-not-found': { code: 'domain-not-found', domain: 'a.example' },
  'invalid-domain': { code: 'invalid-domain', domain: 'a..example' },
  'matched-term': { code: 'matched-term', term: '~all' },
  'default-neutral': { code: 'default-neutral' },
};

describe('catalogs', () => {
  it('word every reason in both languages, Japanese in Japanese', () => {
    for (const reason of Object.values(EXAMPLES)) {
      const en = reasonText('en', reason);
      const ja = reasonText('ja', reason);
      expect(en, reason.code).toMatch(/\w/);
      expect(ja, reason.code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(ja).not.toBe(en);
    }
    for (const lang of ['en', 'ja'] as const) {
      const c = SPF_CATALOGS[lang];
      for (const word of [
        ...Object.values(c.result),
        ...Object.values(c.syntax),
        ...Object.values(c.outcome),
      ]) {
        expect(word.trim()).not.toBe('');
      }
    }
  });
});

describe('purity and offline', () => {
  it('src/spf and the pure part of src/dns import no node:* module (they run in a browser)', () => {
    const dir = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
    const files = [
      ...readdirSync(dir('../../src/spf/')).map((f) => `../../src/spf/${f}`),
      ...['index.ts', 'fixture.ts', 'deny.ts', 'wire.ts'].map((f) => `../../src/dns/${f}`),
    ];
    for (const f of files) {
      const text = readFileSync(dir(f), 'utf8');
      expect(text, f).not.toMatch(/from ['"]node:|require\(|from ['"](fs|net|dgram|dns|os|path)['"]/);
    }
  });

  it('with the deny-all resolver nothing reaches the network: one refused query, then temperror', async () => {
    const deny = createDenyResolver();
    const r = await checkSpf({ ip: '192.0.2.1', sender: 'u@example.org', resolver: deny.resolve });
    expect(r.result).toBe('temperror');
    expect(r.reason).toEqual({ code: 'dns-error', name: 'example.org', type: 'TXT', dnsCode: 'EOFFLINE' });
    expect(deny.count()).toBe(1);
    expect(renderSpfText(r, { lang: 'en', color: false })).toContain('offline: no DNS query allowed');
  });

  it('a record that needs no DNS is evaluated offline with zero queries', async () => {
    const deny = createDenyResolver();
    expect(parseSpfRecord('v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all').ok).toBe(true);
    const r = await checkSpf({
      ip: '2001:db8::5',
      sender: 'u@example.org',
      record: 'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all',
      resolver: deny.resolve,
    });
    expect(r.result).toBe('pass');
    expect(deny.count()).toBe(0);
  });
});
