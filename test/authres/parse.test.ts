// Vendor layouts of Authentication-Results, from the real stamps quoted in
// ../shared/docs/domain.md §1–2; expected values read off the header text.
import { describe, expect, it } from 'vitest';
import type { AuthResult, AuthResultsField } from '../../src/authres/index.js';
import { normalizeResult, parseAuthenticationResults } from '../../src/authres/index.js';

function pairs(f: AuthResultsField): string[] {
  return f.results.map((r) => `${r.method}=${r.result}`);
}

function prop(r: AuthResult | undefined, ptype: string, property: string): string | undefined {
  return r?.properties.find((p) => p.ptype === ptype && p.property === property)?.value;
}

describe('RFC 8601 basics', () => {
  it('reads authserv-id, version, results, reason, properties and comments', () => {
    const f = parseAuthenticationResults(
      'Authentication-Results: example.com 1 (the MX); spf=fail reason="bad IP" (no match) smtp.mailfrom=u@example.net smtp.helo=h.example.net; dkim/1=pass header.d=example.net header.s=sel header.b=AbC+/123',
    );
    expect(f.authservId).toBe('example.com');
    expect(f.version).toBe('1');
    expect(f.comments).toEqual(['the MX']);
    expect(f.errors).toEqual([]);
    expect(pairs(f)).toEqual(['spf=fail', 'dkim=pass']);
    const spf = f.results[0];
    expect(spf?.reason).toBe('bad IP');
    expect(spf?.comments).toEqual(['no match']);
    expect(spf?.properties).toEqual([
      { ptype: 'smtp', property: 'mailfrom', value: 'u@example.net' },
      { ptype: 'smtp', property: 'helo', value: 'h.example.net' },
    ]);
    expect(f.results[1]?.version).toBe('1');
    expect(prop(f.results[1], 'header', 'b')).toBe('AbC+/123');
  });

  it('reads `none`, with comments on either side', () => {
    expect(parseAuthenticationResults('example.org 1; none')).toMatchObject({
      none: true,
      results: [],
      errors: [],
    });
    const f = parseAuthenticationResults('test.example.org; none (SPF not checked for localhost)');
    expect(f.none).toBe(true);
    expect(f.comments).toEqual(['SPF not checked for localhost']);
  });

  it('keeps unknown methods, marked unknown', () => {
    const f = parseAuthenticationResults(
      'mx.example.com; x-tls=pass smtp.tlsversion=TLSv1.3; spf=pass smtp.mailfrom=a.example',
    );
    expect(f.results.map((r) => [r.method, r.known])).toEqual([
      ['x-tls', false],
      ['spf', true],
    ]);
  });

  it('reads quoted values and quoted tokens, unescaping quoted-pairs', () => {
    const f = parseAuthenticationResults(
      'authrestest6int; dkim=fail (2048-bit key; unprotected) header.d=gmail.com header.i=" foo bar \\"xyz\\"@gmail.com" header.b=SI+iqkld',
    );
    expect(prop(f.results[0], 'header', 'i')).toBe(' foo bar "xyz"@gmail.com');
    expect(f.results[0]?.comments).toEqual(['2048-bit key; unprotected']);
    expect(f.errors).toEqual([]);
  });

  it('reads a reason with a comment before its `=` (SpamAssassin test corpus)', () => {
    const f = parseAuthenticationResults(
      'authrestest4int 2; spf=fail reason (BAH) = "just some (<>.%&! reason" smtp.mailfrom=dogma.slashnull.org',
    );
    expect(f.version).toBe('2');
    expect(f.results[0]?.reason).toBe('just some (<>.%&! reason');
    expect(f.results[0]?.comments).toEqual(['BAH']);
  });

  it('accepts folded text and a whole field name in any case', () => {
    const f = parseAuthenticationResults(
      'authentication-RESULTS:  mx.example.com;\r\n\tspf=pass\r\n smtp.mailfrom=a.example',
    );
    expect(pairs(f)).toEqual(['spf=pass']);
    expect(prop(f.results[0], 'smtp', 'mailfrom')).toBe('a.example');
  });
});

