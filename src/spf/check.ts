/**
 * check_host() of RFC 7208 (§4), with a trace of every term, every DNS query and every reason.
 * Pure: DNS comes through the injected resolver; every IP/CIDR comparison goes through ipaddr.js.
 */
import ipaddr from 'ipaddr.js';
import { dnsErrorCode, type RecordMap, type RecordType, type Resolver, VOID_CODES } from '../dns/index.js';
import { expandMacros, type MacroValues, parseMacroString } from './macro.js';
import { isSpfRecord, parseDomainSpec, parseSpfRecord } from './parse.js';
import type {
  CheckSpfOptions,
  Qualifier,
  SpfDnsQuery,
  SpfEvaluation,
  SpfLimits,
  SpfMechanism,
  SpfReason,
  SpfResult,
  SpfResultCode,
  SpfTermTrace,
} from './types.js';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

export const DEFAULT_SPF_LIMITS: Readonly<SpfLimits> = {
  dnsTerms: 10,
  voidLookups: 2,
  addresses: 10,
  queryTimeoutMs: 5000,
  totalTimeoutMs: 20000,
};

/** Thrown by checkSpf for arguments that are not an SPF question at all (e.g. an invalid IP). */
export class SpfUsageError extends Error {
  override name = 'SpfUsageError';
}

/** Internal: stops the evaluation with permerror/temperror; caught inside this module, never leaks. */
class Abort {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: SpfReason,
  ) {}
}

interface Context {
  ip: Ip;
  sender: string;
  localPart: string;
  senderDomain: string;
  helo: string;
  receiver: string;
  now: number;
  resolver: Resolver;
  limits: SpfLimits;
  deadline: number;
  dnsTerms: number;
  voids: number;
  queryCount: number;
  pCache: Map<string, Promise<string>>;
}

type Lookup<T extends RecordType> =
  | { ok: true; records: RecordMap[T]; void: boolean }
  | { ok: false; code: string };

function presentation(type: RecordType, records: RecordMap[RecordType]): string[] {
  if (type === 'TXT') return (records as string[][]).map((chunks) => chunks.join(''));
  if (type === 'MX') return (records as RecordMap['MX']).map((m) => `${m.priority} ${m.exchange}`);
  return [...(records as string[])];
}

/** One DNS query, bounded by the per-query timeout and the overall deadline, recorded in `into`. */
async function lookup<T extends RecordType>(
  ctx: Context,
  into: SpfDnsQuery[],
  name: string,
  type: T,
): Promise<Lookup<T>> {
  const remaining = ctx.deadline - Date.now();
  if (remaining <= 0) throw new Abort('temperror', { code: 'deadline', ms: ctx.limits.totalTimeoutMs });
  ctx.queryCount++;
  const entry: SpfDnsQuery = { name, type, answers: [], void: false };
  into.push(entry);
  const wait = Math.min(ctx.limits.queryTimeoutMs, remaining);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), wait);
  });
  try {
    const answer = await Promise.race([ctx.resolver(name, type), timeout]);
    if (answer === 'timeout') {
      entry.error = 'ETIMEOUT';
      if (wait < ctx.limits.queryTimeoutMs) {
        throw new Abort('temperror', { code: 'deadline', ms: ctx.limits.totalTimeoutMs });
      }
      return { ok: false, code: 'ETIMEOUT' };
    }
    entry.answers = presentation(type, answer);
    // RFC 7208 §4.6.4: an answer with no records is a void lookup, like NXDOMAIN.
    return { ok: true, records: answer, void: answer.length === 0 };
  } catch (error) {
    if (error instanceof Abort) throw error;
    const code = dnsErrorCode(error);
    entry.error = code;
    if (VOID_CODES.has(code)) return { ok: true, records: [] as unknown as RecordMap[T], void: true };
    return { ok: false, code };
  } finally {
    clearTimeout(timer);
  }
}

