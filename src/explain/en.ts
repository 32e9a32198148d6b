import type { FindingArgs, FixAssumption } from '../diagnose/findings.js';
import { providerById, providerName } from '../diagnose/providers/index.js';
import type { Catalog, UiText } from './types.js';

const ipText = (ip: string | null): string => ip ?? 'the sending IP';

export const en: Catalog = {
  authenticated: (a) => ({
    title: 'Authenticated: nothing to fix',
    detail:
      `The message passed authentication` +
      (a.spfDomain ? ` (SPF for ${a.spfDomain}` : ' (') +
      (a.dkimDomains.length ? `${a.spfDomain ? ', ' : ''}DKIM for ${a.dkimDomains.join(', ')}` : '') +
      `). The receiver knows it came from ${a.fromDomain ?? 'the sender'}'s servers; Gmail shows no "?".`,
  }),
  'gmail-unauthenticated': (a) => ({
    title: 'Gmail shows a "?" instead of the sender\'s picture',
    detail:
      `Neither SPF nor DKIM passed, so Gmail could not verify that the message really came from ` +
      `${a.fromDomain ?? "the sender's domain"}. Authenticating by SPF or by DKIM removes the "?".`,
  }),
  'spf-not-designated': (a) => ({
    title: `SPF ${a.result}: ${ipText(a.ip)} is not allowed to send for ${a.domain}`,
    detail:
      `The receiver looked up the SPF record of ${a.domain} (the envelope sender's domain) and did not find ` +
      `${ipText(a.ip)}${a.host ? ` (${a.host})` : ''} in it` +
      (a.transitioning
        ? `; the record ends in "~all", so the result is softfail.`
        : `; a "-" term of the record (usually "-all") rejects it, so the result is fail.`) +
      ` The record must name the server that really sends the mail${a.host ? `: ${a.host}` : ''}.`,
  }),
  'freemail-domain': (a) => ({
    title: `${a.domain} is a mailbox provider's domain, and ${a.host ?? a.ip ?? 'this server'} is not one of its servers`,
    detail:
      `The message uses an address at ${a.domain}` +
      (a.result
        ? ` as its envelope sender, and SPF gave ${a.result}`
        : ', and nothing authenticated it for that domain') +
      `: ${a.host ?? a.ip ?? 'another server'} sent it. Only the provider sends for ${a.domain} and publishes its records, so no DNS record can fix this. ` +
      "A website's form or a program that writes a visitor's address in From must send from an address of its own domain and put the visitor's address in Reply-To. " +
      'If nobody you know sends mail this way, the address is forged.',
  }),
  'provider-envelope': (a) => ({
    title: `The envelope sender is the server's own address at ${a.envelopeDomain}, not an address of ${a.fromDomain}`,
    detail:
      `SPF checks the envelope sender (Return-Path), and the program that sent this message left it to ${a.host}, ` +
      `which wrote an address of ${a.envelopeDomain}: SPF gave ${a.result} for that domain, which is ${providerName(a.provider, 'en')}'s, not yours, ` +
      `and would not count for ${a.fromDomain} in DMARC even if it passed. Set the envelope sender to an address of ${a.fromDomain} ` +
      `(sendmail's -f option, the fifth argument of PHP's mail(), or the form's or mail plugin's "Return-Path" / "envelope sender" setting), ` +
      `and publish ${a.fromDomain}'s SPF record naming the server (below).`,
  }),
  'sakura-server-host': (a) => ({
    title: `Sakura: mail leaves from the server host ${a.host}, not from the initial domain`,
    detail:
      `On Sakura's rental server, mail is sent by the server host (${a.host}). Records that name the ` +
      `account's initial domain (xxx.sakura.ne.jp) only work on plans where both names share one address, ` +
      `which is luck, not design. Name the server host in ${a.domain}'s record: "a:${a.host}" also covers ` +
      `its IPv6 address (Sakura delivers to Gmail over IPv6), which an "ip4:" term would not.`,
  }),
  'spf-none': (a) => ({
    title: a.bestGuess
      ? `SPF: ${a.domain} publishes no record (Gmail used its "best guess")`
      : `SPF none: ${a.domain} publishes no SPF record`,
    detail:
      (a.bestGuess
        ? `Gmail's "best guess record" wording means ${a.domain} has no SPF record; Gmail guessed and got "${a.result}". `
        : `${a.domain} has no SPF record, so no receiver can tell which servers may send for it. `) +
      `Publish one that names the sending server${a.ip ? ` (${a.ip})` : ''}.`,
  }),
  'spf-neutral': (a) => ({
    title: `SPF neutral: ${a.domain}'s record neither allows nor denies ${ipText(a.ip)}`,
    detail: `A neutral result (usually "?all") authenticates nothing. Name the sending server in the record.`,
  }),
  'spf-permerror': (a) => ({
    title: `SPF permerror: ${a.domain}'s record is broken`,
    detail:
      `The receiver could not evaluate the record${a.detail ? ` (${a.detail})` : ''}: a syntax error, two ` +
      `"v=spf1" records, or more than 10 DNS-querying terms. A broken record authenticates nothing.`,
  }),
  'spf-temperror': (a) => ({
    title: `SPF temperror: DNS for ${a.domain} failed at delivery`,
    detail: `The receiver could not look up the record at the time. This may pass on retry; check that ${a.domain}'s name servers answer.`,
  }),
  'spf-pass': (a) => ({
    title: `SPF pass for ${a.domain}`,
    detail: `${a.ip ? `${a.ip} is` : 'The sending server is'} named in ${a.domain}'s SPF record.`,
  }),
  'dkim-none': (a) => ({
    title: 'DKIM: the message carries no valid signature',
    detail:
      `No DKIM signature was verified. Signing outgoing mail with a key published under ` +
      `${a.fromDomain ?? "the sender's domain"} authenticates it even when SPF cannot (forwarding, new servers).`,
  }),
  'dkim-fail': (a) => ({
    title: `DKIM ${a.result}${a.domain ? ` for ${a.domain}` : ''}`,
    detail:
      `A signature was present but did not verify${a.comment ? ` (${a.comment})` : ''}: the key is missing, ` +
      `or the message changed after signing (a mailing list or a forwarder rewrote it).`,
  }),
  'dkim-pass': (a) => ({
    title: `DKIM pass (${a.domains.join(', ')})`,
    detail: `The signature of ${a.domains.join(', ')} verified: the message is unchanged since it was signed.`,
  }),
  'dmarc-fail': (a) => ({
    title: `DMARC fail for ${a.fromDomain ?? 'the From domain'}${a.policy ? ` (policy ${a.policy})` : ''}`,
    detail:
      `Neither an SPF pass nor a DKIM pass matched the From domain. ` +
      (a.policy === 'reject'
        ? 'With p=reject receivers refuse such mail.'
        : a.policy === 'quarantine'
          ? 'With p=quarantine receivers put such mail in spam.'
          : 'The policy asks receivers to deliver it anyway, but it counts against the sender.'),
  }),
  'dmarc-pass': (a) => ({
    title: `DMARC pass for ${a.fromDomain ?? 'the From domain'}`,
    detail: 'An authenticated domain matches the From address.',
  }),
  'no-tls': (a) => ({
    title: 'No TLS on the hop into the receiver (Gmail shows a red open padlock)',
    detail:
      `${a.host ?? 'The sending server'} handed the message over${a.protocol ? ` with ${a.protocol}` : ''}, ` +
      `without encryption. Enable STARTTLS on the sending server.`,
  }),
  'gmail-via': (a) => ({
    title: `Gmail shows "via ${a.via}"`,
    detail: `The domain that authenticated the message (${a.via}) is not ${a.fromDomain ?? 'the From domain'}. Sign with a key of the From domain to drop "via".`,
  }),
  'sending-ip-mismatch': (a) => ({
    title: `The receiver checked ${a.checkedIp}, but the hop into it came from ${a.hopIp}`,
    detail:
      'The Received line and the SPF stamp disagree; one of them may be forged or written by another relay.',
  }),
  'no-received': () => ({
    title: 'No Received lines: the route is unknown',
    detail:
      'The text holds no Received fields, so mailwhy cannot name the server that sent it. Paste the whole header block.',
  }),
  'no-stamps': () => ({
    title: 'No authentication results in the headers',
    detail:
      'No receiver recorded SPF, DKIM or DMARC results (Authentication-Results, ARC-Authentication-Results, Received-SPF). Use the copy of the message as the recipient received it (Gmail: "Show original").',
  }),
  'spoofing-suspected': (a) => ({
    title: `This message probably did not come from ${a.fromDomain ?? 'the domain it claims'}`,
    detail:
      `Signs: ${a.reasons.map((r) => spoofReasonEn[r]).join('; ')}. ` +
      `The failed checks are the protection working: do not add this server to ${a.fromDomain ?? 'the domain'}'s records. ` +
      'Treat the message with suspicion (links, attachments, requests for money or passwords).',
  }),
  'untrusted-stamp': (a) => ({
    title: a.impersonates
      ? `A forged stamp in the receiver's name (${a.authservId}) claims ${a.method}=${a.claimed}`
      : `A stamp not written by the receiver claims ${a.method}=${a.claimed}`,
    detail:
      `An ${a.field} field from ${a.authservId ?? 'an unknown host'} says ${a.method}=${a.claimed}` +
      `${a.trusted ? `, but the receiver itself recorded ${a.method}=${a.trusted}` : ''}. Anyone can write such a line ` +
      `before sending; it is shown, not believed.`,
  }),
  'from-multiple': (a) => ({
    title:
      a.fields > 1 ? `The header has ${a.fields} From fields` : `From names ${a.addresses.length} authors`,
    detail:
      `${a.addresses.join(', ')}. ` +
      (a.checked
        ? `The receiver checked DMARC for ${a.checked} only: a mail program may show another of these addresses, which nothing authenticated. `
        : 'A mail program may show any of these addresses, and DMARC authenticates one domain. ') +
      (a.fields > 1
        ? 'RFC 5322 allows one From field, and many receivers refuse a message with more. '
        : 'RFC 5322 requires a Sender field with several authors, and RFC 7489 asks receivers to check every From domain; many refuse such mail, most of which is abuse. ') +
      'If you send it, put one author in From and the others in Reply-To or Cc.',
  }),
  'date-unreadable': (a) => ({
    title: `Hop ${a.position + 1}: the date cannot be read`,
    detail: `"${a.text}" is not a date mailwhy understands; the delay of this hop is unknown.`,
  }),
  'clock-skew': (a) => ({
    title: `Hop ${a.position + 1}: the clock is ${Math.abs(a.seconds)} s behind`,
    detail: 'This hop is dated before the previous one: one of the two servers has a wrong clock.',
  }),
  'header-truncated': (a) => ({
    title: 'The header block is too large; only its beginning was read',
    detail: `Headers over ${Math.round(a.limitBytes / 1024)} KiB are cut there; the stamps of the receiver come first, so the verdict still stands.`,
  }),
  'summary-mismatch': (a) => ({
    title: `Gmail's summary says ${a.method.toUpperCase()} ${a.summary}, the headers say ${a.header}`,
    detail: 'The "Show original" table and the stamps disagree; mailwhy explains the stamps.',
  }),
  'spf-today': (a) => {
    const when = a.recordedAt ? ` on ${a.recordedAt.slice(0, 10)}` : '';
    const said = a.recorded ? `The receiver recorded ${a.recorded}${when}; ` : '';
    let verdict: string;
    if (a.recorded && a.recorded !== 'pass' && a.today === 'pass')
      verdict = `today's record gives pass: the record was fixed since.`;
    else if (a.recorded === a.today) verdict = `today's record still gives ${a.today}.`;
    else verdict = `today's record gives ${a.today}.`;
    return {
      title: `Today: SPF ${a.today} for ${a.ip} at ${a.domain}`,
      detail:
        `${said}${verdict}` +
        (a.record ? ` Record today: "${a.record}"` : ` ${a.domain} publishes no SPF record today.`) +
        (a.matchedTerm ? `; decided by "${a.matchedTerm}".` : '.'),
    };
  },
  'online-dns-error': (a) => ({
    title: `Today: DNS for ${a.domain} did not answer (temperror)`,
    detail:
      'The online check could not complete; the answer may change on retry. The offline explanation above still stands.',
  }),
  'fix-not-verified': (a) => ({
    title: 'A proposed record did not pass the online check and is not offered',
    detail: `"${a.record}" gives ${a.result} for ${a.ip} today; mailwhy offers a record only when it works.`,
  }),
  'spf-ipv6-not-covered': (a) => ({
    title: `SPF failed for the IPv6 address ${a.ip}: ${a.domain}'s record ${a.confirmed ? 'lists IPv4 only' : 'probably lists IPv4 only'}`,
    detail:
      `The sending server handed the message over IPv6 (${a.ip}${a.host ? `, ${a.host}` : ''}). ` +
      (a.confirmed
        ? `Today's record of ${a.domain} names no IPv6 address and no host. `
        : `A record with only "ip4:" terms cannot match it. `) +
      `Name the host with "a:${a.host ?? 'host'}" (it matches the host's AAAA record too) or add "ip6:${a.ip}".`,
  }),
  'sent-via-provider': (a) => ({
    title: `The mail went out through ${providerName(a.provider, 'en')}, which ${a.domain}'s record does not name`,
    detail:
      `The sending host belongs to ${providerName(a.provider, 'en')}` +
      (a.kind === 'mailbox'
        ? ` (for example a mail client sending "as" ${a.domain} through its SMTP server). `
        : a.kind === 'relay'
          ? ' (the hosting provider relays outgoing mail through it). '
          : '. ') +
      (howTo(a.provider, 'spfHowTo').trim() ||
        `Add ${a.terms.map((t) => `"${t}"`).join(' ')} to ${a.domain}'s SPF record, or send through the domain's own server.`),
  }),
  'esp-envelope': (a) => ({
    title: `SPF passed for ${a.envelopeDomain} (${providerName(a.provider, 'en')}), not for ${a.fromDomain ?? 'the From domain'}`,
    detail:
      `${providerName(a.provider, 'en')} sent the message with its own envelope sender (${a.envelopeDomain}). SPF passes for that domain, ` +
      `but it does not match ${a.fromDomain ?? 'the From domain'}, so it counts for nothing in DMARC and Gmail shows "via". ` +
      `Set a custom return path under your domain and sign with DKIM for your own domain.` +
      howTo(a.provider, 'returnPathHowTo') +
      howTo(a.provider, 'dkimHowTo'),
  }),
  'dkim-default-domain': (a) => ({
    title: `DKIM passed with ${providerName(a.provider, 'en')}'s default domain ${a.signingDomain}, not ${a.fromDomain ?? 'the From domain'}`,
    detail:
      `${providerName(a.provider, 'en')} signs with ${a.signingDomain} until you set up DKIM for your own domain. That signature does not ` +
      `match ${a.fromDomain ?? 'the From domain'}, so DMARC cannot pass on it.` +
      howTo(a.provider, 'dkimHowTo'),
  }),
  'dkim-unaligned': (a) => ({
    title: `DKIM passed for ${a.signingDomain}, which is not ${a.fromDomain ?? 'the From domain'}`,
    detail: `The signature is valid but belongs to another domain, so it does not count for DMARC. Sign with a key of ${a.fromDomain ?? 'the From domain'}.`,
  }),
  'dkim-no-key': (a) => ({
    title:
      a.selector && a.domain
        ? `DKIM: no key published for ${a.selector}._domainkey.${a.domain}`
        : 'DKIM: the signing key was not found in DNS',
    detail: `The message is signed, but the receiver found no public key in DNS at ${a.selector ?? 'the selector'}._domainkey.${a.domain ?? 'the domain'}. Publish the key your server signs with (the provider's control panel shows it).`,
  }),
  forwarded: (a) => ({
    title: `Forwarded${a.forwarder ? ` by ${a.forwarder}` : ''}: SPF judged the forwarder, not the author`,
    detail:
      `The message reached the final receiver from a forwarding server, so SPF checked the forwarder's address against the author's record; that cannot pass and is not the author's fault. ` +
      (a.originalSpf ? `The earlier receiver recorded spf=${a.originalSpf} (kept in its ARC set). ` : '') +
      (a.dkimSurvived
        ? 'The DKIM signature survived forwarding, so the message is still authenticated: nothing to fix.'
        : a.dkimSigned
          ? `DKIM did not survive either. The forwarder should rewrite the envelope sender (SRS) and add an ARC seal${a.srs ? ' (it uses SRS already)' : ''}; the author's DNS is not at fault.`
          : `The message carries no DKIM signature, which would have survived the forward: the author can sign its mail (DKIM), and the forwarder should rewrite the envelope sender (SRS) and add an ARC seal${a.srs ? ' (it uses SRS already)' : ''}. No SPF record of the author's can fix this.`),
  }),
  'list-modified': (a) => ({
    title: `A mailing list${a.list ? ` (${a.list})` : ''} changed the message and broke the DKIM signature`,
    detail:
      `Lists add footers or subject tags, so the body hash of ${a.dkimDomain ?? "the author's"} signature no longer verifies. ` +
      (a.arcSealed ? 'The list sealed what it saw with ARC, which receivers may honour. ' : '') +
      "This is the list's doing, not the author's DNS; lists avoid it by not changing messages or by rewriting From.",
  }),
  'dmarc-missing': (a) => ({
    title: `${a.fromDomain} publishes no DMARC record`,
    detail: `Gmail recorded no DMARC result for ${a.fromDomain}. Start with a monitoring policy (p=none) that sends reports, read them for a few weeks, then tighten it.`,
  }),
  'gmail-bounce': (a) => ({
    title: `Gmail refused the message: ${a.code} ${a.enhanced} (${bounceKindEn[a.kind]})`,
    detail:
      `The bounce quotes Gmail's reply: "${a.text}". ` +
      (a.domain || a.ip ? `It names ${[a.domain, a.ip].filter(Boolean).join(' and ')}. ` : '') +
      bounceAdviceEn[a.kind],
  }),
  'microsoft-compauth': (a) => ({
    title: `Microsoft's composite authentication: ${a.result}${a.reason ? ` (reason ${a.reason})` : ''}`,
    detail: compauthEn[a.meaning],
  }),
  'port25-report': (a) => ({
    title: "port25's verifier report",
    detail: `The verifier checked the message you sent it: ${a.checks.map((c) => `${c.name} ${c.result}`).join(', ')}. The findings below explain these results.`,
  }),
};

