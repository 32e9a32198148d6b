// Provider data (src/diagnose/providers): every provider recognises its real outbound hosts and only
// those, no two host patterns overlap, every fact carries a public source, every text exists in both
// languages, and every documented SPF term parses. Host examples come from the shared corpus (the test
// checks that the named file really contains the host), from ../shared/docs/domain.md, from the project's
// own samples, or — for providers the corpus does not show — from public list-archive copies of real
// messages (named by their lore.kernel.org address in the provider's `sources`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../src/analyze.js';
import {
  PROVIDERS,
  type Provider,
  providerById,
  providerName,
  providerOfDkimDomain,
  providerOfEnvelopeDomain,
  providerOfHost,
  providerOfInternalHost,
  RECEIVERS,
  receiverProvider,
} from '../../src/diagnose/providers/index.js';
import { parseSpfRecord } from '../../src/spf/index.js';
import { corpusPath } from '../corpus.js';

/** Where an example host name was seen. `corpus`/`docs`/`samples` paths are checked to contain it. */
type Seen =
  | { corpus: string }
  | { docs: string }
  | { samples: string }
  | { archive: string; note?: string }
  | { template: string };

interface HostExample {
  host: string;
  seen: Seen;
}

const DOMAIN_MD = corpusPath('../docs/domain.md');
const SAMPLES = new URL('../../samples/', import.meta.url);

function fileText(seen: Seen): string | null {
  if ('corpus' in seen) return readFileSync(corpusPath(seen.corpus), 'utf8');
  if ('docs' in seen) return readFileSync(DOMAIN_MD, 'utf8');
  if ('samples' in seen) return readFileSync(new URL(seen.samples, SAMPLES), 'utf8');
  return null;
}