/** §4.6.4: counts a void lookup of a DNS-querying term; the third one is a permerror. */
function countVoid(ctx: Context, into: SpfDnsQuery[], result: { void: boolean }): void {
  if (!result.void) return;
  const last = into[into.length - 1];
  if (last !== undefined) last.void = true;
  ctx.voids++;
  if (ctx.voids > ctx.limits.voidLookups) {
    throw new Abort('permerror', { code: 'too-many-void-lookups', limit: ctx.limits.voidLookups });
  }
}

/** §4.6.4: include, a, mx, ptr, exists and redirect count; the 11th is a permerror. */
function countDnsTerm(ctx: Context): void {
  ctx.dnsTerms++;
  if (ctx.dnsTerms > ctx.limits.dnsTerms) {
    throw new Abort('permerror', { code: 'too-many-dns-terms', limit: ctx.limits.dnsTerms });
  }
}

function addressType(ip: Ip): 'A' | 'AAAA' {
  return ip.kind() === 'ipv4' ? 'A' : 'AAAA';
}

/** Whether an address from DNS equals the client IP within `cidr` bits (same family only). */
function addressMatches(ctx: Context, address: string, cidr: number): boolean {
  let parsed: Ip;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (parsed.kind() !== ctx.ip.kind()) return false;
  return ctx.ip.match(parsed, cidr);
}

function nibbles(ip: ipaddr.IPv6): string[] {
  return ip.toByteArray().flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
}

/** §5.5: the name queried for PTR. */
function reverseName(ip: Ip): string {
  if (ip.kind() === 'ipv4') return `${[...(ip as ipaddr.IPv4).octets].reverse().join('.')}.in-addr.arpa`;
  return `${nibbles(ip as ipaddr.IPv6)
    .reverse()
    .join('.')}.ip6.arpa`;
}

function isSameOrSubdomain(name: string, target: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const t = target.toLowerCase().replace(/\.$/, '');
  return n === t || n.endsWith(`.${t}`);
}

/**
 * The PTR validation of §5.5 (also used by %{p}, §7.3): the names of the client IP whose addresses
 * include the IP. Only the first `limits.addresses` PTR names are considered (§4.6.4); a name is only
 * validated when `wanted` accepts it, to spare queries.
 */
async function validatedNames(
  ctx: Context,
  into: SpfDnsQuery[],
  wanted: (name: string) => boolean,
  countVoidPtr: boolean,
): Promise<{ ok: true; names: string[] } | { ok: false; code: string }> {
  const ptr = await lookup(ctx, into, reverseName(ctx.ip), 'PTR');
  if (!ptr.ok) return ptr;
  if (countVoidPtr) countVoid(ctx, into, ptr);
  const names: string[] = [];
  for (const name of ptr.records.slice(0, ctx.limits.addresses)) {
    if (!wanted(name)) continue;
    const addresses = await lookup(ctx, into, name, addressType(ctx.ip));
    // §5.5: "If a DNS error occurs while doing an A RR lookup, then that domain name is skipped."
    if (!addresses.ok) continue;
    if (addresses.records.some((a) => addressMatches(ctx, a, ctx.ip.kind() === 'ipv4' ? 32 : 128))) {
      names.push(name.replace(/\.$/, ''));
    }
  }
  return { ok: true, names };
}

function macroValues(ctx: Context, domain: string, into: SpfDnsQuery[]): MacroValues {
  const v4 = ctx.ip.kind() === 'ipv4';
  return {
    s: ctx.sender,
    l: ctx.localPart,
    o: ctx.senderDomain,
    d: domain,
    i: v4 ? ctx.ip.toString() : nibbles(ctx.ip as ipaddr.IPv6).join('.'),
    h: ctx.helo,
    // §7.3: c is the readable form (RFC 5952 for IPv6), only in explanations.
    c: v4 ? ctx.ip.toString() : (ctx.ip as ipaddr.IPv6).toRFC5952String(),
    r: ctx.receiver,
    t: String(Math.floor(ctx.now / 1000)),
    v: v4 ? 'in-addr' : 'ip6',
    p: () => {
      // §7.3: a validated name of the IP, preferring <domain> or a subdomain of it; else "unknown".
      let cached = ctx.pCache.get(domain);
      if (cached === undefined) {
        cached = validatedNames(ctx, into, () => true, false).then((found) => {
          if (!found.ok || found.names.length === 0) return 'unknown';
          return found.names.find((n) => isSameOrSubdomain(n, domain)) ?? (found.names[0] as string);
        });
        ctx.pCache.set(domain, cached);
      }
      return cached;
    },
  };
}