describe('Gmail', () => {
  const gmail =
    'Authentication-Results: mx.google.com;\n       dkim=pass header.i=@intel.com header.s=Intel header.b=X7FpdOPg;\n       spf=none (google.com: linux.intel.com does not designate permitted sender hosts) smtp.mailfrom=kirill.shutemov@linux.intel.com;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=intel.com';

  it('keeps the explanation comments', () => {
    const f = parseAuthenticationResults(gmail);
    expect(f.authservId).toBe('mx.google.com');
    expect(f.layout).toBe('rfc8601');
    expect(pairs(f)).toEqual(['dkim=pass', 'spf=none', 'dmarc=pass']);
    expect(f.results[1]?.comments).toEqual([
      'google.com: linux.intel.com does not designate permitted sender hosts',
    ]);
    expect(f.results[2]?.comments).toEqual(['p=NONE sp=NONE dis=NONE']);
  });

  it('reads the ARC-Authentication-Results instance and payload', () => {
    const f = parseAuthenticationResults(
      gmail.replace('Authentication-Results: ', 'ARC-Authentication-Results: i=1; '),
    );
    expect(f.instance).toBe(1);
    expect(f.authservId).toBe('mx.google.com');
    expect(pairs(f)).toEqual(['dkim=pass', 'spf=none', 'dmarc=pass']);
  });

  it("reads the 2014 `smtp.mail=` form and arc's comment", () => {
    const f = parseAuthenticationResults(
      'mx.google.com; spf=neutral (google.com: 216.145.54.173 is neither permitted nor denied by domain of foo@yahoo-inc.com) smtp.mail=foo@yahoo-inc.com; arc=pass (i=1 spf=pass spfdomain=d.example dkim=pass dkdomain=d.example dmarc=pass fromdomain=d.example)',
    );
    expect(prop(f.results[0], 'smtp', 'mail')).toBe('foo@yahoo-inc.com');
    expect(f.results[1]?.comments[0]).toContain('spfdomain=d.example');
  });

  it('reports an ARC-Authentication-Results without i=', () => {
    const f = parseAuthenticationResults('ARC-Authentication-Results: mx.google.com; spf=pass');
    expect(f.instance).toBeUndefined();
    expect(f.errors).toEqual(['ARC-Authentication-Results without i=']);
  });
});

describe('Microsoft', () => {
  it('reads the field without an authserv-id, compauth and action', () => {
    const f = parseAuthenticationResults(
      'Authentication-Results: spf=softfail (sender IP is 91.26.50.189) smtp.mailfrom=phytec.de; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=phytec.de;compauth=fail reason=001',
    );
    expect(f.authservId).toBeUndefined();
    expect(f.layout).toBe('microsoft');
    expect(f.errors).toEqual([]);
    expect(pairs(f)).toEqual(['spf=softfail', 'dkim=none', 'dmarc=fail', 'compauth=fail']);
    expect(f.results[0]?.comments).toEqual(['sender IP is 91.26.50.189']);
    expect(prop(f.results[2], '', 'action')).toBe('quarantine');
    expect(f.results[3]).toMatchObject({ method: 'compauth', known: false, reason: '001' });
  });

  it('reads X-MS-Exchange-Authentication-Results and bestguesspass', () => {
    const f = parseAuthenticationResults(
      'X-MS-Exchange-Authentication-Results: spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=shop.example; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=shop.example;',
    );
    expect(pairs(f)).toEqual(['spf=pass', 'dkim=none', 'dmarc=bestguesspass']);
    expect(normalizeResult('dmarc', 'bestguesspass')).toBe('bestguesspass');
  });

  it('reads the ARC-Authentication-Results of mx.microsoft.com with its version', () => {
    const f = parseAuthenticationResults(
      'ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass (sender ip is 192.0.2.10) smtp.rcpttodomain=rcpt.example smtp.mailfrom=shop.example; dmarc=pass (p=reject sp=reject pct=100) action=none header.from=shop.example; dkim=none (message not signed); arc=none',
    );
    expect(f).toMatchObject({ instance: 1, authservId: 'mx.microsoft.com', version: '1' });
    expect(pairs(f)).toEqual(['spf=pass', 'dmarc=pass', 'dkim=none', 'arc=none']);
  });

  it("reads outlook.com's repeated authserv-id", () => {
    const f = parseAuthenticationResults(
      'spf=pass (sender IP is 66.111.4.222) smtp.mailfrom=fastmail.com; outlook.com; dkim=pass (signature was verified) header.d=fastmail.com;outlook.com; dmarc=pass action=none header.from=fastmail.com;',
    );
    expect(f.authservId).toBe('outlook.com');
    expect(f.layout).toBe('microsoft');
    expect(f.errors).toEqual([]);
    expect(f.deviations).toContain('authserv-id repeated between results');
    expect(pairs(f)).toEqual(['spf=pass', 'dkim=pass', 'dmarc=pass']);
  });
});

