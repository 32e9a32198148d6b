// The resolver the command line asks for: a JSON zone file, a given DNS server, or the system's.
import { readFile } from 'node:fs/promises';
import { createFixtureResolver, parseFixtureZone, type Resolver } from '../dns/index.js';
import { createNodeResolver, parseDnsServer } from '../dns/node.js';

export interface ResolverChoice {
  dnsServer?: string;
  dnsFixture?: string;
  /** Per-query timeout in milliseconds. */
  dnsTimeoutMs?: number;
}

export class ResolverError extends Error {}

/** Builds the resolver; throws ResolverError with a one-line reason for a bad file or server. */
export async function makeResolver(choice: ResolverChoice): Promise<Resolver> {
  if (choice.dnsFixture !== undefined) {
    try {
      return createFixtureResolver(parseFixtureZone(JSON.parse(await readFile(choice.dnsFixture, 'utf8'))));
    } catch (error) {
      throw new ResolverError(
        `--dns-fixture ${choice.dnsFixture}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const servers: string[] = [];
  if (choice.dnsServer !== undefined) {
    try {
      servers.push(parseDnsServer(choice.dnsServer));
    } catch (error) {
      throw new ResolverError(error instanceof Error ? error.message : String(error));
    }
  }
  return createNodeResolver({ servers, timeout: choice.dnsTimeoutMs ?? 2000, tries: 2 });
}