/** §7.3: a name longer than 253 characters loses labels on the left until it fits. */
function fitName(name: string): string {
  let n = name.replace(/\.$/, '');
  while (n.length > 253 && n.includes('.')) n = n.slice(n.indexOf('.') + 1);
  return n;
}

function isQueryableName(name: string): boolean {
  if (name === '' || name.length > 253) return false;
  return name.split('.').every((label) => label.length > 0 && label.length <= 63);
}

async function expandTarget(
  ctx: Context,
  spec: string | undefined,
  domain: string,
  into: SpfDnsQuery[],
): Promise<string> {
  if (spec === undefined) return domain;
  const parsed = parseDomainSpec(spec);
  if (!parsed.ok) throw new Error(`unparsed domain-spec reached evaluation: ${spec}`);
  const name = fitName(await expandMacros(parsed.tokens, macroValues(ctx, domain, into)));
  if (!isQueryableName(name)) throw new Abort('permerror', { code: 'bad-target', name });
  return name;
}

const QUALIFIER_RESULT: Record<Qualifier, SpfResultCode> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};

interface MechanismOutcome {
  match: boolean;
  reason: SpfReason;
}

async function evaluateMechanism(
  ctx: Context,
  mech: SpfMechanism,
  domain: string,
  trace: SpfTermTrace,
): Promise<MechanismOutcome> {
  const q = trace.queries;
  switch (mech.name) {
    case 'all':
      return { match: true, reason: { code: 'all' } };
    case 'ip4':
    case 'ip6': {
      const network = mech.network as string;
      const cidr = mech.name === 'ip4' ? (mech.cidr4 ?? 32) : (mech.cidr6 ?? 128);
      const shown = `${network}/${cidr}`;
      const net = ipaddr.parse(network);
      // §5.6: ip4 only ever matches IPv4 clients, ip6 IPv6 ones.
      if (net.kind() !== ctx.ip.kind())
        return { match: false, reason: { code: 'family-mismatch', network: shown } };
      const match = ctx.ip.match(net, cidr);
      return { match, reason: { code: match ? 'ip-in-network' : 'ip-not-in-network', network: shown } };
    }
    case 'a': {
      countDnsTerm(ctx);
      const target = await expandTarget(ctx, mech.domainSpec, domain, q);
      trace.target = target;
      const cidr = ctx.ip.kind() === 'ipv4' ? (mech.cidr4 ?? 32) : (mech.cidr6 ?? 128);
      // §5.3: A records for an IPv4 client, AAAA for an IPv6 one.
      const found = await lookup(ctx, q, target, addressType(ctx.ip));
      if (!found.ok) {
        throw new Abort('temperror', {
          code: 'dns-error',
          name: target,
          type: addressType(ctx.ip),
          dnsCode: found.code,
        });
      }
      countVoid(ctx, q, found);
      if (found.records.length === 0) return { match: false, reason: { code: 'no-address', name: target } };
      const hit = found.records.find((a) => addressMatches(ctx, a, cidr));
      if (hit !== undefined)
        return { match: true, reason: { code: 'address-match', name: target, address: hit, cidr } };
      return {
        match: false,
        reason: { code: 'address-mismatch', name: target, addresses: [...found.records], cidr },
      };
    }
    case 'mx': {
      countDnsTerm(ctx);
      const target = await expandTarget(ctx, mech.domainSpec, domain, q);
      trace.target = target;
      const cidr = ctx.ip.kind() === 'ipv4' ? (mech.cidr4 ?? 32) : (mech.cidr6 ?? 128);
      const mx = await lookup(ctx, q, target, 'MX');
      if (!mx.ok)
        throw new Abort('temperror', { code: 'dns-error', name: target, type: 'MX', dnsCode: mx.code });
      countVoid(ctx, q, mx);
      if (mx.records.length === 0) return { match: false, reason: { code: 'no-mx', name: target } };
      // §4.6.4: more than 10 MX records → permerror.
      if (mx.records.length > ctx.limits.addresses) {
        throw new Abort('permerror', {
          code: 'too-many-mx',
          count: mx.records.length,
          limit: ctx.limits.addresses,
        });
      }
      const exchanges: Array<{ exchange: string; addresses: string[] }> = [];
      for (const { exchange } of [...mx.records].sort((x, y) => x.priority - y.priority)) {
        const host = exchange.replace(/\.$/, '');
        if (host === '') continue; // RFC 7505 null MX: no host to compare.
        const found = await lookup(ctx, q, host, addressType(ctx.ip));
        if (!found.ok) {
          // §5: a DNS error other than NXDOMAIN during the mechanism → temperror.
          throw new Abort('temperror', {
            code: 'dns-error',
            name: host,
            type: addressType(ctx.ip),
            dnsCode: found.code,
          });
        }
        const hit = found.records.find((a) => addressMatches(ctx, a, cidr));
        if (hit !== undefined)
          return { match: true, reason: { code: 'mx-match', exchange: host, address: hit, cidr } };
        exchanges.push({ exchange: host, addresses: [...found.records] });
      }
      return { match: false, reason: { code: 'mx-mismatch', exchanges, cidr } };
    }
    case 'ptr': {
      countDnsTerm(ctx);
      const target = await expandTarget(ctx, mech.domainSpec, domain, q);
      trace.target = target;
      const found = await validatedNames(ctx, q, (n) => isSameOrSubdomain(n, target), true);
      // §5.5: "If a DNS error occurs while doing the PTR RR lookup, then this mechanism fails to match."
      if (!found.ok) return { match: false, reason: { code: 'ptr-dns-error', dnsCode: found.code } };
      const hit = found.names[0];
      if (hit !== undefined) return { match: true, reason: { code: 'ptr-match', name: hit } };
      return { match: false, reason: { code: 'ptr-mismatch', validated: found.names, target } };
    }
    case 'exists': {
      countDnsTerm(ctx);
      const target = await expandTarget(ctx, mech.domainSpec, domain, q);
      trace.target = target;
      // §5.7: always an A query, whatever the client's family.
      const found = await lookup(ctx, q, target, 'A');
      if (!found.ok)
        throw new Abort('temperror', { code: 'dns-error', name: target, type: 'A', dnsCode: found.code });
      countVoid(ctx, q, found);
      const match = found.records.length > 0;
      return { match, reason: { code: match ? 'exists-match' : 'exists-no-match', name: target } };
    }
    case 'include': {
      countDnsTerm(ctx);
      const target = await expandTarget(ctx, mech.domainSpec, domain, q);
      trace.target = target;
      const child = await checkHost(ctx, target, undefined, false);
      trace.child = child;
      // §5.2: the result of the recursive check_host() decides whether include matches.
      switch (child.result) {
        case 'pass':
          return { match: true, reason: { code: 'include-match', result: child.result } };
        case 'fail':
        case 'softfail':
        case 'neutral':
          return { match: false, reason: { code: 'include-no-match', result: child.result } };
        case 'none':
          throw new Abort('permerror', { code: 'include-none', domain: target });
        case 'temperror':
        case 'permerror':
          throw new Abort(child.result, child.reason);
      }
    }
  }
}

