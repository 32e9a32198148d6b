/**
 * Which stamps to believe. Anyone can write `Authentication-Results: mx.google.com; spf=pass` into
 * a message before it reaches Gmail (RFC 8601 §5 asks border MTAs to strip such fields; not all
 * do), so only the stamps of the receiver itself count, and only those inside the receiver's part
 * of the header (above the first hop that reached it from outside).
 */

import type { HeaderField } from '../headers/types.js';
import type { DkimVerdict, DmarcVerdict, Receiver, SpfVerdict, VerdictSource, Verdicts } from '../model.js';
import { arcSetsOf } from './arc.js';
import { type PayloadMemo, parseAuthenticationResults, parseAuthenticationResultsWith } from './parse.js';
import { parseReceivedSpf, parseSpfComment, readDmarcFacts } from './received-spf.js';
import {
  belongsTo,
  identityOf,
  isIpLiteral,
  normalizeHost,
  providerOf,
  type ReceiverIdentity,
  withName,
} from './receivers.js';
import { normalizeResult, resultRank } from './results.js';
import { isSpace } from './text.js';
import type {
  AuthResult,
  AuthResultsField,
  AuthResultsStamp,
  ReadStampsOptions,
  ReceivedSpf,
  ReceivedSpfStamp,
  SpfCommentFacts,
  StampConflict,
  StampInfo,
  Stamps,
} from './types.js';

const CORE_METHODS = ['spf', 'dkim', 'dmarc', 'arc'] as const;

function kindOf(lname: string): StampInfo['kind'] | null {
  // Every stamp's name ends in `s` (…-results) or `f` (received-spf): the other fields of a
  // header (most of them) are told apart by one char code.
  const last = lname.charCodeAt(lname.length - 1);
  if (last !== 0x73 && last !== 0x66) return null;
  switch (lname) {
    case 'authentication-results':
      return 'authentication-results';
    case 'arc-authentication-results':
      return 'arc-authentication-results';
    case 'x-ms-exchange-authentication-results':
      return 'ms-exchange-authentication-results';
    case 'received-spf':
      return 'received-spf';
    default:
      return lname.endsWith('-authentication-results') ? 'other-authentication-results' : null;
  }
}

function receivedSpfId(parsed: ReceivedSpf): string | null {
  const receiver = parsed.receiver?.trim();
  if (receiver !== undefined && receiver !== '' && !receiver.startsWith('<')) return receiver;
  return parsed.facts.authority ?? null;
}

/** Reads every stamp of the header in message order. */
function collectStamps(fields: HeaderField[]): Entry[] {
  const out: Entry[] = [];
  const payloads: PayloadMemo = new Map();
  for (const field of fields) {
    const kind = kindOf(field.lname);
    if (kind === null) continue;
    // Written out rather than spread from a shared base: V8 builds `{ ...base, kind, … }` in its
    // slow path (about a microsecond per stamp) and leaves a dictionary-mode object behind.
    // The key order is the report's: header, fieldIndex, trusted, trust, kind, authservId, parsed.
    if (kind === 'received-spf') {
      const parsed = parseReceivedSpf(field.value);
      const stamp: ReceivedSpfStamp = {
        header: field.name,
        fieldIndex: field.index,
        trusted: false,
        trust: 'other-authserv-id',
        kind,
        authservId: receivedSpfId(parsed),
        parsed,
      };
      out.push({ stamp, field });
    } else {
      const parsed = parseAuthenticationResultsWith(field.value, payloads);
      const stamp: AuthResultsStamp = {
        header: field.name,
        fieldIndex: field.index,
        trusted: false,
        trust: 'other-authserv-id',
        kind,
        authservId: parsed.authservId ?? null,
        parsed,
      };
      out.push({ stamp, field });
    }
  }
  return out;
}

// Received parsing belongs to src/received; trust only needs the `by` host, read here the same
// way (comments removed first, so `(… by …)` inside a comment does not count).
const MAX_RECEIVED_SCAN = 8192;

/**
 * The host of a Received field's `by` clause, normalised, or null: `/(?:^|\s)by\s+([^\s;]+)/i`
 * over the first MAX_RECEIVED_SCAN characters with each top-level comment replaced by one space
 * (and an unclosed one cut off). Run as one pass over the text, with the regex's states, instead
 * of building the comment-free copy first: this runs for every Received field of every message.
 */