// Real outbound host names per provider id.
const HOSTS: Record<string, HostExample[]> = {
  sakura: [
    { host: 'www262.sakura.ne.jp', seen: { docs: 'domain.md §0 (Received … by mx.google.com over IPv6)' } },
    { host: 'www123.sakura.ne.jp', seen: { samples: 'sakura-softfail.eml' } },
    { host: 'www123.sakura.ne.jp', seen: { samples: 'sakura-softfail-ipv6.eml' } },
  ],
  xserver: [
    { host: 'sv8486.xserver.jp', seen: { archive: 'lore: 79fef4873b4adf2477d6915abac46f65@glory-web.com' } },
    {
      host: 'sv14631.xserver.jp',
      seen: { archive: 'lore: F919ucBRLCaPoAWZuJFwUyZrzTmZa9l341yyvGKhtU@xjp.co.jp' },
    },
  ],
  lolipop: [
    { host: 'smtp-proxy002.phy.lolipop.jp', seen: { archive: 'lore: 5760CB2A.6090106@sakamocchi.jp' } },
  ],
  conoha: [
    {
      host: 'mailgw1029-46.conoha.ne.jp',
      seen: { archive: 'lore: N424PoJbRTI1wRgKFlptKectPlRuw8d3kDwdgqwXqI@…' },
    },
    { host: 'mailgw557-208.conoha.ne.jp', seen: { archive: 'vger.kernel.org devicetree list' } },
    { host: 'mailgw1023.conoha.ne.jp', seen: { archive: 'vger.kernel.org linux-arm-msm list' } },
  ],
  google: [
    { host: 'mail-sor-f41.google.com', seen: { corpus: 'eml/mailauth/arc-pass.eml' } },
    { host: 'mail-pf1-x432.google.com', seen: { corpus: 'eml/spamassassin/dmarc-spam-noneko.eml' } },
    { host: 'mail-vk0-f48.google.com', seen: { corpus: 'eml/blaze/003.eml' } },
    { host: 'mail-lf1-f74.google.com', seen: { corpus: 'eml/postal-mime/calendar-event.eml' } },
    { host: 'mail-oi1-f179.google.com', seen: { corpus: 'received/mailauth-parse-received.jsonl' } },
    { host: 'mail-wr1-f54.google.com', seen: { corpus: 'received/mailparser-spamscope-received.jsonl' } },
  ],
  microsoft365: [
    {
      host: 'EUR05-DB8-obe.outbound.protection.outlook.com',
      seen: { corpus: 'eml/github-issues/trusteddomainproject-OpenARC-137.eml' },
    },
    {
      host: 'mail-db8eur05on2081.outbound.protection.outlook.com',
      seen: { corpus: 'eml/github-issues/trusteddomainproject-OpenARC-137.eml' },
    },
    { host: 'EUR05-VI1-obe.outbound.protection.outlook.com', seen: { corpus: 'eml/blaze/006.eml' } },
    { host: 'mail-vi1eur05on2084.outbound.protection.outlook.com', seen: { corpus: 'eml/blaze/006.eml' } },
  ],
  zoho: [
    { host: 'sender4-op-o12.zoho.com', seen: { archive: 'lore: 20250904073151.686227-3-uwu@icenowy.me' } },
    { host: 'sender4-pp-f112.zoho.com', seen: { archive: 'freedesktop.org dri-devel list' } },
    { host: 'sender4-pp-o95.zoho.com', seen: { archive: 'vger.kernel.org linux-fsdevel list' } },
  ],
  fastmail: [
    {
      host: 'new1-smtp.messagingengine.com',
      seen: { corpus: 'authres/perl-mail-authenticationresults.jsonl' },
    },
    {
      host: 'out1-smtp.messagingengine.com',
      seen: { archive: 'lore: bcd8d501-a457-40fb-9b4d-4df118b76d2f@…' },
    },
    { host: 'wout3-smtp.messagingengine.com', seen: { archive: 'sourceforge list' } },
    { host: 'fout-a2-smtp.messagingengine.com', seen: { archive: 'vger.kernel.org list' } },
    { host: 'fhigh-b2-smtp.messagingengine.com', seen: { archive: 'vger.kernel.org list' } },
  ],
  proton: [
    {
      host: 'mail-40131.protonmail.ch',
      seen: { archive: 'lore: 20240922151618.737458-2-pZ010001011111@proton.me' },
    },
    { host: 'mail-4322.protonmail.ch', seen: { archive: 'xen-devel list' } },
    { host: 'mail-244105.protonmail.ch', seen: { archive: 'vger.kernel.org linux-scsi list' } },
  ],
  amazonses: [
    {
      host: 'b-123.smtp-out.us-east-1.amazonses.com',
      seen: { corpus: 'received/mailparser-spamscope-received.jsonl' },
    },
    {
      host: 'a8-30.smtp-out.amazonses.com',
      seen: { template: 'domain.md §4: aNN-NN.smtp-out.amazonses.com' },
    },
  ],
  sendgrid: [
    { host: 'filter0103p1las1.sendgrid.net', seen: { corpus: 'eml/blaze/001.eml' } },
    { host: 'ismtpd0004p1iad1.sendgrid.net', seen: { corpus: 'eml/blaze/001.eml' } },
    { host: 'filter0652p1las1.sendgrid.net', seen: { corpus: 'received/mha-received.jsonl' } },
    { host: 'ismtpd0021p1iad2.sendgrid.net', seen: { corpus: 'received/mha-received.jsonl' } },
    { host: 'filter0123.sendgrid.net', seen: { corpus: 'received/mailparser-spamscope-received.jsonl' } },
    {
      host: 'o1.outbound-mail.sendgrid.net',
      seen: { template: 'domain.md §4: oN.outbound-mail.sendgrid.net' },
    },
  ],
  mailchimp: [
    { host: 'mail90.suw15.mcsv.net', seen: { corpus: 'eml/mailparser-spamscope/mail_test_13.eml' } },
    {
      host: 'mail158.suw161.rsgsv.net',
      seen: { archive: 'Yandex Received-parser test data (public repository)' },
    },
  ],
  mandrill: [
    {
      host: 'mail136-9.atl41.mandrillapp.com',
      seen: { archive: 'lore: 20251124134344.456-1-ngoc-tu.dinh@vates.tech' },
    },
    { host: 'mail187-33.suw11.mandrillapp.com', seen: { archive: 'xen-devel list' } },
  ],
  mailgun: [
    { host: 'm206-141.mailgun.net', seen: { corpus: 'eml/mailauth/message3.eml' } },
    { host: 'm32-19.eu.mailgun.net', seen: { corpus: 'eml/mailauth/bimi.eml' } },
    { host: 'm32-12.eu.mailgun.net', seen: { corpus: 'eml/mailauth/message2.eml' } },
    { host: 'so254-54.mailgun.net', seen: { template: 'domain.md §4: so254-N.mailgun.net' } },
  ],
  mailchannels: [
    {
      host: 'caracal.maple.relay.mailchannels.net',
      seen: { corpus: 'eml/github-issues/PHPMailer-PHPMailer-891.eml' },
    },
  ],
};

