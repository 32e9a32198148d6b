/**
 * Result words: which methods are registered, how vendor spellings map to RFC words, and which
 * result is "better" (used to flag an untrusted stamp that claims more than the receiver found).
 */

// IANA "Email Authentication Methods" registry (RFC 8601 §6, RFC 8617 for arc, RFC 7489 for dmarc).
const REGISTERED_METHODS: ReadonlySet<string> = new Set([
  'auth',
  'dkim',
  'dkim-adsp',
  'dkim-atps',
  'dmarc',
  'dnswl',
  'domainkeys',
  'iprev',
  'rrvs',
  'sender-id',
  'smime',
  'spf',
  'vbr',
  'arc',
]);

/** True when `method` is in the IANA Email Authentication Methods registry. */
export function isRegisteredMethod(method: string): boolean {
  return REGISTERED_METHODS.has(method.toLowerCase());
}

/**
 * Maps a result word to the RFC spelling: Yahoo writes `dkim_pass` and `success`, go-msgauth and
 * old Received-SPF write `hardfail`, Microsoft capitalises (`SoftFail`). Unknown words pass through
 * lower-cased (`bestguesspass`, `unknown`, `skipped` keep their own meaning).
 */
export function normalizeResult(method: string, result: string): string {
  let r = result.trim().toLowerCase();
  // The prefix ends in `_`: a result without one (all but Yahoo's) cannot start with it, and is
  // spared building the prefix string (this runs for every result of every stamp).
  if (r.includes('_')) {
    const prefix = `${method.toLowerCase()}_`;
    if (r.startsWith(prefix)) r = r.slice(prefix.length);
  }
  if (r === 'success') return 'pass';
  if (r === 'hardfail' && method.toLowerCase() === 'spf') return 'fail';
  return r;
}

/**
 * How favourable an RFC result word (normalised) is: pass 3; neutral, none, policy 2; softfail 1;
 * fail and errors 0. Null for words outside RFC 7208 / 8601 (`skipped`, `unknown`,
 * `bestguesspass`…): they cannot be ranked against the receiver's verdict.
 */
export function resultRank(result: string | null): number | null {
  switch (result) {
    case 'pass':
      return 3;
    case 'neutral':
    case 'none':
    case 'policy':
      return 2;
    case 'softfail':
      return 1;
    case 'fail':
    case 'hardfail':
    case 'permerror':
    case 'temperror':
      return 0;
    default:
      return null;
  }
}
