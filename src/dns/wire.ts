/**
 * A minimal DNS message codec (RFC 1035 §4) for the few queries c-ares refuses to make or to parse:
 * names with octets it rejects (EBADNAME: "foo:bar/baz", spaces — legal on the wire, RFC 2181 §11, and
 * exercised by the RFC 7208 suite) and answers it rejects (EBADRESP: a TXT record with no strings).
 * Pure (Uint8Array only); the sockets are in node.ts.
 */
import { DnsError, type MxRecord, type RecordMap, type RecordType } from './index.js';

const QTYPE: Record<RecordType, number> = { A: 1, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };
const RCODE_ERRORS: Record<number, string> = {
  1: 'EFORMERR',
  2: 'ESERVFAIL',
  3: 'ENOTFOUND',
  4: 'ENOTIMP',
  5: 'EREFUSED',
};

/** Bytes of a label: Latin-1 when every character fits in one octet (as node:dns decodes), else UTF-8. */
function labelBytes(label: string): Uint8Array {
  if (/^[\x00-\xff]*$/.test(label)) return Uint8Array.from(label, (c) => c.charCodeAt(0));
  return new TextEncoder().encode(label);
}

export function encodeQuery(id: number, name: string, type: RecordType): Uint8Array {
  const labels = name.replace(/\.$/, '').split('.').map(labelBytes);
  const out: number[] = [id >> 8, id & 255, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) throw new DnsError('EBADNAME', name, type);
    out.push(label.length, ...label);
  }
  out.push(0);
  if (out.length - 12 > 255) throw new DnsError('EBADNAME', name, type);
  const qtype = QTYPE[type];
  out.push(qtype >> 8, qtype & 255, 0, 1);
  return Uint8Array.from(out);
}

export interface DecodedReply {
  id: number;
  truncated: boolean;
  /** Records of the asked type, or the error code of the reply. */
  result: { ok: true; records: RecordMap[RecordType] } | { ok: false; code: string };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Reads a possibly compressed name at `offset`; returns it and the offset after it. */
function readName(msg: Uint8Array, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let pos = offset;
  let next = -1;
  for (let jumps = 0; jumps < 64; jumps++) {
    const len = msg[pos];
    if (len === undefined) throw new Error('truncated name');
    if (len === 0) {
      return { name: labels.join('.'), next: next < 0 ? pos + 1 : next };
    }
    if ((len & 0xc0) === 0xc0) {
      const low = msg[pos + 1];
      if (low === undefined) throw new Error('truncated pointer');
      if (next < 0) next = pos + 2;
      pos = ((len & 0x3f) << 8) | low;
      continue;
    }
    labels.push(latin1(msg.subarray(pos + 1, pos + 1 + len)));
    pos += 1 + len;
  }
  throw new Error('name compression loop');
}

function u16(msg: Uint8Array, at: number): number {
  const hi = msg[at];
  const lo = msg[at + 1];
  if (hi === undefined || lo === undefined) throw new Error('truncated message');
  return (hi << 8) | lo;
}

export function decodeReply(msg: Uint8Array, type: RecordType): DecodedReply {
  const id = u16(msg, 0);
  const flags = u16(msg, 2);
  const truncated = (flags & 0x0200) !== 0;
  const rcode = flags & 0x0f;
  if (rcode !== 0) {
    return { id, truncated, result: { ok: false, code: RCODE_ERRORS[rcode] ?? 'EBADRESP' } };
  }
  const qd = u16(msg, 4);
  const an = u16(msg, 6);
  let pos = 12;
  for (let i = 0; i < qd; i++) pos = readName(msg, pos).next + 4;
  const want = QTYPE[type];
  const txt: string[][] = [];
  const strings: string[] = [];
  const mx: MxRecord[] = [];
  for (let i = 0; i < an; i++) {
    pos = readName(msg, pos).next;
    const rtype = u16(msg, pos);
    const rdlength = u16(msg, pos + 8);
    const rdata = pos + 10;
    pos = rdata + rdlength;
    if (pos > msg.length) throw new Error('truncated record');
    if (rtype !== want) continue; // CNAMEs on the way are followed by the server
    switch (type) {
      case 'A':
        strings.push(Array.from(msg.subarray(rdata, rdata + 4)).join('.'));
        break;
      case 'AAAA': {
        const groups: string[] = [];
        for (let g = 0; g < 16; g += 2) groups.push(u16(msg, rdata + g).toString(16));
        strings.push(groups.join(':'));
        break;
      }
      case 'PTR':
        strings.push(readName(msg, rdata).name);
        break;
      case 'MX':
        mx.push({ priority: u16(msg, rdata), exchange: readName(msg, rdata + 2).name });
        break;
      case 'TXT': {
        // A TXT record with no character-string at all is illegal but seen; it is kept as [].
        const chunks: string[] = [];
        let p = rdata;
        while (p < rdata + rdlength) {
          const len = msg[p] ?? 0;
          chunks.push(latin1(msg.subarray(p + 1, p + 1 + len)));
          p += 1 + len;
        }
        txt.push(chunks);
        break;
      }
    }
  }
  const records = type === 'TXT' ? txt : type === 'MX' ? mx : strings;
  if (records.length === 0) return { id, truncated, result: { ok: false, code: 'ENODATA' } };
  return { id, truncated, result: { ok: true, records } };
}
