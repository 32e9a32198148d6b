/**
 * The Node resolver: the only file of src/dns that touches the network (node:dns). `mailwhy spf` and
 * `--online` use it; everything else gets a fixture or the deny-all resolver.
 */
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { Resolver as NodeDnsResolver } from 'node:dns/promises';
import { connect, isIP } from 'node:net';
import { DnsError, dnsErrorCode, type RecordMap, type RecordType, type Resolver } from './index.js';
import { decodeReply, encodeQuery } from './wire.js';

export interface NodeResolverOptions {
  /** DNS servers as `IP`, `IP:PORT`, `[IPv6]:PORT` (the `--dns-server` value); default: the system's. */
  servers?: string[];
  /** Per-attempt timeout in milliseconds (c-ares doubles it on each retry); default 2000. */
  timeout?: number;
  /** Attempts per server before ETIMEOUT; default 2. */
  tries?: number;
}

export interface NodeResolver extends Resolver {
  /** Cancels every outstanding query (they reject with ECANCELLED). */
  cancel(): void;
}

/**
 * Parses a `--dns-server` value into the form `setServers` takes, or throws an Error saying why
 * (the CLI turns it into exit status 2).
 */
export function parseDnsServer(value: string): string {
  const text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  let host: string;
  let port: string | undefined;
  if (bracketed !== null) {
    host = bracketed[1] ?? '';
    port = bracketed[2];
  } else if (isIP(text) !== 0) {
    host = text;
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    port = colon < 0 ? undefined : text.slice(colon + 1);
  }
  const family = isIP(host);
  if (family === 0) throw new Error(`--dns-server: "${value}" is not an IP address (IP or IP:PORT)`);
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n < 1 || n > 65535) throw new Error(`--dns-server: bad port in "${value}"`);
  }
  const address = family === 6 ? `[${host}]` : host;
  return port === undefined ? host : `${address}:${port}`;
}

function toDnsError(error: unknown, name: string, type: RecordType): DnsError {
  const message = error instanceof Error ? error.message : String(error);
  return new DnsError(dnsErrorCode(error), name, type, message);
}

interface Server {
  host: string;
  port: number;
}

/** Splits what `getServers()` returns (`1.2.3.4`, `1.2.3.4:53`, `::1`, `[::1]:53`). */
function serverAddress(text: string): Server {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed !== null) return { host: bracketed[1] ?? '', port: Number(bracketed[2] ?? 53) };
  if (isIP(text) !== 0) return { host: text, port: 53 };
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}

function udpExchange(server: Server, query: Uint8Array, timeout: number): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const done = (value: Uint8Array | null): void => {
      clearTimeout(timer);
      socket.close();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeout);
    socket.on('error', () => done(null));
    socket.on('message', (message: Buffer) => {
      if (message.length >= 2 && message[0] === query[0] && message[1] === query[1])
        done(new Uint8Array(message));
    });
    socket.send(query, server.port, server.host);
  });
}

function tcpExchange(server: Server, query: Uint8Array, timeout: number): Promise<Uint8Array | string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, server.host);
    let buffer = Buffer.alloc(0);
    const done = (value: Uint8Array | string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done('ETIMEOUT'), timeout);
    socket.on('error', (error: Error) =>
      done(dnsErrorCode(error) === 'ECONNREFUSED' ? 'ECONNREFUSED' : 'ECONNRESET'),
    );
    socket.on('connect', () => {
      const frame = Buffer.alloc(query.length + 2);
      frame.writeUInt16BE(query.length, 0);
      frame.set(query, 2);
      socket.write(frame);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        done(new Uint8Array(buffer.subarray(2, 2 + buffer.readUInt16BE(0))));
      }
    });
    socket.on('end', () => done('ECONNRESET'));
  });
}

/**
 * Asks the servers directly, over UDP then TCP when truncated, with the same timeout and tries.
 * Used only where c-ares refuses a legal query (EBADNAME) or a tolerable answer (EBADRESP).
 */
async function wireQuery<T extends RecordType>(
  servers: Server[],
  name: string,
  type: T,
  timeout: number,
  tries: number,
): Promise<RecordMap[T]> {
  let lastCode = 'ETIMEOUT';
  for (let attempt = 0; attempt < tries; attempt++) {
    for (const server of servers) {
      const query = encodeQuery(randomInt(0, 65536), name, type);
      let reply = await udpExchange(server, query, timeout);
      if (reply === null) continue;
      let decoded = decodeReply(reply, type);
      if (decoded.truncated) {
        const viaTcp = await tcpExchange(server, query, timeout);
        if (typeof viaTcp === 'string') {
          lastCode = viaTcp;
          continue;
        }
        reply = viaTcp;
        decoded = decodeReply(reply, type);
      }
      if (decoded.result.ok) return decoded.result.records as RecordMap[T];
      if (decoded.result.code === 'ESERVFAIL' || decoded.result.code === 'EREFUSED') {
        lastCode = decoded.result.code;
        continue;
      }
      throw new DnsError(decoded.result.code, name, type);
    }
  }
  throw new DnsError(lastCode, name, type);
}

/** A resolver over node:dns, with its own server list, timeout and tries (never the global resolver). */
export function createNodeResolver(options: NodeResolverOptions = {}): NodeResolver {
  const timeout = options.timeout ?? 2000;
  const tries = options.tries ?? 2;
  const dns = new NodeDnsResolver({ timeout, tries });
  if (options.servers !== undefined && options.servers.length > 0) {
    dns.setServers(options.servers.map(parseDnsServer));
  }
  const query = async (name: string, type: RecordType): Promise<RecordMap[RecordType]> => {
    switch (type) {
      case 'TXT':
        return dns.resolveTxt(name);
      case 'A':
        return dns.resolve4(name);
      case 'AAAA':
        return dns.resolve6(name);
      case 'MX':
        return (await dns.resolveMx(name)).map((m) => ({ exchange: m.exchange, priority: m.priority }));
      case 'PTR':
        return dns.resolvePtr(name);
    }
  };
  const resolve = async <T extends RecordType>(name: string, type: T): Promise<RecordMap[T]> => {
    try {
      return (await query(name, type)) as RecordMap[T];
    } catch (error) {
      const code = dnsErrorCode(error);
      if (code === 'EBADNAME' || (code === 'EBADRESP' && type === 'TXT')) {
        try {
          return await wireQuery(dns.getServers().map(serverAddress), name, type, timeout, tries);
        } catch (wireError) {
          throw toDnsError(wireError, name, type);
        }
      }
      throw toDnsError(error, name, type);
    }
  };
  return Object.assign(resolve, { cancel: () => dns.cancel() });
}
