// Received-SPF forms and the facts of SPF / DMARC comments. Examples from
// ../shared/docs/domain.md §1.2 (Gmail's wording table) and §2 (other receivers), and from the
// corpus messages (SpamAssassin, mailauth).
import { describe, expect, it } from 'vitest';
import {
  parseAuthenticationResults,
  parseDmarcComment,
  parseReceivedSpf,
  parseSpfComment,
  readDmarcFacts,
} from '../../src/authres/index.js';

describe('Received-SPF (RFC 7208 §9.1)', () => {
  it('Gmail', () => {
    const r = parseReceivedSpf(
      'Received-SPF: none (google.com: linux.intel.com does not designate permitted sender hosts) client-ip=198.175.65.12;',
    );
    expect(r.result).toBe('none');
    expect(r.clientIp).toBe('198.175.65.12');
    expect(r.comment).toBe('google.com: linux.intel.com does not designate permitted sender hosts');
    expect(r.facts).toEqual({ authority: 'google.com', domain: 'linux.intel.com', noRecord: true });
    expect(r.errors).toBeUndefined();
  });

  it('Microsoft, with receiver=, helo= and its own pr= key', () => {
    const r = parseReceivedSpf(
      'Pass (protection.outlook.com: domain of shop.example designates 192.0.2.10 as permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.10; helo=out.shop.example; pr=C',
    );
    expect(r).toMatchObject({
      result: 'pass',
      receiver: 'protection.outlook.com',
      clientIp: '192.0.2.10',
      helo: 'out.shop.example',
    });
    expect(r.keys['pr']).toBe('C');
    expect(r.facts).toEqual({
      authority: 'protection.outlook.com',
      domain: 'shop.example',
      ip: '192.0.2.10',
    });
  });

  it("Microsoft's softfail wording", () => {
    const r = parseReceivedSpf(
      'SoftFail (protection.outlook.com: domain of transitioning phytec.de discourages use of 91.26.50.189 as permitted sender)',
    );
    expect(r.result).toBe('softfail');
    expect(r.facts).toEqual({
      authority: 'protection.outlook.com',
      domain: 'phytec.de',
      ip: '91.26.50.189',
      transitioning: true,
    });
  });

  it("Yahoo's glued `transitioning<d>`", () => {
    const r = parseReceivedSpf(
      'softfail (domain of transitioningshop.example does not designate 192.0.2.10 as permitted sender)',
    );
    expect(r.facts).toEqual({ domain: 'shop.example', ip: '192.0.2.10', transitioning: true });
  });

  it('pypolicyd-spf', () => {
    const r = parseReceivedSpf(
      'Softfail (mailfrom) identity=mailfrom; client-ip=192.0.2.10; helo=h.example; envelope-from=u@shop.example; receiver=<UNKNOWN>',
    );
    expect(r).toMatchObject({
      result: 'softfail',
      comment: 'mailfrom',
      identity: 'mailfrom',
      clientIp: '192.0.2.10',
      helo: 'h.example',
      envelopeFrom: 'u@shop.example',
      receiver: '<UNKNOWN>',
    });
    expect(
      parseReceivedSpf('Pass (sender SPF authorized) identity=mailfrom; client-ip=192.0.2.10').result,
    ).toBe('pass');
  });

  it('mailauth / Haraka, pairs separated by a space only', () => {
    const r = parseReceivedSpf(
      'Pass (mx.ethereal.email: domain of mail.projectpending.com designates 141.193.32.12 as permitted sender) receiver=mx.ethereal.email; identity=mailfrom; client-ip=141.193.32.12 helo=m32-12.eu.mailgun.net; envelope-from=<bounce@mail.projectpending.com>',
    );
    expect(r).toMatchObject({
      clientIp: '141.193.32.12',
      helo: 'm32-12.eu.mailgun.net',
      receiver: 'mx.ethereal.email',
      envelopeFrom: '<bounce@mail.projectpending.com>',
    });
    expect(r.facts.domain).toBe('mail.projectpending.com');
  });

  it('Mail::SPF wording with a nested comment and a quoted envelope-from (SpamAssassin corpus)', () => {
    const r = parseReceivedSpf(
      "fail (dostech.ca: 69.61.78.188 is authorized to use 'spamassassin@dostech.ca' in 'mfrom' identity (mechanism 'mx' matched)) receiver=FC5-VPC; identity=mfrom; envelope-from=\"spamassassin@dostech.ca\"; helo=smtp.dostech.net; client-ip=69.61.78.188",
    );
    expect(r.result).toBe('fail');
    expect(r.comment).toContain("(mechanism 'mx' matched)");
    expect(r.envelopeFrom).toBe('spamassassin@dostech.ca');
    expect(r.facts).toMatchObject({
      ip: '69.61.78.188',
      sender: 'spamassassin@dostech.ca',
      domain: 'dostech.ca',
    });
  });

  it('keeps a mechanism= and problem= key, and reports damage without throwing', () => {
    const r = parseReceivedSpf(
      'permerror (x) client-ip=192.0.2.1; mechanism="include:x.example"; problem="void lookup"',
    );
    expect(r).toMatchObject({ mechanism: 'include:x.example', problem: 'void lookup' });
    expect(parseReceivedSpf('(no result) client-ip=1').errors).toEqual(['no result word']);
    expect(parseReceivedSpf('pass (open comment client-ip=1').errors).toEqual([
      'unterminated comment at offset 5',
    ]);
    // After junk the reader resumes at the next `;`.
    expect(parseReceivedSpf('pass x client-ip="1').errors).toEqual(['unexpected text at offset 5']);
    expect(parseReceivedSpf('pass x; client-ip="1').errors).toEqual([
      'unexpected text at offset 5',
      'unterminated quoted string at offset 18',
    ]);
  });

  it('a __proto__ key is kept as data', () => {
    const r = parseReceivedSpf('pass __proto__=x; client-ip=192.0.2.1');
    expect(Object.entries(r.keys)).toContainEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(r.keys)).toBeNull();
    expect(r.clientIp).toBe('192.0.2.1');
  });
});

