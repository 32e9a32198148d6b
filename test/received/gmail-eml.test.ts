// For every message in ../shared/corpus/eml stamped by Gmail's inbound MX, the chain's sending host
// must be the client of the topmost `Received: from … by mx.google.com` hop.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { analyzeChain, parseReceived } from '../../src/received/index.js';
import { corpusPath } from '../corpus.js';
import { splitHeaders } from './helpers.js';

function emlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...emlFiles(p));
    else if (name.endsWith('.eml')) out.push(p);
  }
  return out;
}

const root = corpusPath('eml');
const gmailStamped = emlFiles(root).filter((p) =>
  splitHeaders(readFileSync(p, 'latin1')).some(
    (f) => f.lname === 'received' && /^from\s/i.test(f.value) && /\bby mx\.google\.com\b/i.test(f.value),
  ),
);

describe('Gmail-stamped messages in the corpus', () => {
  it('finds the Gmail-stamped messages', () => {
    expect(gmailStamped.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of gmailStamped) {
    it(`sending host is the mx.google.com hop: ${relative(root, file)}`, () => {
      const fields = splitHeaders(readFileSync(file, 'latin1'));
      const chain = analyzeChain(fields);
      const mxField = fields.find(
        (f) => f.lname === 'received' && /^from\s/i.test(f.value) && /\bby mx\.google\.com\b/i.test(f.value),
      );
      const expected = parseReceived(mxField?.value ?? '');
      expect(expected).not.toBeNull();
      expect(chain.sendingHostPosition).not.toBeNull();
      const sending = chain.hops[chain.sendingHostPosition ?? -1];
      expect(sending?.fieldIndex).toBe(mxField?.index);
      // The hop's client as Gmail wrote it: `from HELO (PTR. [IP])`.
      const m = /^from (\S+) \((?:(\S+?)\.? )?\[(?:IPv6:)?([^\]]+)\]\)/i.exec(mxField?.value ?? '');
      expect(m).not.toBeNull();
      expect(sending?.hop?.helo).toBe(m?.[1]);
      if (m?.[2]) expect(sending?.hop?.rdns).toBe(m[2]);
      const written = m?.[3] ?? '';
      if (ipaddr.isValid(written)) {
        expect(sending?.hop?.ip).toBe(ipaddr.parse(written).toString());
      } else {
        // e.g. OpenARC-128's anonymised `[12.345.67.12]`: no ip, but the hop and its names stay.
        expect(sending?.hop?.ip).toBeUndefined();
        expect(sending?.hop?.ipInvalid).toBe(true);
      }
      expect(chain.receiverDomain).toBe('google.com');
      // Every hop above and including the MX belongs to Google's side.
      expect(chain.receiverHosts).toContain('mx.google.com');
      // Each hop with a readable date has a delay, except the oldest dated one.
      const dated = chain.hops.filter((h) => h.dateMs !== null);
      expect(dated.slice(0, -1).every((h) => h.delaySeconds !== null)).toBe(true);
      expect(dated[dated.length - 1]?.delaySeconds).toBeNull();
    });
  }
});
