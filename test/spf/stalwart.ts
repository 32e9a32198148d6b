// Reads stalwart mail-auth's SPF cases line by line, as its own test does (resources/spf/*.yml is a
// YAML look-alike whose `records:` repeat keys, so a YAML parser would keep only the last one; see
// ../shared/corpus/SOURCES.md). Records accumulate through a file; each `expect:` is a case evaluated
// against the records seen so far. Conventions of the source's driver, kept here:
// - `domain:` is the HELO name, `sender:` the MAIL FROM, `ip:` the client; the receiver (%{r}) is
//   "localdomain.org";
// - `mx: <name> <ip>, <ip>` publishes one MX per IP, named `mx.<ip>.<position>`, preference position+1;
// - `ptr: <ip> <name>, <name>` publishes the PTR names of an IP; `exp:` lines are TXT records.
import ipaddr from 'ipaddr.js';
import type { FixtureRecord, FixtureZone } from '../../src/dns/index.js';
import { readCorpus } from '../corpus.js';

export interface StalwartCase {
  file: string;
  scenario: string;
  index: number;
  helo: string;
  sender: string;
  ip: string;
  result: string;
  explanation: string;
  /** Snapshot of the zone when the case was reached. */
  zone: FixtureZone;
}

function reverseName(ip: string): string {
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv4')
    return `${(addr as ipaddr.IPv4).octets.slice().reverse().join('.')}.in-addr.arpa`;
  const nibbles = addr.toByteArray().flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

export function loadStalwart(file: string): StalwartCase[] {
  const zone: Record<string, FixtureRecord> = {};
  const at = (name: string): FixtureRecord => {
    const key = name.toLowerCase().replace(/\.$/, '');
    zone[key] ??= {};
    return zone[key];
  };
  const cases: StalwartCase[] = [];
  for (const doc of readCorpus(`spf/stalwart-mail-auth/${file}`).split('---\n')) {
    let scenario = '';
    let helo = '';
    let sender = '';
    let ip = '127.0.0.1';
    for (const raw of doc.split('\n')) {
      let line = raw.trim();
      if (line.startsWith('-')) line = line.slice(1).trim();
      const field = /^([a-z]+):\s*(.*)$/.exec(line);
      if (field === null) continue;
      const key = field[1] as string;
      const value = (field[2] as string).trim();
      const space = value.indexOf(' ');
      const name = space < 0 ? value : value.slice(0, space);
      const rest = space < 0 ? '' : value.slice(space + 1);
      const list = rest.split(',').map((s) => s.trim());
      switch (key) {
        case 'name':
          scenario = value;
          break;
        case 'spf':
        case 'exp':
          // The source's cache holds one TXT value per name, replaced by a later line.
          at(name).TXT = [rest];
          break;
        case 'a':
          at(name).A = list;
          break;
        case 'aaaa':
          at(name).AAAA = list;
          break;
        case 'ptr':
          at(reverseName(name)).PTR = list;
          break;
        case 'mx':
          at(name).MX = list.map((addr, pos) => {
            const exchange = `mx.${addr}.${pos}`;
            if (ipaddr.parse(addr).kind() === 'ipv4') at(exchange).A = [addr];
            else at(exchange).AAAA = [addr];
            return { exchange, priority: pos + 1 };
          });
          break;
        case 'domain':
          helo = value;
          break;
        case 'sender':
          sender = value;
          break;
        case 'ip':
          ip = value;
          break;
        case 'expect': {
          const sp = value.indexOf(' ');
          cases.push({
            file,
            scenario,
            index: cases.length,
            helo,
            sender,
            ip,
            result: sp < 0 ? value : value.slice(0, sp),
            explanation: sp < 0 ? '' : value.slice(sp + 1).trim(),
            zone: structuredClone(zone),
          });
          break;
        }
      }
    }
  }
  return cases;
}