export function receivedByHost(value: string): string | null {
  const end = Math.min(value.length, MAX_RECEIVED_SCAN);
  let depth = 0;
  // 0: looking for `by` (`afterSpace`: the previous character was \s, or none);
  // 1: read `b`; 2: read `by`; 3: read `by` and white space; 4: in the host, from `host`.
  let state = 0;
  let afterSpace = true;
  let host = 0;
  for (let i = 0; i < end; i++) {
    let c = value.charCodeAt(i);
    if (depth > 0) {
      if (c === 0x28 /* ( */) depth++;
      else if (c === 0x29 /* ) */) depth--;
      // A closed comment stands for one space.
      if (depth > 0) continue;
      c = 0x20;
    } else if (c === 0x28 /* ( */) {
      if (state === 4) return normalizeHost(value.slice(host, i));
      depth = 1;
      continue;
    }
    switch (state) {
      case 0:
        if (afterSpace && (c | 0x20) === 0x62 /* b */) state = 1;
        else afterSpace = isSpace(c);
        break;
      case 1:
        if ((c | 0x20) === 0x79 /* y */) state = 2;
        else {
          state = 0;
          afterSpace = isSpace(c);
        }
        break;
      case 2:
        if (isSpace(c)) state = 3;
        else {
          state = 0;
          afterSpace = false;
        }
        break;
      case 3:
        if (c === 0x3b /* ; */) {
          state = 0;
          afterSpace = false;
        } else if (!isSpace(c)) {
          state = 4;
          host = i;
        }
        break;
      default:
        if (c === 0x3b || isSpace(c)) return normalizeHost(value.slice(host, i));
    }
  }
  return state === 4 ? normalizeHost(value.slice(host, end)) : null;
}

function sourceOf(field: HeaderField, authservId: string | null, instance?: number): VerdictSource {
  const source: VerdictSource = { header: field.name, index: field.index, text: field.value };
  if (instance !== undefined) source.instance = instance;
  if (authservId !== null) source.authservId = authservId;
  return source;
}

function prop(result: AuthResult, ptype: string, property: string): string | null {
  return result.properties.find((p) => p.ptype === ptype && p.property === property)?.value ?? null;
}

function domainOf(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  const at = v.lastIndexOf('@');
  const d = (at >= 0 ? v.slice(at + 1) : v).replace(/[>.]+$/, '').toLowerCase();
  return d === '' ? null : d;
}

function mergeFacts(primary: SpfCommentFacts, secondary: SpfCommentFacts): SpfCommentFacts {
  return { ...secondary, ...primary };
}

function joinComments(comments: string[]): string | null {
  return comments.length === 0 ? null : comments.join(' ');
}

interface ArEntry {
  stamp: AuthResultsStamp;
  field: HeaderField;
}

interface SpfEntry {
  stamp: ReceivedSpfStamp;
  field: HeaderField;
}

type Entry = ArEntry | SpfEntry;

function isAr(e: Entry): e is ArEntry {
  return e.stamp.kind !== 'received-spf';
}

function isSpf(e: Entry): e is SpfEntry {
  return e.stamp.kind === 'received-spf';
}

function instanceOf(e: Entry): number | undefined {
  return isAr(e) ? e.stamp.parsed.instance : undefined;
}

/**
 * Decides the receiver, marks each stamp trusted or not, builds the verdicts from the trusted
 * receiver's stamps and reports untrusted stamps that claim better results. Never throws.
 *
 * Fields come in message order (topmost first); `receiverHosts` / `receiverDomain` describe the
 * receiving side of the topmost hop (from the Received chain; may be empty for a bare header
 * block); `trust` forces the receiver's authserv-id.
 */
