// The other SPF suites of ../shared/corpus: pass rates printed and asserted as floors, and the exact
// set of cases mailwhy answers differently, each with the reason its answer is RFC 7208's.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpf, createFixtureResolver } from '../../src/spf/index.js';
import { corpusPath } from '../corpus.js';
import { loadSuite } from './openspf.js';
import { loadStalwart } from './stalwart.js';
import { judge } from './suite-check.js';

async function runOpenSpf(
  file: string,
): Promise<{ passed: number; total: number; failed: Map<string, string> }> {
  let passed = 0;
  let total = 0;
  const failed = new Map<string, string>();
  for (const scenario of loadSuite(file)) {
    for (const c of scenario.cases) {
      total++;
      const r = await checkSpf({
        ip: c.host,
        sender: c.mailfrom,
        helo: c.helo,
        resolver: createFixtureResolver(scenario.zone),
      });
      const verdict = judge(c, r);
      if (verdict.ok) passed++;
      else failed.set(c.name, verdict.detail);
    }
  }
  return { passed, total, failed };
}

describe('RFC 4408 suite (2009.10)', () => {
  it('passes every case whose RFC 4408 semantics still hold in RFC 7208', async () => {
    const { passed, total, failed } = await runOpenSpf('spf/rfc4408-tests.yml');
    console.log(`RFC 4408 suite: ${passed}/${total} passed`);
    // The suite lists both the 4408 and the 7208 answer where they differ (type SPF, void lookups, …),
    // so every case is judgeable under RFC 7208.
    expect(total).toBe(191);
    expect(passed).toBeGreaterThanOrEqual(191);
    expect([...failed.keys()]).toEqual([]);
  });
});

describe("pyspf's own cases (test/test.yml)", () => {
  it('passes all but the two cases of pyspf extensions that RFC 7208 does not have', async () => {
    const { passed, total, failed } = await runOpenSpf('spf/pyspf-test.yml');
    console.log(
      `pyspf test.yml: ${passed}/${total} passed; failed: ${[...failed].map(([k, v]) => `${k} (${v})`).join('; ')}`,
    );
    expect(total).toBe(16);
    expect(passed).toBeGreaterThanOrEqual(14);
    // Both use "default=", a pre-RFC modifier pyspf still honours ("ambiguous" is a pyspf-only result).
    // RFC 7208 §6: unknown modifiers MUST be ignored, so the record ends in neutral (§4.7).
    expect([...failed.keys()].sort()).toEqual(['default-modifier', 'default-modifier-harsh']);
    expect(failed.get('default-modifier')).toMatch(/^got neutral/);
  });
});

/** Cases of stalwart mail-auth where mailwhy's answer differs, and why mailwhy's is RFC 7208's. */
const STALWART_DIFFERENCES: Record<string, string> = {
  'all.yml All test #0':
    '"v=spf1 -all ip:10.0.0.1": "ip:" is not a mechanism; §4.6 says a syntax error anywhere makes the record permerror before evaluation (stalwart stops at -all)',
  'basic.yml DNS Temp Error #6':
    '"_dns_error.org" is in no record of the case: the source relies on its live resolver failing; in a hermetic zone the name does not exist → none (§4.3)',
  'basic.yml DNS Lookup Limits #8':
    't1.org … t10.org are in no record of the case (the source resolves them on the live Internet); here they are void, and the 3rd void lookup is permerror (§4.6.4)',
  'basic.yml DNS Lookup Limits #13':
    'mx.test.org has 11 MX records: §4.6.4 says the mx mechanism MUST then give permerror (stalwart only looks at the first 10)',
  'basic.yml HELO identity #17':
    "the source's verify() also evaluates the HELO identity (mx.test.org -all → fail); checkSpf evaluates one identity, MAIL FROM here (test.org +all → pass)",
  'exists.yml Exists #1':
    'ip6.test.org has only AAAA records: §5.7 says exists always looks up A, even for IPv6 clients, so no match → fail',
  'include.yml Include match #5':
    '"_dns_error.test.org" is in no record: the source relies on its live resolver failing; a non-existent include target is permerror (§5.2)',
  'ip.yml IPv6 match #10':
    'ip6:::ffff:10.1.2.3 against IPv4 client 10.1.2.3: ip6 mechanisms match IPv6 clients only (§5.6; the RFC 7208 suite case cidr6-0-ip4 agrees)',
  'macro.yml Macro expansion 2 #3':
    'the exists: target has only an AAAA record and the client is IPv6: §5.7 exists looks up A only → fail',
};

describe('stalwart mail-auth SPF cases (read line by line)', () => {
  it('answers as the source does except where RFC 7208 says otherwise', async () => {
    let passed = 0;
    let total = 0;
    const failed: string[] = [];
    for (const file of readdirSync(corpusPath('spf/stalwart-mail-auth')).sort()) {
      for (const c of loadStalwart(file)) {
        total++;
        const r = await checkSpf({
          ip: c.ip,
          sender: c.sender,
          helo: c.helo,
          receiver: 'localdomain.org',
          resolver: createFixtureResolver(c.zone),
        });
        const ok = r.result === c.result && (c.explanation === '' || r.explanation === c.explanation);
        if (ok) passed++;
        else failed.push(`${c.file} ${c.scenario} #${c.index}`);
      }
    }
    console.log(
      `stalwart mail-auth: ${passed}/${total} passed; differences:\n${failed.map((f) => `  ${f}: ${STALWART_DIFFERENCES[f] ?? '(unexplained)'}`).join('\n')}`,
    );
    expect(total).toBe(163);
    expect(passed).toBeGreaterThanOrEqual(154);
    expect(failed.sort()).toEqual(Object.keys(STALWART_DIFFERENCES).sort());
  });
});
