// A real DNS server on loopback for tests: UDP (and TCP for the truncation fallback) on 127.0.0.1,
// a random port, answering from the same JSON zone format as the fixture resolver (docs/dns-fixture.md).
// Built on dns-packet over node:dgram / node:net. Error codes in the zone become wire behaviour:
// ETIMEOUT → no answer at all, ESERVFAIL → RCODE 2, EREFUSED → RCODE 5, ENOTFOUND → RCODE 3.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import dnsPacket from 'dns-packet';
import type { FixtureRecord, FixtureZone, RecordType } from '../../src/dns/index.js';

export interface DnsServerOptions {
  /** Also listen on TCP on the same port (RFC 7766 fallback after TC=1). Default true. */
  tcp?: boolean;
  /** Largest UDP response; anything bigger is sent empty with TC=1 (RFC 1035 §4.2.1: 512). */
  udpLimit?: number;
  /** Names always answered with TC=1 over UDP, whatever their size. */
  truncate?: string[];
  /** Delay before answering, in ms. */
  delayMs?: number;
}

export interface ServedQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface DnsServer {
  port: number;
  /** Every query received, in order. */
  queries: ServedQuery[];
  close(): Promise<void>;
}

const RCODE: Record<string, number> = { ENOTFOUND: 3, ESERVFAIL: 2, EREFUSED: 5, ENOTIMP: 4, EFORMERR: 1 };
const SUPPORTED = new Set<string>(['TXT', 'A', 'AAAA', 'MX', 'PTR']);