describe("SPF comment facts (Gmail's wording, domain.md §1.2)", () => {
  it.each([
    [
      'google.com: domain of u@d.example designates 192.0.2.1 as permitted sender',
      { authority: 'google.com', sender: 'u@d.example', domain: 'd.example', ip: '192.0.2.1' },
    ],
    [
      'google.com: best guess record for domain of u@d.example designates 192.0.2.1 as permitted sender',
      {
        authority: 'google.com',
        sender: 'u@d.example',
        domain: 'd.example',
        ip: '192.0.2.1',
        bestGuess: true,
      },
    ],
    [
      'google.com: 192.0.2.1 is neither permitted nor denied by domain of u@d.example',
      {
        authority: 'google.com',
        sender: 'u@d.example',
        domain: 'd.example',
        ip: '192.0.2.1',
        neitherPermittedNorDenied: true,
      },
    ],
    [
      'google.com: 192.0.2.1 is neither permitted nor denied by best guess record for domain of u@d.example',
      {
        authority: 'google.com',
        sender: 'u@d.example',
        domain: 'd.example',
        ip: '192.0.2.1',
        neitherPermittedNorDenied: true,
        bestGuess: true,
      },
    ],
    [
      'google.com: domain of transitioning u@d.example does not designate 2001:db8::25 as permitted sender',
      {
        authority: 'google.com',
        sender: 'u@d.example',
        domain: 'd.example',
        ip: '2001:db8::25',
        transitioning: true,
      },
    ],
    [
      'google.com: domain of u@d.example does not designate 192.0.2.1 as permitted sender',
      { authority: 'google.com', sender: 'u@d.example', domain: 'd.example', ip: '192.0.2.1' },
    ],
    [
      'google.com: d.example does not designate permitted sender hosts',
      { authority: 'google.com', domain: 'd.example', noRecord: true },
    ],
    [
      'google.com: permanent error in processing during lookup of u@d.example: sfp.safenext.cn not found',
      {
        authority: 'google.com',
        sender: 'u@d.example',
        domain: 'd.example',
        permanentError: 'sfp.safenext.cn not found',
      },
    ],
    [
      'google.com: error in processing during lookup of u@d.example: DNS error',
      { authority: 'google.com', sender: 'u@d.example', domain: 'd.example', temporaryError: 'DNS error' },
    ],
    ['sender IP is 91.26.50.189', { ip: '91.26.50.189' }],
    [
      'host: domain of "u@d.example" has no SPF policy when checking 192.0.2.1',
      { authority: 'host', sender: 'u@d.example', domain: 'd.example', ip: '192.0.2.1', noRecord: true },
    ],
    [
      'mxfront8g.mail.yandex.net: domain of fastmail.com designates 66.111.4.222 as permitted sender, rule=[ip4:66.111.4.0/24]',
      { authority: 'mxfront8g.mail.yandex.net', domain: 'fastmail.com', ip: '66.111.4.222' },
    ],
    [
      'aol.com: the domain fastmail.com reports 66.111.4.222 as a permitted sender.',
      { authority: 'aol.com', domain: 'fastmail.com', ip: '66.111.4.222' },
    ],
  ])('%s', (comment, facts) => {
    expect(parseSpfComment(comment)).toEqual(facts);
    expect(parseSpfComment(`(${comment})`)).toEqual(facts);
  });

  it('reads only the first 2 KB of a huge comment', () => {
    const facts = parseSpfComment(`google.com: ${'x '.repeat(60_000)} domain of u@d.example`);
    expect(facts).toEqual({ authority: 'google.com' });
  });
});