describe('Yahoo / AOL', () => {
  it('reads the no-space comment `dmarc=pass(p=NONE)` and unknown results', () => {
    const f = parseAuthenticationResults(
      'atlas206.free.mail.ne1.yahoo.com; dkim=pass header.i=@d.example header.s=default; spf=pass smtp.mailfrom=d.example; dmarc=pass(p=NONE) header.from=d.example;',
    );
    expect(pairs(f)).toEqual(['dkim=pass', 'spf=pass', 'dmarc=pass']);
    expect(f.results[2]?.comments).toEqual(['p=NONE']);
    const g = parseAuthenticationResults(
      'atlas.example.yahoo.com; dkim=unknown; dmarc=pass(p=QUARANTINE,sp=QUARANTINE) header.from=d.example',
    );
    expect(pairs(g)).toEqual(['dkim=unknown', 'dmarc=pass']);
  });

  it('reads dkim_pass and success(…), normalised for verdicts', () => {
    const f = parseAuthenticationResults(
      'atlas207.free.mail.gq1.yahoo.com; dkim=dkim_pass header.i=@3suisses.fr header.s=@splio; dmarc=success(p=QUARANTINE,sp=REJECT) header.from=newsletter.3suisses.fr;',
    );
    expect(pairs(f)).toEqual(['dkim=dkim_pass', 'dmarc=success']);
    expect(f.results.map((r) => normalizeResult(r.method, r.result))).toEqual(['pass', 'pass']);
    expect(f.results[1]?.comments).toEqual(['p=QUARANTINE,sp=REJECT']);
  });

  it('reads spfResult= and properties written before the method', () => {
    const f = parseAuthenticationResults(
      'mta1192.mail.ir2.yahoo.com header.i=@plezi.co header.s=s1 dkim=pass (ok) header.i=@sendgrid.info header.s=smtpapi dkim=pass (ok); spfDomain=emails.plezi.co spfResult=pass; dmarc=pass(p=none sp=NULL dis=none) header.from=plezi.co',
    );
    expect(f.layout).toBe('yahoo');
    expect(f.errors).toEqual([]);
    expect(pairs(f)).toEqual(['dkim=pass', 'dkim=pass', 'spf=pass', 'dmarc=pass']);
    expect(f.results.slice(0, 2).map((r) => prop(r, 'header', 'i'))).toEqual(['@plezi.co', '@sendgrid.info']);
    expect(prop(f.results[2], '', 'spfdomain')).toBe('emails.plezi.co');
  });

  it('reads AOL', () => {
    const f = parseAuthenticationResults(
      'mx.aol.com;\n\tspf=pass (aol.com: the domain fastmail.com reports 66.111.4.222 as a permitted sender.) smtp.mailfrom=fastmail.com;\n\tdkim=pass (aol.com: email passed verification from the domain fastmail.com.) header.i=@fastmail.com;',
    );
    expect(pairs(f)).toEqual(['spf=pass', 'dkim=pass']);
  });
});