// Providers whose outbound host names could not be confirmed (hostPattern null), with the reason.
const NO_HOSTS: Record<string, string> = {
  heteml: 'no Received line from a heteml outbound host was found',
  kagoya: 'no Received line from a KAGOYA outbound host was found',
  cpi: 'no Received line from a CPI outbound host was found',
};

// Host names no provider may claim: look-alikes, and real hosts that are not outbound mail hosts.
const NOT_PROVIDERS: HostExample[] = [
  { host: 'www123.sakura.ne.jp.evil.example', seen: { template: 'look-alike' } },
  { host: 'mail-x.google.com.example.net', seen: { template: 'look-alike' } },
  { host: 'xwww123.sakura.ne.jp', seen: { template: 'look-alike' } },
  { host: 'sv8486.xserver.jp.evil.example', seen: { template: 'look-alike' } },
  { host: 'mail-40131.protonmail.ch.example', seen: { template: 'look-alike' } },
  { host: 'out1-smtp.messagingengine.com.evil.example', seen: { template: 'look-alike' } },
  { host: 'fsav312.sakura.ne.jp', seen: { docs: 'domain.md §3 (Sakura virus-check loop)' } },
  { host: 'relay.mailchannels.net', seen: { corpus: 'eml/github-issues/PHPMailer-PHPMailer-891.eml' } },
  { host: 'proxy.google.com', seen: { corpus: 'eml/spamassassin/nice-spf1.eml' } },
  { host: 'mx.google.com', seen: { corpus: 'eml/mailauth/arc-pass.eml' } },
  { host: 'google-public-dns-a.google.com', seen: { corpus: 'eml/spamassassin/spam-relayUS.eml' } },
  {
    host: 'DM6PR06MB4475.namprd06.prod.outlook.com',
    seen: { corpus: 'eml/mailparser-spamscope/mail_test_1.eml' },
  },
  { host: 'BN3NAM04FT003.mail.protection.outlook.com', seen: { corpus: 'received/mha-received.jsonl' } },
  { host: 'luna.mailgun.net', seen: { corpus: 'eml/mailauth/message3.eml' } },
  { host: 'mailin.mcsv.net', seen: { corpus: 'eml/mailparser-spamscope/mail_test_13.eml' } },
  { host: 'o3.sgmail.github.com', seen: { corpus: 'eml/blaze/001.eml' } },
  { host: 'mx4.messagingengine.com', seen: { corpus: 'eml/postal-mime/bounce.eml' } },
  { host: 'in1-smtp.messagingengine.com', seen: { template: "Fastmail's MX, not an outbound host" } },
  {
    host: 'inbound-smtp.us-east-1.amazonaws.com',
    seen: { corpus: 'received/mailparser-spamscope-received.jsonl' },
  },
  {
    host: 'virusgw14032.xserver.jp',
    seen: { archive: 'lore: F919ucBRLCaPoAWZuJFwUyZrzTmZa9l341yyvGKhtU@xjp.co.jp' },
  },
  { host: 'mail1007.conoha.ne.jp', seen: { archive: 'lore: N424PoJbRTI1wRgKFlptKectPlRuw8d3kDwdgqwXqI@…' } },
  { host: 'mysql554.phy.lolipop.jp', seen: { template: 'a Lolipop database host' } },
];