describe('DMARC comment facts', () => {
  it.each([
    ['p=NONE sp=NONE dis=NONE', { policy: 'none', subdomainPolicy: 'none', disposition: 'none' }],
    [
      'p=REJECT sp=REJECT dis=QUARANTINE',
      { policy: 'reject', subdomainPolicy: 'reject', disposition: 'quarantine' },
    ],
    ['p=reject sp=reject pct=100', { policy: 'reject', subdomainPolicy: 'reject', pct: '100' }],
    ['p=QUARANTINE,sp=QUARANTINE', { policy: 'quarantine', subdomainPolicy: 'quarantine' }],
    ['p=none sp=NULL dis=none', { policy: 'none', disposition: 'none' }],
    ['p=quarantine,d=none,d.eval=none', { policy: 'quarantine', disposition: 'none' }],
    ['policy=none', { policy: 'none' }],
    ['2048-bit key', {}],
  ])('%s', (comment, facts) => {
    expect(parseDmarcComment(comment)).toEqual(facts);
  });
});

describe('DMARC facts of a result', () => {
  const dmarc = (field: string) => {
    const r = parseAuthenticationResults(field).results.find((x) => x.method === 'dmarc');
    if (r === undefined) throw new Error('no dmarc result');
    return readDmarcFacts(r);
  };

  it("Microsoft's action= is the disposition", () => {
    expect(
      dmarc('spf=fail smtp.mailfrom=d.example; dmarc=fail action=oreject header.from=d.example'),
    ).toEqual({
      disposition: 'oreject',
    });
    expect(
      dmarc(
        'i=1; mx.microsoft.com 1; dmarc=pass (p=reject sp=reject pct=100) action=none header.from=d.example',
      ),
    ).toEqual({ policy: 'reject', subdomainPolicy: 'reject', pct: '100', disposition: 'none' });
  });

  it("Gmail's triple and Fastmail's policy.* properties", () => {
    expect(
      dmarc('mx.google.com; dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=d.example'),
    ).toEqual({
      policy: 'reject',
      subdomainPolicy: 'reject',
      disposition: 'quarantine',
    });
    expect(
      dmarc(
        'mx4.messagingengine.com; dmarc=pass policy.published-domain-policy=quarantine policy.applied-disposition=none header.from=d.example',
      ),
    ).toEqual({ policy: 'quarantine', disposition: 'none' });
  });
});