const spoofReasonEn: Record<import('../diagnose/findings.js').SpoofReason, string> = {
  'dmarc-policy': "DMARC failed although the domain's policy is reject/quarantine, so its own mail passes",
  'no-reverse-dns': 'the sending IP has no reverse DNS name',
  'bare-helo': 'the sending server introduced itself with a bare computer name',
  'forged-stamps': "someone wrote authentication results in the receiver's name into the message",
  'intra-org': "Microsoft judged it spoofing of the recipient organisation's own domain",
};

const bounceKindEn: Record<import('../diagnose/bounce.js').BounceKind, string> = {
  unauthenticated: 'neither SPF nor DKIM passed',
  'dmarc-policy': "refused by the From domain's DMARC policy",
  'spf-hardfail': 'SPF failed against a -all record',
  spf: 'SPF did not pass',
  dkim: 'DKIM did not pass',
  'not-aligned': 'From is aligned with neither SPF nor DKIM',
  ptr: 'the sending IP has no valid reverse DNS',
  tls: 'TLS is required',
  'rate-limited': 'rate limited because unauthenticated',
  'dns-tempfail': 'DNS failed while checking DMARC',
  'spf-suspicious': 'suspicious SPF entries',
};

const bounceAdviceEn: Record<import('../diagnose/bounce.js').BounceKind, string> = {
  unauthenticated:
    'Authenticate the mail: name the sending server in the SPF record and turn on DKIM signing.',
  'dmarc-policy':
    'Make SPF or DKIM pass for a domain aligned with From, or relax the DMARC policy while you fix it.',
  'spf-hardfail': 'Name the sending server in the record; with -all, every other server is refused.',
  spf: 'Name the sending server in the SPF record (Gmail requires SPF and DKIM from bulk senders).',
  dkim: 'Sign the mail with DKIM for your domain (Gmail requires SPF and DKIM from bulk senders).',
  'not-aligned': 'Make the SPF domain (return path) or the DKIM d= domain match the From domain.',
  ptr: 'Ask the provider of the sending IP to set a PTR record that resolves back to the same IP.',
  tls: 'Enable STARTTLS on the sending server.',
  'rate-limited': 'Authenticate the mail with SPF or DKIM; Gmail slows down unauthenticated senders.',
  'dns-tempfail': "Check that the domain's name servers answer; Gmail will retry.",
  'spf-suspicious': 'Remove over-broad entries (huge ranges, +all) from the SPF record.',
};