export function readStamps(fields: HeaderField[], options: ReadStampsOptions): Stamps {
  const entries = collectStamps(fields);
  const { receiver, anchor, identity } = decideReceiver(entries, options);
  // The ARC-Authentication-Results are parsed once, as stamps, for the ARC sets as well.
  const aars = new Map<HeaderField, AuthResultsField>();
  for (const e of entries)
    if (isAr(e) && e.stamp.kind === 'arc-authentication-results') aars.set(e.field, e.stamp.parsed);
  const arcShape = arcSetsOf(fields, (f) => aars.get(f) ?? parseAuthenticationResults(f.value));
  const verdicts: Verdicts = {
    spf: null,
    dkim: [],
    dmarc: null,
    arc: { result: null, comment: null, source: null, sets: arcShape.sets, shape: arcShape.shape },
  };
  if (receiver === null) {
    return { receiver, verdicts, stamps: entries.map((e) => e.stamp), conflicts: [] };
  }

  const blockEnd = anchor === null ? -1 : receiverBlockEnd(fields, anchor.field.index, identity);
  const lowestOwn = lowestOwnReceived(fields, entries, identity);
  const idLessBelongs = receiver.basis === 'microsoft-layout' || identity.provider?.name === 'microsoft';
  const single = identity.provider?.singleStamp ?? false;
  for (const e of entries) {
    const id = e.stamp.authservId;
    if (e.stamp.kind === 'other-authentication-results') {
      // Copies kept by forwarders (X-Original-Authentication-Results) and vendor extras: the
      // receiver's verdict is in its standard fields.
      e.stamp.trust = 'other-field';
      continue;
    }
    let belongs: boolean;
    if (id === null) {
      // Microsoft writes no authserv-id; a Received-SPF without receiver= (pypolicyd-spf's
      // `receiver=<UNKNOWN>`) is tied to the receiver by its place alone.
      belongs = isSpf(e) || idLessBelongs;
      if (!belongs) e.stamp.trust = 'no-authserv-id';
    } else belongs = belongsTo(identity, id);
    if (!belongs) continue;
    if (e.stamp.kind === 'arc-authentication-results' && e.field.index > lowestOwn) {
      e.stamp.trust = 'no-receiver-hop';
      continue;
    }
    if (e.field.index >= blockEnd) {
      e.stamp.trust = 'before-receiver';
      continue;
    }
    e.stamp.trust = 'receiver';
    e.stamp.trusted = true;
  }
  supersede(entries, single);

  const used = new Set<AuthResult>();
  const usedSources = new Map<string, Entry>();
  // The trusted stamps by kind, in one pass: the ARs, Microsoft's, the first ARC-AR of the highest
  // instance, and the first Received-SPF not about HELO (else the first).
  const trustedAr: ArEntry[] = [];
  const trustedMs: ArEntry[] = [];
  let topAar: ArEntry | null = null;
  let firstSpf: SpfEntry | undefined;
  let mailFromSpf: SpfEntry | undefined;
  for (const e of entries) {
    if (!e.stamp.trusted) continue;
    if (isSpf(e)) {
      firstSpf ??= e;
      if (mailFromSpf === undefined && (e.stamp.parsed.identity ?? 'mailfrom').toLowerCase() !== 'helo') {
        mailFromSpf = e;
      }
    } else if (e.stamp.kind === 'authentication-results') trustedAr.push(e as ArEntry);
    else if (e.stamp.kind === 'ms-exchange-authentication-results') trustedMs.push(e as ArEntry);
    else if (e.stamp.kind === 'arc-authentication-results') {
      const instance = e.stamp.parsed.instance ?? 0;
      if (topAar === null || instance > (topAar.stamp.parsed.instance ?? 0)) topAar = e as ArEntry;
    }
  }
  // Gmail writes the same payload in its AR and its ARC-AR; the AR is the primary stamp, the
  // highest ARC instance of the receiver stands in when the AR is missing.
  const verdictFields: ArEntry[] =
    trustedAr.length > 0 ? trustedAr : trustedMs.length > 0 ? trustedMs : topAar === null ? [] : [topAar];
  const spfStamp = mailFromSpf ?? firstSpf;

  verdicts.spf = spfVerdict(verdictFields, spfStamp, used, usedSources);
  verdicts.dkim = dkimVerdicts(verdictFields, used, usedSources);
  verdicts.dmarc = dmarcVerdict(verdictFields, used, usedSources);
  const arc = firstResult(verdictFields, 'arc');
  if (arc !== null) {
    used.add(arc.result);
    usedSources.set('arc', arc.entry);
    verdicts.arc.result = normalizeResult('arc', arc.result.result);
    verdicts.arc.comment = joinComments(arc.result.comments);
    verdicts.arc.source = sourceOf(arc.entry.field, arc.entry.stamp.authservId, instanceOf(arc.entry));
  }

  const conflicts = findConflicts(entries, verdicts, used, usedSources);
  return { receiver, verdicts, stamps: entries.map((e) => e.stamp), conflicts };
}

