// --trusted-networks entries: the forms SpamAssassin's trusted_networks reads, and the ones that are
// not networks (a usage error in the CLI, ignored by the library).
import { describe, expect, it } from 'vitest';
import { inNetworks, parseNetworks, unreadableNetworks } from '../../src/received/networks.js';
import { runCli } from '../cli/run.js';

describe('trusted networks', () => {
  it('reads CIDRs, bare addresses, SpamAssassin short forms and exclusions; first match wins', () => {
    const rules = parseNetworks(['10/8, !192.0.2.5 192.0.2.0/24', '2001:db8::/32', '198.51.100.7']);
    expect(inNetworks(rules, '10.1.2.3')).toBe(true);
    expect(inNetworks(rules, '192.0.2.5')).toBe(false);
    expect(inNetworks(rules, '192.0.2.6')).toBe(true);
    expect(inNetworks(rules, '2001:db8:1::1')).toBe(true);
    expect(inNetworks(rules, '198.51.100.7')).toBe(true);
    expect(inNetworks(rules, '198.51.100.8')).toBe(false);
  });

  it('names the entries that are not networks', () => {
    expect(unreadableNetworks(['10/8', '192.0.2.0/24', '!2001:db8::/32', '[192.0.2.1]'])).toEqual([]);
    expect(unreadableNetworks(['300.1.1.0/24', '192.0.2.0/33', 'mail.example.com', '192.0.2.0/x'])).toEqual([
      '300.1.1.0/24',
      '192.0.2.0/33',
      'mail.example.com',
      '192.0.2.0/x',
    ]);
  });

  it('the CLI refuses them with a usage error (exit 2), in explain and in scan', () => {
    for (const args of [
      ['--trusted-networks', '192.0.2.0/33', 'samples/sakura-softfail.eml'],
      ['scan', '--quiet', '--trusted-networks', '10/8,300.1.1.0/24', 'samples'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(
        /is invalid\. not a network: (192\.0\.2\.0\/33|300\.1\.1\.0\/24) \(/,
      );
    }
  });
});