const compauthEn: Record<FindingArgs['microsoft-compauth']['meaning'], string> = {
  'explicit-fail': "The From domain's DMARC policy (reject/quarantine) failed: Microsoft acts on it.",
  'implicit-fail':
    'The sender published no or weak records (no DMARC, SPF or DKIM alignment): Microsoft judged the mail unauthenticated by itself.',
  'intra-org-fail':
    "The From domain is one of the recipient organisation's own domains, but the message came from outside and did not authenticate: Microsoft treats it as spoofing of the organisation itself.",
  pass: 'Microsoft considers the sender authenticated.',
  'soft-pass': 'Microsoft considers the sender weakly authenticated (soft pass).',
  bypass: 'Authentication was not applied (allow-listed or internal).',
  other: "See Microsoft's list of compauth reason codes.",
};

function howTo(provider: string, key: 'spfHowTo' | 'dkimHowTo' | 'returnPathHowTo'): string {
  const text = providerById(provider)?.[key]?.en;
  return text ? ` ${text}` : '';
}

const assumptions: Record<FixAssumption, string> = {
  'record-unknown-offline':
    'mailwhy ran offline and cannot see the record published today; merge this with it (run with --online to check)',
  'only-sender':
    'this server is the only one that sends for the domain; add the others you use (newsletters, Google Workspace…)',
  'host-address-stable':
    "the host keeps its name when its address changes, so naming it survives the provider's renumbering",
  'ip-literal': 'the sending server is named by its address: update the record if the address changes',
  'rua-mailbox':
    'the address in rua= exists and can receive the daily aggregate reports (any mailbox of yours)',
  'verified-online':
    "merged with today's published record and evaluated against the sending IP: it gives pass",
};