function decideReceiver(
  entries: Entry[],
  options: ReadStampsOptions,
): { receiver: Receiver | null; anchor: Entry | null; identity: ReceiverIdentity } {
  // The first stamp (not an `other-authentication-results` one) that `test` accepts: the AR-like
  // ones first, then the Received-SPF ones.
  const anchorBy = (test: (e: Entry) => boolean): Entry | undefined => {
    for (const e of entries) {
      const kind = e.stamp.kind;
      if (kind !== 'other-authentication-results' && kind !== 'received-spf' && test(e)) return e;
    }
    for (const e of entries) if (e.stamp.kind === 'received-spf' && test(e)) return e;
    return undefined;
  };

  if (options.trust !== undefined && options.trust.trim() !== '') {
    const identity = identityOf([options.trust]);
    const isTrusted = (e: Entry): boolean =>
      e.stamp.authservId !== null && belongsTo(identity, e.stamp.authservId);
    const anchor = anchorBy(isTrusted) ?? null;
    const receiver: Receiver = {
      authservId: options.trust.trim(),
      provider: identity.provider?.name ?? null,
      basis: 'option',
    };
    return { receiver, anchor, identity };
  }

  const receivedNames = [...options.receiverHosts];
  if (options.receiverDomain !== null) receivedNames.push(options.receiverDomain);
  const received = identityOf(receivedNames);
  if (receivedNames.length > 0) {
    const belongs = (e: Entry): boolean =>
      e.stamp.authservId === null
        ? e.stamp.kind !== 'received-spf' && received.provider?.name === 'microsoft'
        : belongsTo(received, e.stamp.authservId);
    const anchor = anchorBy(belongs);
    if (anchor !== undefined) {
      const id = anchor.stamp.authservId;
      const identity = id === null ? received : withName(received, id);
      const receiver: Receiver = {
        authservId: id,
        provider: (id === null ? null : providerOf(id)?.name) ?? received.provider?.name ?? null,
        basis: id === null ? 'microsoft-layout' : 'received-by',
      };
      return { receiver, anchor, identity };
    }
  }

  // No stamp of the receiving host (or no Received chain at all): the topmost stamp is the one
  // written last, so it is the best remaining guess; `basis` tells the reader it is a guess.
  const kinds: StampInfo['kind'][] = [
    'authentication-results',
    'arc-authentication-results',
    'ms-exchange-authentication-results',
    'received-spf',
    'other-authentication-results',
  ];
  for (const kind of kinds) {
    const anchor = entries.find((e) => e.stamp.kind === kind);
    if (anchor === undefined) continue;
    const id = anchor.stamp.authservId;
    const idLess = id === null && kind !== 'received-spf';
    const identity = idLess ? identityOf(['outlook.com']) : identityOf(id === null ? [] : [id]);
    const receiver: Receiver = {
      authservId: id,
      provider: idLess ? 'microsoft' : id === null ? null : (providerOf(id)?.name ?? null),
      basis: idLess ? 'microsoft-layout' : 'only-stamp',
    };
    return { receiver, anchor, identity };
  }
  return { receiver: null, anchor: null, identity: received };
}

/**
 * Index of the first Received field below the anchor whose `by` host is a named host outside the
 * receiver: stamps from there down were in the message before the receiver accepted it. `by`
 * hosts that are IP literals or bare names (Gmail's internal `by 2002:a05:…`, `by abbulk2`)
 * tell nothing and do not end the receiver's part.
 */