function norm(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** TXT strings: Latin-1 when every character fits a byte (the suites' "\xEF" escapes), else UTF-8. */
function txtBytes(text: string): Buffer {
  const bytes = /^[\x00-\xff]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
  // RFC 1035 §3.3: a character-string is at most 255 octets; a longer one is a mistake in the zone.
  if (bytes.length > 255)
    throw new Error(`TXT string longer than 255 octets: split it (${text.slice(0, 40)}…)`);
  return bytes;
}

type Reply = { kind: 'drop' } | { kind: 'answer'; rcode: number; answers: dnsPacket.Answer[] };

function lookup(zone: Map<string, FixtureRecord>, qname: string, qtype: string): Reply {
  const answers: dnsPacket.Answer[] = [];
  let current = norm(qname);
  const seen = new Set<string>();
  for (;;) {
    const record = zone.get(current);
    if (record === undefined) return { kind: 'answer', rcode: answers.length > 0 ? 0 : 3, answers };
    const type = qtype as RecordType;
    const forced = SUPPORTED.has(qtype) ? record.errors?.[type] : undefined;
    if (forced !== undefined)
      return forced === 'ETIMEOUT'
        ? { kind: 'drop' }
        : { kind: 'answer', rcode: RCODE[forced] ?? 2, answers: [] };
    if (record.CNAME !== undefined) {
      if (seen.has(current) || seen.size > 8) return { kind: 'answer', rcode: 2, answers: [] };
      seen.add(current);
      answers.push({ type: 'CNAME', name: current, ttl: 60, data: norm(record.CNAME) });
      current = norm(record.CNAME);
      continue;
    }
    const data = SUPPORTED.has(qtype) ? record[type] : undefined;
    if (data === undefined || data.length === 0) {
      const error = record.error;
      if (error === undefined || error === 'ENODATA') return { kind: 'answer', rcode: 0, answers };
      if (error === 'ETIMEOUT') return { kind: 'drop' };
      return { kind: 'answer', rcode: RCODE[error] ?? 2, answers };
    }
    for (const item of data) {
      const name = current;
      if (qtype === 'TXT') {
        const strings = typeof item === 'string' ? [item] : (item as string[]);
        answers.push({ type: 'TXT', name, ttl: 60, data: strings.map(txtBytes) });
      } else if (qtype === 'MX') {
        const mx = item as { exchange: string; priority: number };
        answers.push({ type: 'MX', name, ttl: 60, data: { preference: mx.priority, exchange: mx.exchange } });
      } else if (qtype === 'PTR') {
        answers.push({ type: 'PTR', name, ttl: 60, data: norm(item as string) });
      } else {
        answers.push({ type: qtype as 'A' | 'AAAA', name, ttl: 60, data: item as string });
      }
    }
    return { kind: 'answer', rcode: 0, answers };
  }
}

/** Starts the server; resolve → listening. `close()` stops both transports. */
export async function startDnsServer(zone: FixtureZone, options: DnsServerOptions = {}): Promise<DnsServer> {
  const names = new Map<string, FixtureRecord>();
  for (const [name, record] of Object.entries(zone)) names.set(norm(name), record);
  const truncate = new Set((options.truncate ?? []).map(norm));
  const udpLimit = options.udpLimit ?? 512;
  const queries: ServedQuery[] = [];

  const respond = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return null;
    }
    const question = query.questions?.[0];
    if (question === undefined) return null;
    queries.push({ name: question.name, type: question.type, transport });
    const reply = lookup(names, question.name, question.type);
    if (reply.kind === 'drop') return null;
    const flags =
      dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_AVAILABLE | (query.flags ?? 0) | reply.rcode;
    const response: dnsPacket.Packet = {
      type: 'response',
      id: query.id ?? 0,
      flags: flags & ~dnsPacket.TRUNCATED_RESPONSE,
      questions: [question],
      answers: reply.answers,
    };
    const encoded = dnsPacket.encode(response);
    if (transport === 'udp' && (encoded.length > udpLimit || truncate.has(norm(question.name)))) {
      // RFC 1035 §4.2.1 / RFC 7766: too big for UDP → TC=1, the client retries over TCP.
      return dnsPacket.encode({ ...response, answers: [], flags: flags | dnsPacket.TRUNCATED_RESPONSE });
    }
    return encoded;
  };

  const later = (fn: () => void): void => {
    if (options.delayMs !== undefined && options.delayMs > 0) setTimeout(fn, options.delayMs);
    else fn();
  };

  let closed = false;
  const sockets = new Set<Socket>();
  const handleTcp = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (buffer.length < 2 + length) break;
        const message = buffer.subarray(2, 2 + length);
        buffer = buffer.subarray(2 + length);
        later(() => {
          const out = respond(message, 'tcp');
          if (out === null || socket.destroyed) return;
          const frame = Buffer.alloc(2 + out.length);
          frame.writeUInt16BE(out.length, 0);
          out.copy(frame, 2);
          socket.write(frame);
        });
      }
    });
  };

  // UDP takes a random port; TCP must get the same number. If that TCP port is taken, start over.
  const open = async (): Promise<{
    udp: ReturnType<typeof createSocket>;
    tcp: Server | null;
    port: number;
  }> => {
    const udp = createSocket('udp4');
    udp.on('message', (message: Buffer, remote: RemoteInfo) => {
      later(() => {
        const out = respond(message, 'udp');
        if (out !== null && !closed) udp.send(out, remote.port, remote.address);
      });
    });
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => {
        udp.off('error', reject);
        resolve(udp.address().port);
      });
    });
    if (options.tcp === false) return { udp, tcp: null, port };
    const tcp = createServer(handleTcp);
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, '127.0.0.1', () => {
          tcp.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      udp.close();
      throw error;
    }
    return { udp, tcp, port };
  };
  let opened: Awaited<ReturnType<typeof open>> | undefined;
  for (let attempt = 0; opened === undefined; attempt++) {
    try {
      opened = await open();
    } catch (error) {
      if (attempt >= 9) throw error;
    }
  }
  const { udp, tcp, port } = opened;

  return {
    port,
    queries,
    close: async () => {
      closed = true;
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        tcp === null ? Promise.resolve() : new Promise<void>((resolve) => tcp?.close(() => resolve())),
      ]);
    },
  };
}