function allTexts(p: Provider): [string, { ja: string; en: string }][] {
  const out: [string, { ja: string; en: string }][] = [['name', p.name]];
  if (p.spfHowTo) out.push(['spfHowTo', p.spfHowTo]);
  if (p.dkimHowTo) out.push(['dkimHowTo', p.dkimHowTo]);
  if (p.returnPathHowTo) out.push(['returnPathHowTo', p.returnPathHowTo]);
  return out;
}

describe('provider host examples', () => {
  for (const examples of Object.values(HOSTS)) {
    for (const ex of examples) {
      const text = fileText(ex.seen);
      if (text !== null) {
        it(`${ex.host} appears in ${Object.values(ex.seen)[0]}`, () => {
          expect(text.toLowerCase()).toContain(ex.host.toLowerCase());
        });
      }
    }
  }
  for (const ex of NOT_PROVIDERS) {
    const text = fileText(ex.seen);
    if (text !== null) {
      it(`${ex.host} appears in ${Object.values(ex.seen)[0]}`, () => {
        expect(text.toLowerCase()).toContain(ex.host.toLowerCase());
      });
    }
  }
});

describe('providerOfHost', () => {
  it('every provider either has host examples or says why it has no host pattern', () => {
    for (const p of PROVIDERS) {
      if (p.hostPattern === null) expect(NO_HOSTS[p.id], p.id).toBeDefined();
      else expect(HOSTS[p.id]?.length ?? 0, p.id).toBeGreaterThan(0);
    }
    for (const id of [...Object.keys(HOSTS), ...Object.keys(NO_HOSTS)])
      expect(providerById(id), id).not.toBeNull();
  });

  for (const [id, examples] of Object.entries(HOSTS)) {
    it(`recognises ${id}'s real hosts (PTR with a trailing dot, any case)`, () => {
      for (const { host } of examples) {
        expect(providerOfHost(host)?.id, host).toBe(id);
        expect(providerOfHost(`${host.toUpperCase()}.`)?.id, host).toBe(id);
        // The first name that matches wins: an unknown PTR does not hide a known HELO.
        expect(providerOfHost('unknown', null, host)?.id, host).toBe(id);
      }
    });
  }

  it('recognises no look-alike and no host that is not an outbound mail host', () => {
    for (const { host } of NOT_PROVIDERS) expect(providerOfHost(host)?.id ?? null, host).toBeNull();
    expect(providerOfHost(null, undefined, '')).toBeNull();
  });

  it('host patterns are anchored and never overlap: no pattern matches another provider’s examples', () => {
    for (const p of PROVIDERS) {
      if (!p.hostPattern) continue;
      expect(p.hostPattern.source.startsWith('^'), p.id).toBe(true);
      expect(p.hostPattern.source.endsWith('$'), p.id).toBe(true);
      for (const [id, examples] of Object.entries(HOSTS)) {
        if (id === p.id) continue;
        for (const { host } of examples) expect(p.hostPattern.test(host), `${p.id} vs ${host}`).toBe(false);
      }
    }
  });
});

