/**
 * Gmail's refusals, as they come back to the sender inside a bounce (a delivery-status notification
 * written by the sender's own server, quoting Gmail's SMTP reply). The reply texts and their meaning
 * are Gmail's (support.google.com/a/answer/81126, and the catalogue of real replies kept by
 * sisimai: lib/sisimai/rhost/google.rb).
 */

export type BounceKind =
  /** 5.7.26: neither SPF nor DKIM passed. */
  | 'unauthenticated'
  /** 5.7.26: DMARC policy of the From domain (p=reject/quarantine) refused it. */
  | 'dmarc-policy'
  /** 5.7.26: the envelope domain's record ends in -all and SPF failed. */
  | 'spf-hardfail'
  /** 4.7.27 / 5.7.27: SPF did not pass (bulk sender requirements). */
  | 'spf'
  /** 4.7.30 / 5.7.30: DKIM did not pass (bulk sender requirements). */
  | 'dkim'
  /** 4.7.32 / 5.7.32: the From domain is aligned with neither SPF nor DKIM (bulk senders). */
  | 'not-aligned'
  /** 5.7.25: the sending IP has no PTR, or its PTR does not resolve back. */
  | 'ptr'
  /** 4.7.29 / 5.7.29: TLS is required. */
  | 'tls'
  /** 4.7.26 (421): rate limited because unauthenticated. */
  | 'rate-limited'
  /** 451 4.7.26: DNS failed while checking DMARC; retried later. */
  | 'dns-tempfail'
  /** 5.7.24: suspicious SPF entries. */
  | 'spf-suspicious';

export interface GmailBounce {
  kind: BounceKind;
  /** `550`, `421`… */
  code: string;
  /** `5.7.26`… */
  enhanced: string;
  permanent: boolean;
  /** Domain named in the reply (the SPF or DMARC domain), when stated. */
  domain: string | null;
  /** IP named in the reply, when stated. */
  ip: string | null;
  /** DKIM / SPF lines of the 5.7.26 "Authentication results" block. */
  spfPassed: boolean | null;
  dkimPassed: boolean | null;
  /** The reply as quoted (continuation lines joined, at most 600 characters). */
  text: string;
}

const REPLY = /\b([245]\d\d)[ -]([245]\.7\.(?:2[4-9]|3[0-2]))\b/;

/** Joins a multi-line SMTP reply (`550-5.7.26 …` lines, the last one `550 5.7.26 …`) into one text. */
function replyText(body: string, start: number): string {
  const lines = body.slice(start, start + 6000).split(/\r\n|\n|\r/);
  const out: string[] = [];
  for (const line of lines) {
    const m = /\b[245]\d\d([ -])[245]\.\d\.\d+\s?(.*)$/.exec(line);
    if (!m) {
      if (out.length > 0 && /^\s+\S/.test(line)) out.push(line.trim());
      else if (out.length > 0) break;
      continue;
    }
    out.push((m[2] ?? '').trim());
    if (m[1] === ' ') break; // RFC 5321 §4.2.1: a space after the code marks the last line
  }
  return out.join(' ').replace(/\s+/g, ' ').trim().slice(0, 600);
}

/**
 * Finds Gmail's authentication-related refusal in a bounce's body text. Returns null when the text
 * quotes no such reply (another kind of bounce, or not a bounce).
 */
export function readGmailBounce(body: string): GmailBounce | null {
  // A DSN quotes the reply several times (a one-line "reason:", the transcript, Diagnostic-Code):
  // the longest quote is the whole reply.
  let best: { code: string; enhanced: string; text: string } | null = null;
  const all = new RegExp(REPLY.source, 'g');
  // Each line is read once, and at most 32 quotes are compared: a body of thousands of reply codes
  // (or of lone-CR lines) stays linear.
  let lastStart = -1;
  let tried = 0;
  for (const m of body.matchAll(all)) {
    if (!m[1] || !m[2]) continue;
    const start = Math.max(body.lastIndexOf('\n', m.index), body.lastIndexOf('\r', m.index)) + 1;
    if (start === lastStart) continue;
    lastStart = start;
    if (++tried > 32) break;
    const text = replyText(body, start);
    if (!best || text.length > best.text.length) best = { code: m[1], enhanced: m[2], text };
    if (best.text.length >= 600) break;
  }
  if (!best) return null;
  const { code, enhanced, text } = best;
  const lower = text.toLowerCase();
  const sub = enhanced.slice(4);
  let kind: BounceKind;
  if (sub === '26') {
    if (/dmarc policy/.test(lower)) kind = code.startsWith('4') ? 'dns-tempfail' : 'dmarc-policy';
    else if (/hard fail policy/.test(lower)) kind = 'spf-hardfail';
    else if (code.startsWith('4')) kind = 'rate-limited';
    else kind = 'unauthenticated';
  } else if (sub === '25') kind = 'ptr';
  else if (sub === '24') kind = 'spf-suspicious';
  else if (sub === '27') kind = 'spf';
  else if (sub === '29') kind = 'tls';
  else if (sub === '30') kind = 'dkim';
  else if (sub === '32') kind = 'not-aligned';
  else return null;

  const domain =
    /\bspf \[([a-z0-9.-]+)\]/i.exec(text)?.[1] ??
    /\bmail from domain \[([a-z0-9.-]+)\]/i.exec(text)?.[1] ??
    /\bemail from ([a-z0-9.-]+\.[a-z]{2,}) is not accepted/i.exec(text)?.[1] ??
    null;
  const ip = /\bip:? \[([0-9a-f:.]+)\]/i.exec(text)?.[1] ?? null;
  const passed = (what: RegExp): boolean | null => {
    const r = what.exec(text);
    if (!r) return null;
    return !/did not pass|fail/i.test(r[0]);
  };
  return {
    kind,
    code,
    enhanced,
    permanent: code.startsWith('5'),
    domain: domain ? domain.toLowerCase() : null,
    ip,
    spfPassed: passed(/\bSPF\b[^=]*=\s*(?:did not pass|pass(?:ed)?|fail\w*)/i),
    dkimPassed: passed(/\bDKIM\b[^=]*=\s*(?:did not pass|pass(?:ed)?|fail\w*)/i),
    text,
  };
}
