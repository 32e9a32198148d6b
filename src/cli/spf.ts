/**
 * `mailwhy spf <domain> --ip <ip>`: a live SPF evaluation with its trace. The command is itself an
 * explicit online request: it uses the Node resolver (system DNS or --dns-server), or the fixture
 * when --dns-fixture is given. Thin: options → checkSpf → render → exit status.
 */

import type { Resolver } from '../dns/index.js';
import { checkSpf, parseClientIp } from '../spf/check.js';
import { renderSpfJson, renderSpfText } from '../spf/render.js';
import { makeResolver, ResolverError } from './resolver.js';

export interface RunSpfOptions {
  domain: string;
  ip: string;
  sender?: string;
  helo?: string;
  /** A record to test instead of the published one (`--record "v=spf1 …"`). */
  record?: string;
  format: 'text' | 'json';
  lang: 'ja' | 'en';
  /** `IP[:PORT]` of the DNS server to ask instead of the system's. */
  dnsServer?: string;
  /** A JSON zone file (docs/dns-fixture.md) answering instead of DNS. */
  dnsFixture?: string;
  color: boolean;
  /** Per-query DNS timeout in ms (default 2000, two tries); the whole check stops after 20 s. */
  dnsTimeoutMs?: number;
}

export interface RunSpfOutput {
  stdout: string;
  /** Usage errors (exit status 2) are written here, never to stdout. */
  stderr?: string;
  /** 0 = pass, 1 = any other SPF result, 2 = bad usage. */
  exitCode: number;
}

function usage(message: string): RunSpfOutput {
  return { stdout: '', stderr: `mailwhy spf: ${message}\n`, exitCode: 2 };
}

export async function runSpf(options: RunSpfOptions): Promise<RunSpfOutput> {
  if (parseClientIp(options.ip) === null)
    return usage(`--ip: "${options.ip}" is not an IPv4 or IPv6 address`);
  if (options.domain.trim() === '') return usage('a domain is required');
  let resolver: Resolver;
  try {
    resolver = await makeResolver(options);
  } catch (error) {
    if (error instanceof ResolverError) return usage(error.message);
    throw error;
  }
  const queryTimeout = (options.dnsTimeoutMs ?? 2000) * 3;
  const result = await checkSpf({
    ip: options.ip,
    domain: options.domain,
    ...(options.sender !== undefined ? { sender: options.sender } : {}),
    helo: options.helo ?? options.domain,
    ...(options.record !== undefined ? { record: options.record } : {}),
    resolver,
    limits: { queryTimeoutMs: queryTimeout, totalTimeoutMs: Math.max(20000, queryTimeout * 2) },
  });
  const stdout =
    options.format === 'json'
      ? renderSpfJson(result)
      : renderSpfText(result, { lang: options.lang, color: options.color });
  return { stdout, exitCode: result.result === 'pass' ? 0 : 1 };
}