describe('provider data', () => {
  it('ids are unique and every provider has a public https source', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PROVIDERS) {
      expect(p.source, p.id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
      for (const s of p.sources ?? []) expect(s, p.id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    }
  });

  it('every text exists in both languages; the Japanese one is written in Japanese', () => {
    for (const p of PROVIDERS) {
      for (const [field, t] of allTexts(p)) {
        expect(t.ja.trim(), `${p.id}.${field}.ja`).not.toBe('');
        expect(t.en.trim(), `${p.id}.${field}.en`).not.toBe('');
        if (field !== 'name') expect(t.ja, `${p.id}.${field}.ja`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });

  it('documented SPF terms parse as SPF terms', () => {
    for (const p of PROVIDERS) {
      if (!p.spfTerms) continue;
      const hosts = HOSTS[p.id]?.map((e) => e.host) ?? ['host.example'];
      for (const host of hosts) {
        const terms = p.spfTerms(host);
        expect(terms.length, p.id).toBeGreaterThan(0);
        const record = `v=spf1 ${terms.join(' ')} ~all`;
        expect(parseSpfRecord(record).ok, record).toBe(true);
        // A term list is terms only: no version tag, no `all` of its own.
        for (const t of terms) expect(t, p.id).not.toMatch(/^(?:v=spf1|[-~?+]?all)$/i);
      }
    }
  });

  it('the documented SPF values match the providers’ pages', () => {
    const terms = (id: string): string[] | undefined => providerById(id)?.spfTerms?.('host.example');
    expect(terms('google')).toEqual(['include:_spf.google.com']);
    expect(terms('microsoft365')).toEqual(['include:spf.protection.outlook.com']);
    expect(terms('amazonses')).toEqual(['include:amazonses.com']);
    expect(terms('mailgun')).toEqual(['include:mailgun.org']);
    expect(terms('mandrill')).toEqual(['include:spf.mandrillapp.com']);
    expect(terms('heteml')).toEqual(['include:_spf.heteml.jp']);
    expect(terms('fastmail')).toEqual(['include:spf.messagingengine.com']);
    expect(terms('proton')).toEqual(['include:_spf.protonmail.ch']);
    expect(terms('mailchannels')).toEqual(['include:relay.mailchannels.net']);
  });
});

describe('Sakura', () => {
  const sakura = providerById('sakura');

  it('authorises the server host by name, and the MX', () => {
    expect(sakura?.spfTerms?.('www123.sakura.ne.jp')).toEqual(['a:www123.sakura.ne.jp', 'mx']);
    expect(sakura?.spfTerms?.('WWW262.Sakura.NE.JP')).toEqual(['a:www262.sakura.ne.jp', 'mx']);
  });

  it('replaces the initial domain, never the server host', () => {
    const replaces = sakura?.replacesTerms;
    expect(replaces).toBeDefined();
    expect(replaces?.test('a:myaccount.sakura.ne.jp')).toBe(true);
    expect(replaces?.test('+a:myaccount.sakura.ne.jp')).toBe(true);
    expect(replaces?.test('a:www123.sakura.ne.jp')).toBe(false);
    expect(replaces?.test('mx')).toBe(false);
    expect(replaces?.test('a:myaccount.sakura.ne.jp.evil.example')).toBe(false);
  });

  it('has both how-tos', () => {
    expect(sakura?.spfHowTo?.ja).toContain('a:wwwNNN.sakura.ne.jp mx');
    expect(sakura?.dkimHowTo?.en).toContain('DKIM');
  });
});

describe('envelope and DKIM domains', () => {
  it('names the ESP whose own envelope domain passed SPF', () => {
    // Return-Path of eml/mailparser-spamscope/mail_test_13.eml (Mailchimp).
    expect(
      providerOfEnvelopeDomain(
        'bounce-mc.us14_65794145.395229-dpinnix=coastbankcalifornia.com@mail90.suw15.mcsv.net',
      )?.id,
    ).toBe('mailchimp');
    expect(providerOfEnvelopeDomain('sendgrid.net')?.id).toBe('sendgrid');
    expect(providerOfEnvelopeDomain('010001abc@us-east-1.amazonses.com')?.id).toBe('amazonses');
    expect(providerOfEnvelopeDomain('sandbox123.mailgun.org')?.id).toBe('mailgun');
    expect(providerOfEnvelopeDomain('mandrillapp.com.')?.id).toBe('mandrill');
    // eml/blaze/001.eml: SendGrid mail with GitHub's own return path — the customer's domain, not SendGrid's.
    expect(
      providerOfEnvelopeDomain('bounces+848413-e276-romain.calascibetta=gmail.com@sgmail.github.com'),
    ).toBeNull();
    expect(providerOfEnvelopeDomain('notamazonses.com')).toBeNull();
    expect(providerOfEnvelopeDomain('amazonses.com.evil.example')).toBeNull();
    expect(providerOfEnvelopeDomain('')).toBeNull();
    expect(providerOfEnvelopeDomain(null)).toBeNull();
  });

  it('names the provider whose default DKIM domain signed', () => {
    expect(providerOfDkimDomain('example-com.20230601.gappssmtp.com')?.id).toBe('google');
    expect(providerOfDkimDomain('contoso.onmicrosoft.com')?.id).toBe('microsoft365');
    // DKIM-Signature d= of eml/mailparser-spamscope/mail_test_13.eml.
    expect(providerOfDkimDomain('mail90.suw15.mcsv.net')?.id).toBe('mailchimp');
    expect(providerOfDkimDomain('messagingengine.com')?.id).toBe('fastmail');
    expect(providerOfDkimDomain('mandrillapp.com')?.id).toBe('mandrill');
    expect(providerOfDkimDomain('notgappssmtp.com')).toBeNull();
    expect(providerOfDkimDomain('onmicrosoft.com.evil.example')).toBeNull();
    expect(providerOfDkimDomain('example.com')).toBeNull();
  });

  it('no envelope or DKIM domain pattern belongs to two providers', () => {
    const samples = [
      'sendgrid.net',
      'us-east-1.amazonses.com',
      'mail90.suw15.mcsv.net',
      'rsgsv.net',
      'mandrillapp.com',
      'mailgun.org',
      'x.gappssmtp.com',
      'x.onmicrosoft.com',
      'messagingengine.com',
    ];
    for (const d of samples) {
      expect(PROVIDERS.filter((p) => p.envelopeDomains?.test(d)).length, d).toBeLessThanOrEqual(1);
      expect(PROVIDERS.filter((p) => p.defaultDkimDomains?.test(d)).length, d).toBeLessThanOrEqual(1);
    }
  });
});

describe('receivers', () => {
  const cases: [string, string, string][] = [
    ['mx.google.com', 'gmail', 'eml/mailauth/arc-pass.eml'],
    ['gmr-mx.google.com', 'gmail', 'domain.md §1.1'],
    ['mx.microsoft.com', 'microsoft', 'eml/blaze/006.eml'],
    ['outlook.com', 'microsoft', 'authres/perl-mail-authenticationresults.jsonl'],
    ['protection.outlook.com', 'microsoft', 'eml/blaze/006.eml'],
    ['mta1192.mail.ir2.yahoo.com', 'yahoo', 'authres/github-issues-authres.jsonl'],
    ['atlas207.free.mail.gq1.yahoo.com', 'yahoo', 'authres/github-issues-authres.jsonl'],
    ['mx.aol.com', 'aol', 'authres/perl-mail-authenticationresults.jsonl'],
    ['mr21p00im-dmarcmilter001.me.com', 'icloud', 'authres/perl-mail-authenticationresults.jsonl'],
    ['dkim-verifier.icloud.com', 'icloud', 'domain.md §2'],
    ['mx6.messagingengine.com', 'fastmail', 'authres/perl-mail-authenticationresults.jsonl'],
    ['mx4.messagingengine.com', 'fastmail', 'eml/postal-mime/bounce.eml'],
    ['mail.protonmail.ch', 'proton', 'domain.md §2'],
    ['mx.zohomail.com', 'zoho', 'domain.md §2'],
    ['mxs.mail.ru', 'mailru', 'authres/perl-mail-authenticationresults.jsonl'],
    ['mxfront8g.mail.yandex.net', 'yandex', 'authres/perl-mail-authenticationresults.jsonl'],
  ];

  it('the authserv-ids come from the named files', () => {
    const docs = readFileSync(DOMAIN_MD, 'utf8');
    for (const [id, , file] of cases) {
      const text = file.startsWith('domain.md') ? docs : readFileSync(corpusPath(file), 'utf8');
      expect(text, `${id} in ${file}`).toContain(id);
    }
  });

  for (const [id, expected, file] of cases) {
    it(`${id} (${file}) is ${expected}`, () => {
      expect(receiverProvider(id)?.id).toBe(expected);
    });
  }

  it('keeps the ids other code relies on and recognises no look-alike', () => {
    const ids = RECEIVERS.map((r) => r.id);
    for (const id of ['gmail', 'microsoft', 'yahoo', 'icloud', 'fastmail']) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['smtp.subspace.kernel.org', 'mx.google.com.evil.example', 'example.com', 'home.com']) {
      expect(receiverProvider(id), id).toBeNull();
    }
    expect(receiverProvider(null, 'unknown.example', 'mx.google.com')?.id).toBe('gmail');
  });

  it('names providers and receivers in both languages, and an unknown id as itself', () => {
    expect(providerName('sakura', 'ja')).toBe('さくらのレンタルサーバ');
    expect(providerName('sakura', 'en')).toBe('Sakura rental server');
    expect(providerName('aol', 'en')).toBe('AOL');
    expect(providerName('mailru', 'en')).toBe('Mail.ru');
    expect(providerName('no-such-provider', 'en')).toBe('no-such-provider');
  });
});

describe("a provider's outbound host under a customer's name (Provider.internalHosts)", () => {
  it("GitHub's mail through SendGrid's dedicated IP (o3.sgmail.github.com) is SendGrid's, from the relay below it", () => {
    // The shared corpus: a real GitHub notification, `by ismtpd….sendgrid.net (SG)` below its outbound host.
    const text = readFileSync(corpusPath('eml/blaze/001.eml'), 'utf8');
    const report = analyzeMessage(text, { lang: 'en' });
    expect(report.sendingHost?.rdns).toBe('o3.sgmail.github.com');
    expect(providerOfHost('o3.sgmail.github.com')).toBeNull();
    expect(report.sendingHost?.provider).toBe('sendgrid');
  });

  it("recognises SendGrid's relays by name, and nothing else", () => {
    for (const by of [
      'filter0652p1las1.sendgrid.net',
      'ismtpd0021p1iad2.sendgrid.net',
      'filterdrecv-6ba17fec1e-jb0y2',
      'geopod-ismtpd-13',
    ])
      expect(providerOfInternalHost(by)?.id, by).toBe('sendgrid');
    for (const by of [
      'mx.google.com',
      'filter.example.com',
      'ismtpd.example.net',
      'geopod-ismtpd.example',
      null,
    ])
      expect(providerOfInternalHost(by), String(by)).toBeNull();
  });

  it('leaves a host nobody knows as unknown when the relay below it is not a provider’s', () => {
    const text = readFileSync(corpusPath('eml/blaze/001.eml'), 'utf8').replace(
      /(?:ismtpd|filter)\d+p\d+[a-z0-9]*\.sendgrid\.net/g,
      'relay.example.net',
    );
    expect(analyzeMessage(text, { lang: 'en' }).sendingHost?.provider).toBeNull();
  });

  it('gives the advice of the provider the route names: SendGrid’s custom return path, when SPF passed for a domain other than From’s', () => {
    // The same real message, with a From of another domain: SPF passed for sgmail.github.com only,
    // so DMARC failed, and the fix is SendGrid's custom return path (the host is SendGrid's only by
    // the relay below it).
    const text = readFileSync(corpusPath('eml/blaze/001.eml'), 'utf8')
      .replace('<notifications@github.com>', '<notifications@example.org>')
      .replace(
        'dmarc=pass (p=NONE dis=NONE) header.from=github.com',
        'dmarc=fail (p=NONE dis=NONE) header.from=example.org',
      );
    const report = analyzeMessage(text, { lang: 'en' });
    expect(report.sendingHost?.provider).toBe('sendgrid');
    const esp = report.findings.find((f) => f.code === 'esp-envelope');
    expect(esp?.severity).toBe('warning');
    expect(esp?.args).toMatchObject({
      provider: 'sendgrid',
      envelopeDomain: 'sgmail.github.com',
      fromDomain: 'example.org',
    });
  });
});