/** §6.2: the explanation of a fail, from the TXT record named by exp=. Any problem → no explanation. */
async function explain(
  ctx: Context,
  spec: string,
  domain: string,
  trace: SpfTermTrace,
): Promise<string | null> {
  try {
    const target = await expandTarget(ctx, spec, domain, trace.queries);
    trace.target = target;
    const txt = await lookup(ctx, trace.queries, target, 'TXT');
    if (!txt.ok || txt.records.length === 0) {
      trace.reason = { code: 'exp-unused', why: 'dns' };
      return null;
    }
    if (txt.records.length > 1) {
      trace.reason = { code: 'exp-unused', why: 'count' };
      return null;
    }
    const parsed = parseMacroString((txt.records[0] as string[]).join(''), true);
    if (!parsed.ok) {
      trace.reason = { code: 'exp-unused', why: 'syntax' };
      return null;
    }
    const text = await expandMacros(parsed.tokens, macroValues(ctx, domain, trace.queries));
    trace.reason = { code: 'exp-used', text };
    trace.outcome = 'applied';
    return text;
  } catch (error) {
    // §6.2: any problem with the explanation leaves the result as it is, without explanation; even the
    // overall deadline (the fail is already decided).
    if (!(error instanceof Abort)) throw error;
    trace.reason = { code: 'exp-unused', why: error.reason.code === 'deadline' ? 'dns' : 'syntax' };
    return null;
  }
}

