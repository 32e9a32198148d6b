/**
 * ARC sets (RFC 8617): ARC-Seal, ARC-Message-Signature and ARC-Authentication-Results grouped by
 * instance, and the shape of the chain. No cryptographic verification: the receiver's own `arc=`
 * verdict says whether the signatures held; this tells what the header shows.
 */

import type { HeaderField } from '../headers/types.js';
import type { ArcSetSummary, ArcVerdict } from '../model.js';
import { parseAuthenticationResults } from './parse.js';
import type { AuthResultsField } from './types.js';

/** Reads an ARC tag list (`i=1; a=rsa-sha256; cv=none; …`) into lower-cased keys → trimmed values. */
export function parseArcTags(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key === '' || tags.has(key)) continue;
    tags.set(key, part.slice(eq + 1).trim());
  }
  return tags;
}

function isTrimmed(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * The first `i=` and (with `wantCv`) `cv=` of a tag list, as `parseArcTags(value).get('i')` /
 * `.get('cv')` give them. A seal or signature is mostly its `b=` / `bh=` base64: only the tags a
 * set needs are sliced out, instead of a trimmed key and value for every tag.
 */
function sealTags(value: string, wantCv: boolean): { i: string | undefined; cv: string | undefined } {
  let i: string | undefined;
  let cv: string | undefined;
  let eq = -1;
  let start = 0;
  // Without `wantCv` (a signature, whose cv= is not used) the scan ends at i=, before the long
  // h=, bh= and b=.
  while (start <= value.length && (i === undefined || (wantCv && cv === undefined))) {
    let end = value.indexOf(';', start);
    if (end < 0) end = value.length;
    // The next `=` is searched again only once passed, so the whole scan stays linear.
    if (eq < start) eq = value.indexOf('=', start);
    if (eq < 0) break;
    if (eq > start && eq < end) {
      let ks = start;
      let ke = eq;
      while (ks < ke && isTrimmed(value.charCodeAt(ks))) ks++;
      while (ke > ks && isTrimmed(value.charCodeAt(ke - 1))) ke--;
      let key: string | null = null;
      for (let k = ks; k < ke; k++) {
        // Non-ASCII: String#trim and toLowerCase have wider rules; let them decide.
        if (value.charCodeAt(k) >= 0x80) {
          key = value.slice(start, eq).trim().toLowerCase();
          break;
        }
      }
      if (key === null) {
        const n = ke - ks;
        const a = value.charCodeAt(ks) | 0x20;
        if (n === 1 && a === 0x69 /* i */) key = 'i';
        else if (n === 2 && a === 0x63 /* c */ && (value.charCodeAt(ks + 1) | 0x20) === 0x76 /* v */)
          key = 'cv';
      }
      if (key === 'i' && i === undefined) i = value.slice(eq + 1, end).trim();
      else if (key === 'cv' && cv === undefined) cv = value.slice(eq + 1, end).trim();
    }
    start = end + 1;
  }
  return { i, cv };
}

// RFC 8617 §4.2.1: instance is 1..50.
function readInstance(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9]{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 50 ? n : null;
}

interface SetCounts {
  seals: number;
  signatures: number;
  results: number;
  cv: string | null;
  authservId: string | null;
}

/**
 * Groups the ARC fields of a header into sets and reports the chain's shape:
 * `none` (no ARC field), `missing-instance` (instances are not exactly 1..N), `broken` (a set
 * lacks or repeats a field, an instance is unreadable, or a seal's cv= contradicts its place:
 * RFC 8617 §5.1.1 wants `none` at i=1 and `pass` above), `cv-fail` (a seal records that the chain
 * had already failed), `complete` otherwise. Structure is reported before cv=fail because a chain
 * with missing parts cannot be read further. Sets come highest instance first.
 */
export function readArcSets(fields: HeaderField[]): Pick<ArcVerdict, 'sets' | 'shape'> {
  return arcSetsOf(fields, (f) => parseAuthenticationResults(f.value));
}

/** readArcSets, with the ARC-Authentication-Results read by `parsed` (readStamps has them already). */
export function arcSetsOf(
  fields: HeaderField[],
  parsed: (field: HeaderField) => AuthResultsField,
): Pick<ArcVerdict, 'sets' | 'shape'> {
  const sets = new Map<number, SetCounts>();
  let seen = false;
  let unreadable = false;
  const get = (i: number): SetCounts => {
    let s = sets.get(i);
    if (s === undefined) {
      s = { seals: 0, signatures: 0, results: 0, cv: null, authservId: null };
      sets.set(i, s);
    }
    return s;
  };
  for (const f of fields) {
    if (f.lname === 'arc-seal' || f.lname === 'arc-message-signature') {
      seen = true;
      const tags = sealTags(f.value, f.lname === 'arc-seal');
      const i = readInstance(tags.i);
      if (i === null) {
        unreadable = true;
        continue;
      }
      const set = get(i);
      if (f.lname === 'arc-seal') {
        set.seals++;
        if (set.seals === 1) set.cv = tags.cv?.toLowerCase() ?? null;
      } else set.signatures++;
    } else if (f.lname === 'arc-authentication-results') {
      seen = true;
      const aar = parsed(f);
      const i = aar.instance === undefined ? null : readInstance(String(aar.instance));
      if (i === null) {
        unreadable = true;
        continue;
      }
      const set = get(i);
      set.results++;
      if (set.results === 1) set.authservId = aar.authservId ?? null;
    }
  }
  if (!seen) return { sets: [], shape: 'none' };

  const instances = [...sets.keys()].sort((a, b) => b - a);
  const summaries: ArcSetSummary[] = instances.map((instance) => {
    const s = get(instance);
    return {
      instance,
      cv: s.cv,
      authservId: s.authservId,
      hasSeal: s.seals > 0,
      hasMessageSignature: s.signatures > 0,
      hasAuthenticationResults: s.results > 0,
    };
  });
  const highest = instances[0] ?? 0;
  if (instances.length !== highest) return { sets: summaries, shape: 'missing-instance' };
  let broken = unreadable;
  let cvFail = false;
  for (const instance of instances) {
    const s = get(instance);
    if (s.seals !== 1 || s.signatures !== 1 || s.results !== 1) broken = true;
    if (s.cv === 'fail') cvFail = true;
    else if (s.seals > 0 && (instance === 1 ? s.cv !== 'none' : s.cv !== 'pass')) broken = true;
  }
  return { sets: summaries, shape: broken ? 'broken' : cvFail ? 'cv-fail' : 'complete' };
}
