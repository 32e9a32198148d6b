/** SPF record syntax (RFC 7208 §4.5, §4.6, §12 ABNF). Pure. */
import ipaddr from 'ipaddr.js';
import { type MacroToken, parseMacroString } from './macro.js';
import type {
  MechanismName,
  Qualifier,
  SpfMechanism,
  SpfModifier,
  SpfParseResult,
  SpfRecord,
  SpfSyntaxError,
  SpfSyntaxErrorCode,
  SpfTerm,
} from './types.js';

const MECHANISMS: readonly MechanismName[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];

/** §4.5: a record starts with exactly "v=spf1" followed by a space or the end of the record. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1(?: |$)/i.test(text);
}

/** toplabel (§12): alphanumeric with at least one letter, or containing inner dashes. */
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/**
 * §12: domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand.
 * Returns the macro tokens, or a detail saying what is wrong.
 */
export function parseDomainSpec(
  spec: string,
): { ok: true; tokens: MacroToken[] } | { ok: false; detail: string; macro?: true } {
  if (spec === '') return { ok: false, detail: 'empty domain-spec' };
  const parsed = parseMacroString(spec, false);
  if (!parsed.ok) return { ok: false, detail: parsed.detail, macro: true };
  const last = parsed.tokens[parsed.tokens.length - 1];
  // A domain-spec may end in a macro-expand (a %{x}, or one of %% %_ %-, which parse into literals).
  if (last?.kind === 'macro' || /%[%_-]$/.test(spec)) return parsed;
  const tail = (last?.text ?? '').replace(/\.$/, '');
  const dot = tail.lastIndexOf('.');
  if (dot < 0) return { ok: false, detail: 'domain-spec must end with "." and a top label, or a macro' };
  if (!TOPLABEL.test(tail.slice(dot + 1))) {
    return { ok: false, detail: `"${tail.slice(dot + 1)}" is not a valid top label` };
  }
  return parsed;
}

/** ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT), at most 32; ip6 likewise up to 128 (§12). */
function cidrValue(text: string, max: number): number | null {
  if (!/^(?:0|[1-9]\d{0,2})$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function isStrictIp4(text: string): boolean {
  // ip4-network = qnum "." qnum "." qnum "." qnum; qnum has no leading zeros (§12).
  return /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text);
}

function isStrictIp6(text: string): boolean {
  return !text.includes('%') && /^[0-9a-f:.]+$/i.test(text) && ipaddr.IPv6.isValid(text);
}

type TermParse = { ok: true; term: SpfTerm } | { ok: false; code: SpfSyntaxErrorCode; detail?: string };

function bad(code: SpfSyntaxErrorCode, detail?: string): TermParse {
  return detail === undefined ? { ok: false, code } : { ok: false, code, detail };
}

function parseTerm(text: string): TermParse {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // §3.1 / §12: records are 7-bit ASCII printable characters separated by SP.
    if (code < 0x21 || code > 0x7e) return bad('bad-character', `U+${code.toString(16).padStart(4, '0')}`);
  }
  const modifier = /^([a-z][a-z0-9._-]*)=(.*)$/is.exec(text);
  if (modifier !== null) {
    const name = (modifier[1] as string).toLowerCase();
    const value = modifier[2] as string;
    if (name === 'redirect' || name === 'exp') {
      const spec = parseDomainSpec(value);
      if (!spec.ok) return bad(spec.macro ? 'bad-macro' : 'bad-domain-spec', spec.detail);
    } else {
      // §6: unknown modifiers are ignored, but their value must still be a macro-string (§12).
      const parsed = parseMacroString(value, true);
      if (!parsed.ok || value.includes(' ')) return bad('bad-macro', parsed.ok ? 'space' : parsed.detail);
    }
    const term: SpfModifier = { kind: 'modifier', text, name, value };
    return { ok: true, term };
  }
  const m = /^([+\-~?]?)([a-z0-9]*)(.*)$/is.exec(text) as RegExpExecArray;
  const qualifierText = m[1] as string;
  const name = (m[2] as string).toLowerCase() as MechanismName;
  const rest = m[3] as string;
  if (!MECHANISMS.includes(name) || (rest !== '' && !rest.startsWith(':') && !rest.startsWith('/'))) {
    // A name followed by "=" is a modifier with a bad name (e.g. "1x=..."); anything else is unknown.
    if (/^[^:/]*=/.test(text)) return bad('bad-modifier-name');
    return bad('unknown-mechanism', (m[2] as string) === '' ? text : name);
  }
  const mech: SpfMechanism = {
    kind: 'mechanism',
    text,
    qualifier: (qualifierText === '' ? '+' : qualifierText) as Qualifier,
    explicitQualifier: qualifierText !== '',
    name,
  };
  switch (name) {
    case 'all':
      if (rest !== '') return bad('unexpected-argument', rest);
      return { ok: true, term: mech };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) return bad('missing-argument', `${name} needs ":domain"`);
      const spec = rest.slice(1);
      const parsed = parseDomainSpec(spec);
      if (!parsed.ok) return bad(parsed.macro ? 'bad-macro' : 'bad-domain-spec', parsed.detail);
      mech.domainSpec = spec;
      return { ok: true, term: mech };
    }
    case 'a':
    case 'mx':
    case 'ptr': {
      let arg = rest;
      if (name !== 'ptr') {
        // dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ] (§5.6)
        const cidr = /(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(arg);
        if (cidr !== null && cidr[0] !== '') {
          if (cidr[1] !== undefined) {
            const v = cidrValue(cidr[1], 32);
            if (v === null) return bad('bad-cidr', `/${cidr[1]}`);
            mech.cidr4 = v;
          }
          if (cidr[2] !== undefined) {
            const v = cidrValue(cidr[2], 128);
            if (v === null) return bad('bad-cidr', `//${cidr[2]}`);
            mech.cidr6 = v;
          }
          arg = arg.slice(0, arg.length - cidr[0].length);
        }
      }
      if (arg === '') return { ok: true, term: mech };
      if (!arg.startsWith(':')) return bad('unexpected-argument', arg);
      const spec = arg.slice(1);
      const parsed = parseDomainSpec(spec);
      if (!parsed.ok) return bad(parsed.macro ? 'bad-macro' : 'bad-domain-spec', parsed.detail);
      mech.domainSpec = spec;
      return { ok: true, term: mech };
    }
    case 'ip4': {
      if (!rest.startsWith(':')) return bad('missing-argument', 'ip4 needs ":address"');
      const [net, cidr, ...more] = rest.slice(1).split('/');
      if (more.length > 0 || net === undefined || !isStrictIp4(net)) return bad('bad-ip4', rest.slice(1));
      mech.network = net;
      if (cidr !== undefined) {
        const v = cidrValue(cidr, 32);
        if (v === null) return bad('bad-cidr', `/${cidr}`);
        mech.cidr4 = v;
      }
      return { ok: true, term: mech };
    }
    case 'ip6': {
      if (!rest.startsWith(':')) return bad('missing-argument', 'ip6 needs ":address"');
      const [net, cidr, ...more] = rest.slice(1).split('/');
      if (more.length > 0 || net === undefined || !isStrictIp6(net)) return bad('bad-ip6', rest.slice(1));
      mech.network = net;
      if (cidr !== undefined) {
        const v = cidrValue(cidr, 128);
        if (v === null) return bad('bad-cidr', `/${cidr}`);
        mech.cidr6 = v;
      }
      return { ok: true, term: mech };
    }
  }
}

/**
 * Parses an SPF record (already joined from its TXT strings). §4.6: any syntax error anywhere makes the
 * whole record a permerror before anything is evaluated, so this returns the first error found.
 */
export function parseSpfRecord(text: string): SpfParseResult {
  const fail = (code: SpfSyntaxErrorCode, term: string, index: number, detail?: string): SpfParseResult => {
    const error: SpfSyntaxError = { code, term, index };
    if (detail !== undefined) error.detail = detail;
    return { ok: false, error };
  };
  if (!isSpfRecord(text)) return fail('no-version', text, -1);
  // §4.6.1: terms are separated by one or more SP; nothing else is a separator.
  const words = text
    .slice(6)
    .split(' ')
    .filter((w) => w !== '');
  const record: SpfRecord = { text, terms: [] };
  for (const [index, word] of words.entries()) {
    const parsed = parseTerm(word);
    if (!parsed.ok) return fail(parsed.code, word, index, parsed.detail);
    const term = parsed.term;
    if (term.kind === 'modifier' && (term.name === 'redirect' || term.name === 'exp')) {
      // §6: redirect and exp may each appear at most once.
      if (record[term.name] !== undefined) return fail('duplicate-modifier', word, index, term.name);
      record[term.name] = term;
    }
    record.terms.push(term);
  }
  return { ok: true, record };
}