function termTrace(
  text: string,
  kind: 'mechanism' | 'modifier',
  name: string,
  qualifier?: Qualifier,
): SpfTermTrace {
  const trace: SpfTermTrace = {
    text,
    kind,
    name,
    queries: [],
    outcome: 'not-reached',
    reason: { code: 'not-reached' },
  };
  if (qualifier !== undefined) trace.qualifier = qualifier;
  return trace;
}

/**
 * One check_host(<ip>, <domain>, <sender>) (§4). Never throws for a verdict: errors become the
 * evaluation's result (the caller propagates them, §5.2, §6.1).
 */
async function checkHost(
  ctx: Context,
  domain: string,
  override: string | undefined,
  allowExp: boolean,
): Promise<SpfEvaluation> {
  const evaluation: SpfEvaluation = {
    domain,
    source: override === undefined ? 'dns' : 'override',
    queries: [],
    record: null,
    terms: [],
    result: 'neutral',
    reason: { code: 'default-neutral' },
  };
  const end = (result: SpfResultCode, reason: SpfReason): SpfEvaluation => {
    evaluation.result = result;
    evaluation.reason = reason;
    return evaluation;
  };
  try {
    let text: string;
    if (override !== undefined) {
      text = override;
    } else {
      // §4.4: the TXT records of <domain>; NXDOMAIN or no records → none; other errors → temperror.
      const txt = await lookup(ctx, evaluation.queries, domain, 'TXT');
      if (!txt.ok)
        return end('temperror', { code: 'dns-error', name: domain, type: 'TXT', dnsCode: txt.code });
      // §3.3: the character-strings of one TXT record are concatenated without adding spaces.
      const spf = txt.records.map((chunks) => chunks.join('')).filter(isSpfRecord);
      if (spf.length === 0) {
        const last = evaluation.queries[evaluation.queries.length - 1];
        if (last?.error === 'ENOTFOUND') return end('none', { code: 'domain-not-found', domain });
        return end('none', { code: 'no-record', domain });
      }
      // §4.5: more than one record → permerror.
      if (spf.length > 1) return end('permerror', { code: 'multiple-records', records: spf });
      text = spf[0] as string;
    }
    evaluation.record = text;
    const parsed = parseSpfRecord(text);
    if (!parsed.ok) return end('permerror', { code: 'syntax', error: parsed.error });
    const record = parsed.record;
    const traces = record.terms.map((t) =>
      t.kind === 'mechanism'
        ? termTrace(t.text, t.kind, t.name, t.qualifier)
        : termTrace(t.text, t.kind, t.name),
    );
    evaluation.terms = traces;
    let decided: { result: SpfResultCode; term: string } | null = null;
    // §4.6.2: mechanisms are evaluated left to right; the first match decides.
    for (const [index, term] of record.terms.entries()) {
      if (term.kind !== 'mechanism') continue;
      const trace = traces[index] as SpfTermTrace;
      try {
        const outcome = await evaluateMechanism(ctx, term, domain, trace);
        trace.outcome = outcome.match ? 'match' : 'no-match';
        trace.reason = outcome.reason;
        if (outcome.match) {
          decided = { result: QUALIFIER_RESULT[term.qualifier], term: term.text };
          break;
        }
      } catch (error) {
        if (!(error instanceof Abort)) throw error;
        trace.outcome = 'error';
        trace.reason =
          term.name === 'include' && trace.child !== undefined && error.reason === trace.child.reason
            ? { code: 'include-error', result: error.result }
            : error.reason;
        return end(error.result, error.reason);
      }
    }
    const hasAll = record.terms.some((t) => t.kind === 'mechanism' && t.name === 'all');
    for (const [index, term] of record.terms.entries()) {
      if (term.kind !== 'modifier' || term.name === 'redirect' || term.name === 'exp') continue;
      const trace = traces[index] as SpfTermTrace;
      trace.outcome = 'ignored';
      trace.reason = { code: 'modifier-ignored' };
    }
    const redirectIndex = record.terms.findIndex((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (decided === null && record.redirect !== undefined && redirectIndex >= 0) {
      const trace = traces[redirectIndex] as SpfTermTrace;
      if (hasAll) {
        // §6.1: "Any redirect modifier MUST be ignored if there is an all mechanism anywhere in the record."
        trace.outcome = 'ignored';
        trace.reason = { code: 'redirect-ignored-all' };
      } else {
        try {
          countDnsTerm(ctx);
          const target = await expandTarget(ctx, record.redirect.value, domain, trace.queries);
          trace.target = target;
          // §6.1: the redirected record replaces this one entirely, including its exp= (§6.2).
          const child = await checkHost(ctx, target, undefined, allowExp);
          trace.child = child;
          trace.outcome = 'applied';
          trace.reason = { code: 'redirect-result', result: child.result };
          if (child.result === 'none') {
            trace.outcome = 'error';
            return end('permerror', { code: 'redirect-none', domain: target });
          }
          if (child.explanation !== undefined) evaluation.explanation = child.explanation;
          return end(child.result, child.reason);
        } catch (error) {
          if (!(error instanceof Abort)) throw error;
          trace.outcome = 'error';
          trace.reason = error.reason;
          return end(error.result, error.reason);
        }
      }
    } else if (decided !== null && redirectIndex >= 0) {
      (traces[redirectIndex] as SpfTermTrace).reason = { code: 'redirect-pending' };
    }
    const result = decided?.result ?? 'neutral';
    const expIndex = record.terms.findIndex((t) => t.kind === 'modifier' && t.name === 'exp');
    if (record.exp !== undefined && expIndex >= 0) {
      const trace = traces[expIndex] as SpfTermTrace;
      trace.outcome = 'ignored';
      if (result !== 'fail') trace.reason = { code: 'exp-unused', why: 'not-fail' };
      else if (!allowExp) trace.reason = { code: 'exp-unused', why: 'include' };
      else {
        const text = await explain(ctx, record.exp.value, domain, trace);
        if (text !== null) evaluation.explanation = text;
      }
    }
    return end(
      result,
      decided === null ? { code: 'default-neutral' } : { code: 'matched-term', term: decided.term },
    );
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    return end(error.result, error.reason);
  }
}

/** Domain-name checks of §4.3; returns the A-label form, or null when the name is malformed. */
export function normalizeDomain(input: string): string | null {
  let name = input.trim().replace(/\.$/, '');
  if (name === '' || name.startsWith('[')) return null;
  if (/[^\x00-\x7f]/.test(name)) {
    // Internationalized names are checked as A-labels (RFC 5890); URL does the IDNA mapping.
    try {
      name = new URL(`http://${name}/`).hostname;
    } catch {
      return null;
    }
  }
  if (!/^[\x21-\x7e]+$/.test(name) || name.length > 253) return null;
  const labels = name.split('.');
  // §4.3: malformed (empty or >63-octet label) or single-label domains give "none".
  if (labels.length < 2 || labels.some((l) => l.length === 0 || l.length > 63)) return null;
  return name.toLowerCase();
}

/** Parses the client IP; IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 client it stands for. */
export function parseClientIp(text: string): Ip | null {
  const t = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
  if (!t.includes(':') || t.includes('%') || !ipaddr.IPv6.isValid(t)) return null;
  const v6 = ipaddr.IPv6.parse(t);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** The term that decided the result, followed through redirect= (whose child's term decides). */
function matchedTerm(evaluation: SpfEvaluation): string | null {
  if (evaluation.reason.code !== 'matched-term') return null;
  return evaluation.reason.term;
}

/**
 * Evaluates SPF for a client IP and sender, as check_host() of RFC 7208, and returns the result with
 * its full trace. The resolver is injected; the evaluation is bounded by `limits.totalTimeoutMs`.
 * Throws SpfUsageError only for an IP that is not an IP address.
 */
export async function checkSpf(options: CheckSpfOptions): Promise<SpfResult> {
  const ip = parseClientIp(options.ip);
  if (ip === null) throw new SpfUsageError(`not an IP address: "${options.ip}"`);
  const limits: SpfLimits = { ...DEFAULT_SPF_LIMITS, ...options.limits };
  const helo = (options.helo ?? '').trim();
  let sender = (options.sender ?? '').trim().replace(/^<(.*)>$/, '$1');
  // §4.3: with no local-part, "postmaster" is used; an empty MAIL FROM means the HELO identity (§2.4).
  if (sender === '') sender = `postmaster@${options.domain ?? helo}`;
  else if (!sender.includes('@')) sender = `postmaster@${sender}`;
  else if (sender.startsWith('@')) sender = `postmaster${sender}`;
  const at = sender.lastIndexOf('@');
  const localPart = sender.slice(0, at);
  const senderDomain = sender.slice(at + 1);
  const requested = options.domain ?? senderDomain;
  const ctx: Context = {
    ip,
    sender,
    localPart,
    senderDomain: normalizeDomain(senderDomain) ?? senderDomain,
    helo,
    receiver: options.receiver ?? 'unknown',
    now: options.now ?? Date.now(),
    resolver: options.resolver,
    limits,
    deadline: Date.now() + limits.totalTimeoutMs,
    dnsTerms: 0,
    voids: 0,
    queryCount: 0,
    pCache: new Map(),
  };
  const domain = normalizeDomain(requested);
  const base = {
    domain: domain ?? requested,
    ip: ip.kind() === 'ipv4' ? ip.toString() : (ip as ipaddr.IPv6).toRFC5952String(),
    sender,
    helo,
    recordSource: options.record === undefined ? ('dns' as const) : ('override' as const),
  };
  let evaluation: SpfEvaluation;
  if (domain === null) {
    evaluation = {
      domain: requested,
      source: base.recordSource,
      queries: [],
      record: null,
      terms: [],
      result: 'none',
      reason: { code: 'invalid-domain', domain: requested },
    };
  } else {
    evaluation = await checkHost(ctx, domain, options.record, true);
  }
  return {
    ...base,
    result: evaluation.result,
    explanation: evaluation.result === 'fail' ? (evaluation.explanation ?? null) : null,
    record: evaluation.record,
    matchedTerm: matchedTerm(evaluation),
    lookups: Math.min(ctx.dnsTerms, limits.dnsTerms + 1),
    voidLookups: ctx.voids,
    queryCount: ctx.queryCount,
    reason: evaluation.reason,
    trace: evaluation,
  };
}