describe('iCloud, Fastmail, Proton, Zoho, rspamd, OpenDKIM', () => {
  it('reads iCloud one field per method', () => {
    const fields = [
      'dmarc.icloud.com; dmarc=pass header.from=shop.example',
      'dkim-verifier.icloud.com; dkim=pass (2048-bit key) header.d=shop.example header.i=@shop.example header.b=AbCdEf12',
      'spf.icloud.com; spf=pass (spf.icloud.com: domain of u@shop.example designates 192.0.2.10 as permitted sender) smtp.mailfrom=u@shop.example',
    ].map((v) => parseAuthenticationResults(v));
    expect(fields.map((f) => [f.authservId, ...pairs(f)])).toEqual([
      ['dmarc.icloud.com', 'dmarc=pass'],
      ['dkim-verifier.icloud.com', 'dkim=pass'],
      ['spf.icloud.com', 'spf=pass'],
    ]);
  });

  it('reads Fastmail with bare x- properties and a comment on a property', () => {
    const f = parseAuthenticationResults(
      'mx6.messagingengine.com; dkim=pass (2048-bit rsa key sha256) header.d=shop.example header.b=AbC x-bits=2048; dmarc=pass policy.published-domain-policy=none (p=none,sp=quarantine,d=none) header.from=shop.example; iprev=pass smtp.remote-ip=192.0.2.10 (out.shop.example); spf=pass smtp.mailfrom=u@shop.example smtp.helo=out.shop.example',
    );
    expect(pairs(f)).toEqual(['dkim=pass', 'dmarc=pass', 'iprev=pass', 'spf=pass']);
    expect(prop(f.results[0], '', 'x-bits')).toBe('2048');
    expect(f.results[2]?.properties[0]).toEqual({
      ptype: 'smtp',
      property: 'remote-ip',
      value: '192.0.2.10',
      comment: 'out.shop.example',
    });
    expect(f.errors).toEqual([]);
  });

  it('reads Proton and Zoho', () => {
    expect(
      pairs(parseAuthenticationResults('mail.protonmail.ch; arc=none smtp.remote-ip=192.0.2.10')),
    ).toEqual(['arc=none']);
    const z = parseAuthenticationResults(
      'mx.zohomail.com; dkim=pass; spf=pass (zohomail.com: domain of shop.example designates 192.0.2.10 as permitted sender) smtp.mailfrom=u@shop.example; dmarc=pass(p=none dis=none) header.from=shop.example',
    );
    expect(pairs(z)).toEqual(['dkim=pass', 'spf=pass', 'dmarc=pass']);
  });

  it('reads rspamd, quoted reason and a trailing comment', () => {
    const f = parseAuthenticationResults(
      'mail.example.net; dmarc=fail reason="No valid SPF, DKIM not aligned (relaxed)" header.from=shop.example (policy=none); spf=pass (mail.example.net: domain of "u@shop.example" designates 192.0.2.10 as permitted sender) smtp.mailfrom="u@shop.example"; arc=pass ("subspace.kernel.org:s=arc-20240116:i=1")',
    );
    expect(pairs(f)).toEqual(['dmarc=fail', 'spf=pass', 'arc=pass']);
    expect(f.results[0]?.reason).toBe('No valid SPF, DKIM not aligned (relaxed)');
    expect(f.results[0]?.comments).toEqual(['policy=none']);
    expect(prop(f.results[1], 'smtp', 'mailfrom')).toBe('u@shop.example');
    expect(f.errors).toEqual([]);
  });

  it('reads OpenDKIM', () => {
    const f = parseAuthenticationResults(
      'mx.example.net; dkim=pass (2048-bit key) header.d=shop.example header.a=rsa-sha256 header.s=s1 header.b=AbCdEf12',
    );
    expect(f.results[0]?.properties.map((p) => `${p.ptype}.${p.property}`)).toEqual([
      'header.d',
      'header.a',
      'header.s',
      'header.b',
    ]);
  });
});

describe('syntax errors are reported, never thrown', () => {
  it.each([
    ['', 'empty field: no authserv-id'],
    [';none', 'missing authserv-id at offset 0'],
    ['example.com; none dkim=pass', "'none' followed by more text at offset 13"],
    ['example.com; spf=pass; none', "'none' where results were expected at offset 23"],
    ['example.com; =pass', 'result with no method at offset 13'],
    ['example.com; foo = = bar', "unexpected '=' at offset 19"],
    ['example.com; foo / bar = x', 'method version must be digits at offset 19'],
    ['example.com; foo.bar.baz = x', "unexpected second '.' at offset 20"],
    ['example.com; foo bar = x', "unexpected word 'foo' at offset 13"],
    ['example.com; spf=pass (unterminated', 'unterminated comment at offset 22'],
    ['example.com; spf=pass reason="open', 'unterminated quoted string at offset 29'],
  ])('%j', (text, error) => {
    const f = parseAuthenticationResults(text);
    expect(f.errors).toContain(error);
  });

  it('goes on after an error at the next `;`', () => {
    const f = parseAuthenticationResults('example.com; =pass; foo..bar=1; spf=pass smtp.mailfrom=a.example');
    expect(f.errors).toHaveLength(2);
    expect(pairs(f)).toEqual(['spf=pass']);
  });
});
