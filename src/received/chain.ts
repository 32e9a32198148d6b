/**
 * The Received chain: order, dates and delays, SpamAssassin's trusted/internal walk, the receiver's
 * own boundary, the sending host and the submission hop.
 */
import { getDomain } from 'tldts';
import { BoundedCache } from '../cache.js';
import type { HeaderField } from '../headers/types.js';
import { isLoopback, isPrivateIp, readIp } from './ip.js';
import { inNetworks, parseNetworks } from './networks.js';
import { readReceived } from './parse.js';
import type { ChainHop, ChainOptions, Hop, ReceivedChain } from './types.js';

/**
 * `by` hosts that are a provider's inbound MX: the hop they stamp is the handover from the outside
 * world even when the client is the same provider (Gmail to Gmail comes from mail-*.google.com).
 */
function isInboundMx(by: string): boolean {
  return (
    by === 'mx.google.com' ||
    by.endsWith('-mx.google.com') ||
    by.endsWith('.mx.google.com') ||
    by.endsWith('.mail.protection.outlook.com')
  );
}

// The same few `by` and client hosts come back in every message of a mailbox; the PSL lookup (and
// the IP test before it) is done once per host. Bounded: cleared when full.
const ORG_CACHE = new BoundedCache<string | null>(1024);

function orgDomain(host: string | undefined): string | null {
  if (!host) return null;
  const cached = ORG_CACHE.get(host);
  if (cached !== undefined) return cached;
  const clean = host.replace(/\.$/, '').toLowerCase();
  // Address hosts (Gmail's `by 2002:a05:…`, new in every message) are not cached: they would only
  // push the names out.
  if (clean.startsWith('[') || readIp(clean).ip !== undefined) return null;
  return ORG_CACHE.add(host, (h) => getDomain(h.replace(/\.$/, '').toLowerCase()));
}

