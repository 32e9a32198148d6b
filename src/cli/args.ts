/** Option values shared by the commands, read and checked as commander hands them over. */
import { InvalidArgumentError } from 'commander';
import { unreadableNetworks } from '../received/networks.js';

/**
 * `--trusted-networks`: comma-separated CIDRs (or addresses, or SpamAssassin's `10/8`, `!net`). An
 * entry that is not one is a usage error, not a network silently left out.
 */
export function parseCidrList(value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = unreadableNetworks(list);
  if (bad.length > 0)
    throw new InvalidArgumentError(`not a network: ${bad.join(', ')} (e.g. 192.0.2.0/24, 2001:db8::/32)`);
  return list;
}