function receiverBlockEnd(fields: HeaderField[], anchorIndex: number, identity: ReceiverIdentity): number {
  for (const f of fields) {
    if (f.index <= anchorIndex || f.lname !== 'received') continue;
    const by = receivedByHost(f.value);
    if (by === null || !by.includes('.') || isIpLiteral(by)) continue;
    if (belongsTo(identity, by)) continue;
    return f.index;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Index of the lowest Received field whose `by` host is a named host of the receiver; +Infinity
 * when there is none, when the receiver is not known to write its ARC set above that field, or
 * when there is no ARC-Authentication-Results to check against it.
 *
 * Gmail writes its ARC-Authentication-Results when it accepts the message, above the Received
 * field of that hop; an earlier pass of Gmail (one account forwarding to another) keeps its own
 * Received field below its set. One of Gmail's ARC-Authentication-Results with no Received field
 * of Gmail below it describes a hop Gmail never took: someone else wrote it, however close to the
 * top. (Fastmail and kernel.org write their set below their Received field, so for them the place
 * proves nothing.)
 */
function lowestOwnReceived(fields: HeaderField[], entries: Entry[], identity: ReceiverIdentity): number {
  if (
    !identity.provider?.arcAboveReceived ||
    !entries.some((e) => e.stamp.kind === 'arc-authentication-results')
  )
    return Number.POSITIVE_INFINITY;
  let lowest = -1;
  for (const f of fields) {
    if (f.lname !== 'received') continue;
    const by = receivedByHost(f.value);
    if (by?.includes('.') && !isIpLiteral(by) && belongsTo(identity, by)) lowest = f.index;
  }
  // No Received field of the receiver at all (a pasted block of stamps): nothing to place them by.
  return lowest < 0 ? Number.POSITIVE_INFINITY : lowest;
}

/** Methods (other than dkim, which has one result per signature) a stamp reports. */
function methodsOf(e: Entry): string[] {
  if (isAr(e)) return e.stamp.parsed.results.map((r) => r.method).filter((m) => m !== 'dkim');
  const identity = e.stamp.kind === 'received-spf' ? (e.stamp.parsed.identity ?? 'mailfrom') : '';
  return [`received-spf:${identity.toLowerCase()}`];
}

/**
 * Among the receiver's trusted stamps, a lower one that adds nothing new is a second copy: an
 * earlier pass of the same receiver, or a field an attacker placed right below the real one. For
 * receivers that write one field per receipt (Gmail, Microsoft…), only the topmost of each kind
 * counts; for the others (iCloud, milters), the topmost stamp reporting each method wins.
 */
function supersede(entries: Entry[], single: boolean): void {
  const seenKinds = new Set<string>();
  const seenMethods = new Map<string, Set<string>>();
  const trustedAars = entries.filter((e) => e.stamp.trusted && e.stamp.kind === 'arc-authentication-results');
  const highestAar = trustedAars.reduce<Entry | null>(
    (best, e) => (best === null || (instanceOf(e) ?? 0) > (instanceOf(best) ?? 0) ? e : best),
    null,
  );
  for (const e of entries) {
    if (!e.stamp.trusted) continue;
    const kind = e.stamp.kind;
    if (kind === 'arc-authentication-results') {
      if (e !== highestAar) {
        e.stamp.trusted = false;
        e.stamp.trust = 'superseded';
      }
      continue;
    }
    if (single && kind !== 'received-spf') {
      if (seenKinds.has(kind)) {
        e.stamp.trusted = false;
        e.stamp.trust = 'superseded';
      }
      seenKinds.add(kind);
      continue;
    }
    let seen = seenMethods.get(kind);
    if (seen === undefined) {
      seen = new Set();
      seenMethods.set(kind, seen);
    }
    const methods = methodsOf(e);
    const hasDkim = isAr(e) && e.stamp.parsed.results.some((r) => r.method === 'dkim');
    const fresh = methods.filter((m) => !seen.has(m));
    if (!hasDkim && methods.length > 0 && fresh.length === 0) {
      e.stamp.trusted = false;
      e.stamp.trust = 'superseded';
      continue;
    }
    for (const m of fresh) seen.add(m);
  }
}

function firstResult(fields: ArEntry[], method: string): { entry: ArEntry; result: AuthResult } | null {
  for (const entry of fields) {
    const result = entry.stamp.parsed.results.find((r) => r.method === method);
    if (result !== undefined) return { entry, result };
  }
  return null;
}

function remoteIp(fields: ArEntry[]): string | null {
  for (const entry of fields) {
    for (const r of entry.stamp.parsed.results) {
      const ip =
        prop(r, 'smtp', 'remote-ip') ??
        prop(r, 'smtp', 'client-ip') ??
        (r.method === 'iprev' ? prop(r, 'policy', 'iprev') : null);
      if (ip !== null && isIpLiteral(ip)) return normalizeHost(ip);
    }
  }
  return null;
}

function spfVerdict(
  fields: ArEntry[],
  spfStamp: SpfEntry | undefined,
  used: Set<AuthResult>,
  usedSources: Map<string, Entry>,
): SpfVerdict | null {
  const rspf = spfStamp?.stamp.parsed;
  const rspfFacts = rspf?.facts ?? {};
  for (const entry of fields) {
    const spfs = entry.stamp.parsed.results.filter((r) => r.method === 'spf');
    if (spfs.length === 0) continue;
    // A receiver may report MAIL FROM and HELO checks separately; the MAIL FROM one is the verdict.
    const r =
      spfs.find((x) => prop(x, 'smtp', 'mailfrom') !== null || prop(x, 'smtp', 'mail') !== null) ??
      spfs.find((x) => prop(x, '', 'spfdomain') !== null) ??
      spfs[0];
    if (r === undefined) continue;
    used.add(r);
    usedSources.set('spf', entry);
    const sender = prop(r, 'smtp', 'mailfrom') ?? prop(r, 'smtp', 'mail');
    const comment = joinComments(r.comments);
    const facts = mergeFacts(comment === null ? {} : parseSpfComment(comment), rspfFacts);
    const domain =
      domainOf(sender === '' ? null : sender) ??
      domainOf(prop(r, '', 'spfdomain')) ??
      domainOf(prop(r, 'smtp', 'helo')) ??
      facts.domain ??
      null;
    return {
      result: normalizeResult('spf', r.result),
      domain,
      sender,
      ip: facts.ip ?? rspf?.clientIp ?? rspfFacts.ip ?? remoteIp(fields),
      comment,
      facts,
      source: sourceOf(entry.field, entry.stamp.authservId, entry.stamp.parsed.instance),
    };
  }
  if (spfStamp === undefined || rspf === undefined) return null;
  usedSources.set('spf', spfStamp);
  const helo = (rspf.identity ?? '').toLowerCase() === 'helo';
  return {
    result: normalizeResult('spf', rspf.result),
    domain:
      domainOf(rspf.envelopeFrom ?? null) ??
      rspfFacts.domain ??
      (helo ? domainOf(rspf.helo ?? null) : null) ??
      null,
    sender: rspf.envelopeFrom ?? rspfFacts.sender ?? null,
    ip: rspf.clientIp ?? rspfFacts.ip ?? remoteIp(fields),
    comment: rspf.comment ?? null,
    facts: rspfFacts,
    source: sourceOf(spfStamp.field, spfStamp.stamp.authservId),
  };
}

/**
 * Every DKIM verdict carries its field's text as evidence, so n results in one field of length ~n
 * made the report O(n²): a 260 KB field of 8,000 `dkim=` results gave a report JSON.stringify could
 * not hold ("Invalid string length"; found by test/fuzz). A receiver writes one result per signature
 * and messages carry a handful (kernel.org writes the same one twice, which is kept), so at most
 * MAX_DKIM_VERDICTS are kept; past it only a pass for a domain not yet passed is still added (up to
 * as many again), so that what Gmail shows as "signed-by" never changes because of the cap.
 */
const MAX_DKIM_VERDICTS = 50;

function dkimVerdicts(
  fields: ArEntry[],
  used: Set<AuthResult>,
  usedSources: Map<string, Entry>,
): DkimVerdict[] {
  const out: DkimVerdict[] = [];
  const passed = new Set<string>();
  for (const entry of fields) {
    for (const r of entry.stamp.parsed.results) {
      if (r.method !== 'dkim') continue;
      used.add(r);
      if (!usedSources.has('dkim')) usedSources.set('dkim', entry);
      const identity = prop(r, 'header', 'i');
      const d = prop(r, 'header', 'd');
      const verdict: DkimVerdict = {
        result: normalizeResult('dkim', r.result),
        domain: d !== null && d !== '' ? d.toLowerCase() : domainOf(identity),
        selector: prop(r, 'header', 's'),
        identity,
        comment: joinComments(r.comments),
        source: sourceOf(entry.field, entry.stamp.authservId, entry.stamp.parsed.instance),
      };
      const newPass = verdict.result === 'pass' && verdict.domain !== null && !passed.has(verdict.domain);
      if (out.length >= MAX_DKIM_VERDICTS && !(newPass && passed.size < MAX_DKIM_VERDICTS)) continue;
      if (newPass && verdict.domain !== null) passed.add(verdict.domain);
      out.push(verdict);
    }
  }
  return out;
}

function dmarcVerdict(
  fields: ArEntry[],
  used: Set<AuthResult>,
  usedSources: Map<string, Entry>,
): DmarcVerdict | null {
  const found = firstResult(fields, 'dmarc');
  if (found === null) return null;
  const { entry, result: r } = found;
  used.add(r);
  usedSources.set('dmarc', entry);
  const comment = joinComments(r.comments);
  const facts = readDmarcFacts(r);
  return {
    result: normalizeResult('dmarc', r.result),
    policy: facts.policy ?? null,
    subdomainPolicy: facts.subdomainPolicy ?? null,
    disposition: facts.disposition ?? null,
    fromDomain: domainOf(prop(r, 'header', 'from')),
    comment,
    source: sourceOf(entry.field, entry.stamp.authservId, entry.stamp.parsed.instance),
  };
}

function trustedResultFor(method: string, verdicts: Verdicts): string | null {
  switch (method) {
    case 'spf':
      return verdicts.spf?.result ?? null;
    case 'dmarc':
      return verdicts.dmarc?.result ?? null;
    case 'arc':
      return verdicts.arc.result;
    case 'dkim': {
      let best: string | null = null;
      for (const v of verdicts.dkim) {
        if (best === null || (resultRank(v.result) ?? 2) > (resultRank(best) ?? 2)) best = v.result;
      }
      return best;
    }
    default:
      return null;
  }
}

/** Every claim that is not part of the verdicts and says more than the receiver found. */
function findConflicts(
  entries: Entry[],
  verdicts: Verdicts,
  used: Set<AuthResult>,
  usedSources: Map<string, Entry>,
): StampConflict[] {
  const conflicts: StampConflict[] = [];
  // Once per method, not per claim: a header can carry thousands of stamps and DKIM results.
  const trustedByMethod = new Map<string, string | null>(
    CORE_METHODS.map((m) => [m, trustedResultFor(m, verdicts)]),
  );
  for (const e of entries) {
    // Created only for a stamp that claims something (most claim nothing beyond the verdicts).
    let claims: Map<string, string> | null = null;
    if (isSpf(e)) {
      const claimed = normalizeResult('spf', e.stamp.parsed.result);
      if (usedSources.get('spf') !== e && resultRank(claimed) !== null) {
        claims = new Map([['spf', claimed]]);
      }
    } else {
      for (const r of e.stamp.parsed.results) {
        const method = r.method;
        if (!(CORE_METHODS as readonly string[]).includes(method)) continue;
        // Results of the field a verdict was read from are that verdict's context (the HELO
        // check beside the MAIL FROM one), not a competing claim.
        if (used.has(r) || (e.stamp.trusted && usedSources.get(method) === e)) continue;
        const claimed = normalizeResult(method, r.result);
        if (resultRank(claimed) === null) continue;
        claims ??= new Map();
        const previous = claims.get(method);
        if (previous === undefined || (resultRank(claimed) ?? 0) > (resultRank(previous) ?? 0)) {
          claims.set(method, claimed);
        }
      }
    }
    if (claims === null) continue;
    for (const [method, claimed] of claims) {
      const trusted = trustedByMethod.get(method) ?? null;
      // No verdict, or one outside the RFC words, ranks as "no opinion" (2): a claimed pass stands out.
      const trustedRank = trusted === null ? 2 : (resultRank(trusted) ?? 2);
      if ((resultRank(claimed) ?? 0) <= trustedRank) continue;
      conflicts.push({
        method,
        trustedResult: trusted,
        claimedResult: claimed,
        stampTrust: e.stamp.trust,
        source: sourceOf(e.field, e.stamp.authservId, instanceOf(e)),
      });
    }
  }
  return conflicts;
}