/** A `by` host as receiverHosts lists it: lower case, without the final dot. */
function hostKey(by: string): string {
  const lower = by.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * The client's name as the receiving MTA looked it up (reverse DNS). The HELO name is never used:
 * a client chooses it, and `HELO mx.receiver.example` would otherwise pull the boundary one hop
 * down, onto a line the sender wrote.
 */
function clientName(hop: Hop): string | undefined {
  return hop.rdns;
}

/**
 * Reads the Received fields among `fields` (all header fields, message order) into a chain.
 *
 * Trust (SpamAssassin trusted_networks semantics): walking from the top, a relay stays trusted while
 * its client IP is in trustedNetworks (loopback always is) or the hop shows SMTP AUTH; without
 * networks, private addresses and authenticated hops are inferred trusted. internalNetworks defaults
 * to trustedNetworks (and the reverse); a client in msaNetworks makes every older relay trusted.
 *
 * Receiver boundary: the receiver's own steps (`by`-only stamps such as Google's `by 2002:…`,
 * other non-relay lines), clients on private/loopback addresses or in the given networks, and
 * clients named in the receiver's organisational domain (except at a provider's inbound MX). The
 * sending host is the first hop whose client falls outside.
 */
export function analyzeChain(fields: readonly HeaderField[], options: ChainOptions = {}): ReceivedChain {
  let trustedNets = parseNetworks(options.trustedNetworks);
  let internalNets = parseNetworks(options.internalNetworks);
  const msaNets = parseNetworks(options.msaNetworks);
  // SpamAssassin: either list stands in for the other when only one is given.
  if (trustedNets.length === 0 && internalNets.length > 0) trustedNets = internalNets;
  else if (internalNets.length === 0 && trustedNets.length > 0) internalNets = trustedNets;
  const trustSpecified = trustedNets.length > 0;
  const internalSpecified = internalNets.length > 0;

  const hops: ChainHop[] = [];
  let originating: ReceivedChain['originating'] = null;
  let position = 0;
  for (const f of fields) {
    if (f.lname === 'received') {
      const r = readReceived(f.value);
      hops.push({
        hop: r.relay ? r.hop : null,
        nonRelay: r.relay ? null : r.hop,
        position: position++,
        fieldIndex: f.index,
        dateMs: r.hop.date ? r.hop.date.getTime() : null,
        delaySeconds: null,
        receiverInternal: false,
        trusted: false,
        internal: false,
        msa: false,
      });
    } else if (f.lname === 'x-originating-ip' && originating === null) {
      const r = readIp(f.value.trim());
      if (r.ip) originating = { ip: r.ip, fieldIndex: f.index, trusted: false, internal: false };
    }
  }

  // Dates: each delay is against the next older readable date.
  let olderMs: number | null = null;
  const skewPositions: number[] = [];
  const unreadableDatePositions: number[] = [];
  for (let i = hops.length - 1; i >= 0; i--) {
    const h = hops[i] as ChainHop;
    if (h.dateMs === null) {
      unreadableDatePositions.push(h.position);
      continue;
    }
    if (olderMs !== null) {
      h.delaySeconds = (h.dateMs - olderMs) / 1000;
      // Whole-second stamps next to fractional ones differ by less than a second with no skew.
      if (h.delaySeconds <= -1) skewPositions.push(h.position);
    }
    olderMs = h.dateMs;
  }
  // Collected bottom-up; reported top-down.
  skewPositions.reverse();
  unreadableDatePositions.reverse();
  const dated: number[] = [];
  for (const h of hops) if (h.dateMs !== null) dated.push(h.dateMs);
  const newest = dated[0];
  const oldest = dated[dated.length - 1];
  const transitSeconds =
    newest !== undefined && oldest !== undefined && dated.length > 1 ? (newest - oldest) / 1000 : null;

  // SpamAssassin's trusted / internal walk over relay hops (then X-Originating-IP).
  let inTrusted = true;
  let inInternal = true;
  let msaFound = false;
  let msaInternal = false;
  const walk = (
    ip: string | undefined,
    auth: boolean,
  ): { trusted: boolean; internal: boolean; msa: boolean } => {
    if (msaFound) return { trusted: true, internal: msaInternal, msa: false };
    const loop = ip !== undefined && isLoopback(ip);
    if (trustSpecified && inTrusted && !auth && !loop && !inNetworks(trustedNets, ip)) inTrusted = false;
    if (internalSpecified) {
      if (inInternal && !auth && !loop && !inNetworks(internalNets, ip)) inInternal = false;
    }
    // SpamAssassin bug 4760: an internal relay is always trusted.
    if (internalSpecified && inInternal && !inTrusted) inTrusted = true;
    if (!trustSpecified && inTrusted) {
      const inferred = (ip !== undefined && isPrivateIp(ip)) || auth;
      if (!inferred) inTrusted = false;
    }
    if (!internalSpecified) inInternal = inTrusted;
    let msa = false;
    if (inTrusted && inNetworks(msaNets, ip)) {
      msa = true;
      msaFound = true;
      msaInternal = inInternal;
    }
    return { trusted: inTrusted, internal: inInternal, msa };
  };
  for (const h of hops) {
    if (!h.hop) {
      h.trusted = msaFound || inTrusted;
      h.internal = msaFound ? msaInternal : inInternal;
      continue;
    }
    const r = walk(h.hop.ip, h.hop.auth !== undefined);
    h.trusted = r.trusted;
    h.internal = r.internal;
    h.msa = r.msa;
  }
  if (originating) {
    const r = walk(originating.ip, false);
    originating.trusted = r.trusted;
    originating.internal = r.internal;
  }

  // The receiver's boundary and the sending host.
  let receiverDomain: string | null = null;
  for (const h of hops) {
    const d = orgDomain((h.hop ?? h.nonRelay)?.by);
    if (d) {
      receiverDomain = d;
      break;
    }
  }
  const receiverHosts: string[] = [];
  const seenHosts = new Set<string>();
  const addHost = (lower: string): void => {
    if (!seenHosts.has(lower)) {
      seenHosts.add(lower);
      receiverHosts.push(lower);
    }
  };
  let sendingHostPosition: number | null = null;
  for (const h of hops) {
    const stamp = h.hop ?? h.nonRelay;
    if (!h.hop) {
      // A step without a client (`by 2002:…`, local pickup, a scanner): the receiver's own.
      h.receiverInternal = true;
      if (stamp?.by) addHost(hostKey(stamp.by));
      continue;
    }
    const hop = h.hop;
    const by = hostKey(hop.by ?? '');
    if (hop.by) addHost(by);
    let inside =
      hop.ip !== undefined &&
      (isPrivateIp(hop.ip) || inNetworks(trustedNets, hop.ip) || inNetworks(internalNets, hop.ip));
    if (!inside && receiverDomain !== null && !isInboundMx(by)) {
      inside = orgDomain(clientName(hop)) === receiverDomain && orgDomain(by) === receiverDomain;
    }
    if (inside) {
      h.receiverInternal = true;
      continue;
    }
    sendingHostPosition = h.position;
    break;
  }

  let submissionPosition: number | null = null;
  for (const h of hops) if (h.hop?.auth !== undefined) submissionPosition = h.position;

  return {
    hops,
    receiverHosts,
    receiverDomain,
    sendingHostPosition,
    submissionPosition,
    transitSeconds,
    skewPositions,
    unreadableDatePositions,
    originating,
  };
}
