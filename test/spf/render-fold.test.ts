import { describe, expect, it } from 'vitest';
import { createFixtureResolver, parseFixtureZone } from '../../src/dns/index.js';
import { checkSpf } from '../../src/spf/index.js';
import { renderSpfText } from '../../src/spf/render.js';

describe('the SPF trace folds terms never reached', () => {
  it('a record of 1,000 ip4 terms decided by the first: one line for the 998 others', async () => {
    const terms = Array.from({ length: 1000 }, (_, i) => `ip4:198.51.${Math.floor(i / 256)}.${i % 256}`);
    const resolver = createFixtureResolver(
      parseFixtureZone({ 'example.com': { TXT: [`v=spf1 ${terms.join(' ')} -all`] } }),
    );
    const result = await checkSpf({ ip: '198.51.0.0', domain: 'example.com', resolver });
    expect(result.result).toBe('pass');
    const en = renderSpfText(result, { lang: 'en', color: false });
    const ja = renderSpfText(result, { lang: 'ja', color: false });
    // the matching term, the first term not reached, then one folded line for the other 999 (998 ip4 + -all)
    expect(en).toContain('… 999 more terms not reached');
    expect(ja).toContain('未評価の項目があと 999 個');
    expect(en.split('\n').length).toBeLessThan(20);
  });

  it('a short tail stays as it is', async () => {
    const resolver = createFixtureResolver(
      parseFixtureZone({ 'example.com': { TXT: ['v=spf1 ip4:192.0.2.1 mx a -all'] } }),
    );
    const result = await checkSpf({ ip: '192.0.2.1', domain: 'example.com', resolver });
    expect(renderSpfText(result, { lang: 'en', color: false })).not.toContain('more terms not reached');
  });
});