export const enUi: UiText = {
  assumption: (a) => assumptions[a],
  labels: {
    verdict: 'Verdict',
    authenticated: 'authenticated',
    unauthenticated: 'NOT authenticated',
    from: 'From',
    envelopeFrom: 'Envelope sender',
    subject: 'Subject',
    date: 'Date',
    receiver: 'Receiver (trusted stamps)',
    sendingHost: 'Sending host',
    route: 'Route (newest first)',
    verdicts: 'Verdicts',
    gmail: 'What Gmail shows',
    findings: 'Findings',
    fixes: 'Fix: publish this DNS record',
    zoneLine: 'Zone file',
    form: 'Registrar form',
    assumes: 'Assumes',
    none: 'none',
    unknown: 'unknown',
    questionMark: '"?" (unauthenticated)',
    avatar: 'sender verified',
    via: 'via',
    mailedBy: 'mailed-by',
    signedBy: 'signed-by',
    tls: 'TLS',
    redPadlock: 'no (red open padlock)',
    yes: 'yes',
    notTrusted: 'Not trusted (shown, not believed)',
    delay: 'delay',
    summary: 'Gmail "Show original" summary',
    host: 'host',
    type: 'type',
    value: 'value',
    input: 'Input',
    roleSendingHost: 'sending host',
    roleSubmission: 'submission',
    notRecorded: 'not recorded',
    arcSets: 'ARC sets',
    today: 'Today (online)',
    verified: 'verified online: pass',
  },
};
