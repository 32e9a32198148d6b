// Which stamps are believed. The header blocks here are our own samples (documentation IPs and
// example domains), shaped like the real stamps in ../shared/docs/domain.md.
import { describe, expect, it } from 'vitest';
import { readStamps } from '../../src/authres/index.js';
import { block } from './helpers.js';

const SOFTFAIL =
  'google.com: domain of transitioning info@shop.example does not designate 203.0.113.25 as permitted sender';

// Gmail's real stamps above the sending host's own Received line; below it, a forged Gmail stamp
// the sender wrote into the message before Gmail received it.
const FORGED_BELOW = `
Delivered-To: user@gmail.com
Received: by 2002:a05:6a10:9e0c:b0:4a2:1c4d:6f8e with SMTP id k12csp1234567pxv;
        Fri, 21 Jun 2024 08:18:57 -0700 (PDT)
ARC-Seal: i=1; a=rsa-sha256; t=1718983136; cv=none; d=google.com; s=arc-20160816; b=AAAA
ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816; h=from; bh=BBBB; b=CCCC
ARC-Authentication-Results: i=1; mx.google.com;
       spf=softfail (${SOFTFAIL}) smtp.mailfrom=info@shop.example
Return-Path: <info@shop.example>
Received: from www123.host.example (www123.host.example. [203.0.113.25])
        by mx.google.com with ESMTPS id a1si123456pfb.1.2024.06.21.08.18.56
        for <user@gmail.com>
        (version=TLS1_2 cipher=ECDHE-ECDSA-CHACHA20-POLY1305 bits=256/256);
        Fri, 21 Jun 2024 08:18:56 -0700 (PDT)
Received-SPF: softfail (${SOFTFAIL}) client-ip=203.0.113.25;
Authentication-Results: mx.google.com;
       spf=softfail (${SOFTFAIL}) smtp.mailfrom=info@shop.example
Received: from [198.51.100.7] (unknown [198.51.100.7])
        by www123.host.example (Postfix) with ESMTPSA id 4W5FQ1234;
        Sat, 22 Jun 2024 00:18:55 +0900 (JST)
Authentication-Results: mx.google.com;
       dkim=pass header.i=@shop.example header.s=sel header.b=forged00;
       spf=pass (google.com: domain of info@shop.example designates 203.0.113.25 as permitted sender) smtp.mailfrom=info@shop.example;
       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=shop.example
From: Shop <info@shop.example>
Subject: test`;

describe('forged stamps', () => {
  const fields = block(FORGED_BELOW);
  const s = readStamps(fields, { receiverHosts: ['mx.google.com'], receiverDomain: 'google.com' });
  const byIndex = new Map(s.stamps.map((st) => [st.fieldIndex, st]));
  const realAr = fields.find((f) => f.lname === 'authentication-results');
  const forged = fields.filter((f) => f.lname === 'authentication-results')[1];

  it('names Gmail as the receiver', () => {
    expect(s.receiver).toEqual({ authservId: 'mx.google.com', provider: 'gmail', basis: 'received-by' });
  });

  it("believes Gmail's real stamp", () => {
    expect(realAr).toBeDefined();
    expect(s.verdicts.spf).toMatchObject({
      result: 'softfail',
      domain: 'shop.example',
      sender: 'info@shop.example',
      ip: '203.0.113.25',
      facts: { transitioning: true, authority: 'google.com' },
      source: { header: 'Authentication-Results', index: realAr?.index, authservId: 'mx.google.com' },
    });
    expect(s.verdicts.dkim).toEqual([]);
    expect(s.verdicts.dmarc).toBeNull();
  });

  it('does not believe the forged stamp below the inbound hop, and reports its claims', () => {
    expect(forged).toBeDefined();
    const stamp = byIndex.get(forged?.index ?? -1);
    expect(stamp).toMatchObject({ trusted: false, trust: 'before-receiver', authservId: 'mx.google.com' });
    expect(
      s.conflicts.map((c) => [c.method, c.trustedResult, c.claimedResult, c.stampTrust, c.source.index]),
    ).toEqual([
      ['dkim', null, 'pass', 'before-receiver', forged?.index],
      ['spf', 'softfail', 'pass', 'before-receiver', forged?.index],
      ['dmarc', null, 'pass', 'before-receiver', forged?.index],
    ]);
  });

  it("marks Gmail's own Received-SPF and ARC-Authentication-Results as the receiver's", () => {
    const trusted = s.stamps.filter((st) => st.trusted).map((st) => st.header);
    expect(trusted).toEqual(['ARC-Authentication-Results', 'Received-SPF', 'Authentication-Results']);
  });

  it('a forged copy placed right below the real one (no hop between) is superseded, not merged', () => {
    const direct = block(
      FORGED_BELOW.replace(/Received: from \[198\.51\.100\.7\][^\n]*\n[^\n]*\n[^\n]*\n/, ''),
    );
    const d = readStamps(direct, { receiverHosts: ['mx.google.com'], receiverDomain: 'google.com' });
    const forgedStamp = d.stamps.filter((st) => st.header === 'Authentication-Results')[1];
    expect(forgedStamp).toMatchObject({ trusted: false, trust: 'superseded' });
    expect(d.verdicts.spf?.result).toBe('softfail');
    expect(d.verdicts.dkim).toEqual([]);
    expect(d.conflicts.map((c) => c.method)).toEqual(['dkim', 'spf', 'dmarc']);
  });

  it('another authserv-id is never believed, even above the receiver', () => {
    const f = block(
      `Authentication-Results: evil.example; spf=pass smtp.mailfrom=shop.example${FORGED_BELOW}`,
    );
    const r = readStamps(f, { receiverHosts: ['mx.google.com'], receiverDomain: 'google.com' });
    expect(r.stamps[0]).toMatchObject({ trusted: false, trust: 'other-authserv-id' });
    expect(r.verdicts.spf?.result).toBe('softfail');
    expect(r.conflicts[0]).toMatchObject({ method: 'spf', claimedResult: 'pass', trustedResult: 'softfail' });
  });
});

describe("an ARC-Authentication-Results in the receiver's name", () => {
  const GMAIL = { receiverHosts: ['mx.google.com'], receiverDomain: 'google.com' };
  // FORGED_BELOW without its forged AR: Gmail's ARC set above its Received field, as Gmail writes it.
  const genuine = FORGED_BELOW.slice(0, FORGED_BELOW.lastIndexOf('Authentication-Results: mx.google.com;'));
  // A set in Gmail's name among the sender's hops, below Gmail's Received field and stamp.
  const forgedSet = `ARC-Seal: i=1; a=rsa-sha256; t=1718983130; cv=none; d=google.com; s=arc-20160816; b=DDDD
ARC-Authentication-Results: i=1; mx.google.com;
       dkim=pass header.i=@shop.example; spf=pass smtp.mailfrom=info@shop.example; dmarc=pass header.from=shop.example
`;
  const aars = (r: ReturnType<typeof readStamps>): [string, boolean][] =>
    r.stamps.filter((st) => st.kind === 'arc-authentication-results').map((st) => [st.trust, st.trusted]);

  it("Gmail's own set, above its Received field, is the receiver's", () => {
    expect(aars(readStamps(block(genuine), GMAIL))).toEqual([['receiver', true]]);
  });

  it('one with no Received field of Gmail below it is not believed, and its better claims are reported', () => {
    // Without Gmail's own set: the forged one would otherwise be the only ARC-AR, and the highest.
    const withoutOwn = genuine.replace(
      /ARC-Seal: i=1;[^\n]*\nARC-Message-Signature:[^\n]*\nARC-Authentication-Results:[^\n]*\n[^\n]*\n/,
      '',
    );
    const text = withoutOwn.replace(
      'Received: from [198.51.100.7]',
      `${forgedSet}Received: from [198.51.100.7]`,
    );
    const r = readStamps(block(text), GMAIL);
    expect(aars(r)).toEqual([['no-receiver-hop', false]]);
    expect(r.verdicts.spf?.result).toBe('softfail');
    expect(r.conflicts.map((c) => [c.method, c.claimedResult, c.stampTrust])).toEqual([
      ['dkim', 'pass', 'no-receiver-hop'],
      ['spf', 'pass', 'no-receiver-hop'],
      ['dmarc', 'pass', 'no-receiver-hop'],
    ]);
    // The same set even below the sending host's Received field: still no Gmail hop below it.
    const lower = readStamps(block(`${withoutOwn}${forgedSet}`), GMAIL);
    expect(aars(lower)).toEqual([['no-receiver-hop', false]]);
  });

  it('an earlier pass of Gmail (a forward between Gmail accounts) keeps its Received field below its set', () => {
    const earlier = genuine
      .replace('ARC-Seal: i=1', 'ARC-Seal: i=2')
      .replace('ARC-Message-Signature: i=1', 'ARC-Message-Signature: i=2')
      .replace('ARC-Authentication-Results: i=1', 'ARC-Authentication-Results: i=2')
      .replace(
        'Received: from [198.51.100.7]',
        `${forgedSet}Received: from origin.example (origin.example [192.0.2.40])
        by mx.google.com with ESMTPS id b2si1.2024.06.21.08.10.00; Fri, 21 Jun 2024 08:10:00 -0700 (PDT)
Received: from [198.51.100.7]`,
      );
    expect(aars(readStamps(block(earlier), GMAIL))).toEqual([
      ['receiver', true],
      ['superseded', false],
    ]);
  });

  it('receivers that write their set below their Received field (Fastmail) are not judged by its place', () => {
    const fastmail = `Received: from out.shop.example (out.shop.example [192.0.2.10])
        by mx4.messagingengine.com (Postfix) with ESMTPS id 1; Mon, 1 Jul 2024 10:00:00 +0000
ARC-Authentication-Results: i=1; mx4.messagingengine.com; spf=pass smtp.mailfrom=u@shop.example
Authentication-Results: mx4.messagingengine.com; spf=pass smtp.mailfrom=u@shop.example
From: u@shop.example`;
    const r = readStamps(block(fastmail), {
      receiverHosts: ['mx4.messagingengine.com'],
      receiverDomain: 'messagingengine.com',
    });
    expect(aars(r)).toEqual([['receiver', true]]);
  });

  it('a pasted block of stamps without Received fields: nothing to place them by', () => {
    const r = readStamps(
      block(
        `${forgedSet}Authentication-Results: mx.google.com; spf=softfail smtp.mailfrom=info@shop.example`,
      ),
      {
        receiverHosts: [],
        receiverDomain: null,
      },
    );
    expect(aars(r)).toEqual([['receiver', true]]);
  });
});

describe('deciding the receiver', () => {
  it('--trust overrides, and a trust that matches nothing believes nothing', () => {
    const fields = block(FORGED_BELOW);
    const forced = readStamps(fields, { receiverHosts: [], receiverDomain: null, trust: 'mx.google.com' });
    expect(forced.receiver).toEqual({ authservId: 'mx.google.com', provider: 'gmail', basis: 'option' });
    expect(forced.verdicts.spf?.result).toBe('softfail');
    const none = readStamps(fields, {
      receiverHosts: ['mx.google.com'],
      receiverDomain: null,
      trust: 'mx.other.example',
    });
    expect(none.receiver?.basis).toBe('option');
    expect(none.stamps.every((st) => !st.trusted)).toBe(true);
    expect(none.verdicts.spf).toBeNull();
    expect(none.conflicts.map((c) => c.claimedResult)).toContain('pass');
  });

  it('a bare header block without Received: the topmost stamp', () => {
    const fields = block(
      'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=a.example\nAuthentication-Results: mx.other.example; spf=fail smtp.mailfrom=a.example',
    );
    const s = readStamps(fields, { receiverHosts: [], receiverDomain: null });
    expect(s.receiver).toEqual({ authservId: 'mx.example.net', provider: null, basis: 'only-stamp' });
    expect(s.stamps.map((st) => st.trusted)).toEqual([true, false]);
  });

  it("Microsoft's id-less field, its Received-SPF and the X-MS copy", () => {
    const fields = block(`
Received: from DB8PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:10:1::1) by
 AM0PR04MB5678.eurprd04.prod.outlook.com with HTTPS; Mon, 1 Jul 2024 10:00:01 +0000
Authentication-Results: spf=softfail (sender IP is 91.26.50.189)
 smtp.mailfrom=phytec.de; dkim=none (message not signed)
 header.d=none;dmarc=fail action=quarantine
 header.from=phytec.de;compauth=fail reason=001
Received-SPF: SoftFail (protection.outlook.com: domain of transitioning
 phytec.de discourages use of 91.26.50.189 as permitted sender)
Received: from mail.phytec.de (91.26.50.189) by
 DB8EUR05FT012.mail.protection.outlook.com (10.233.238.99) with Microsoft SMTP
 Server id 15.20.7741.16; Mon, 1 Jul 2024 10:00:00 +0000
X-MS-Exchange-Authentication-Results: spf=softfail (sender IP is 91.26.50.189)
 smtp.mailfrom=phytec.de; dkim=none (message not signed)
 header.d=none;dmarc=fail action=quarantine header.from=phytec.de;
Received: from [192.0.2.5] by mail.phytec.de (Postfix) with ESMTPSA id 1; Mon, 1 Jul 2024 09:59:59 +0000
Authentication-Results: spf=pass smtp.mailfrom=phytec.de; dkim=pass header.d=phytec.de; dmarc=pass header.from=phytec.de
From: x@phytec.de`);
    const s = readStamps(fields, {
      receiverHosts: ['am0pr04mb5678.eurprd04.prod.outlook.com'],
      receiverDomain: 'outlook.com',
    });
    expect(s.receiver).toEqual({ authservId: null, provider: 'microsoft', basis: 'microsoft-layout' });
    expect(s.verdicts.spf).toMatchObject({ result: 'softfail', domain: 'phytec.de', ip: '91.26.50.189' });
    expect(s.verdicts.dkim.map((d) => [d.result, d.domain])).toEqual([['none', 'none']]);
    expect(s.verdicts.dmarc).toMatchObject({
      result: 'fail',
      disposition: 'quarantine',
      fromDomain: 'phytec.de',
    });
    expect(s.stamps.map((st) => [st.header, st.trust])).toEqual([
      ['Authentication-Results', 'receiver'],
      ['Received-SPF', 'receiver'],
      ['X-MS-Exchange-Authentication-Results', 'receiver'],
      ['Authentication-Results', 'before-receiver'],
    ]);
    expect(s.conflicts.map((c) => c.method)).toEqual(['spf', 'dkim', 'dmarc']);
  });

  it('iCloud: one stamp per method, merged', () => {
    const fields = block(`
Received: from out.shop.example (out.shop.example [192.0.2.10])
 by ms11p00im-qufo17281701.me.com (Postfix) with ESMTPS id 1; Mon, 1 Jul 2024 10:00:00 +0000
Authentication-Results: dmarc.icloud.com; dmarc=pass header.from=shop.example
Authentication-Results: dkim-verifier.icloud.com; dkim=pass (2048-bit key) header.d=shop.example header.i=@shop.example header.b=AbCd1234
Authentication-Results: spf.icloud.com; spf=pass (spf.icloud.com: domain of u@shop.example designates 192.0.2.10 as permitted sender) smtp.mailfrom=u@shop.example
From: u@shop.example`);
    const s = readStamps(fields, {
      receiverHosts: ['ms11p00im-qufo17281701.me.com'],
      receiverDomain: 'me.com',
    });
    expect(s.receiver).toEqual({ authservId: 'dmarc.icloud.com', provider: 'icloud', basis: 'received-by' });
    expect(s.stamps.every((st) => st.trusted)).toBe(true);
    expect(s.verdicts.dmarc?.source.authservId).toBe('dmarc.icloud.com');
    expect(s.verdicts.dkim.map((d) => [d.result, d.domain, d.source.authservId])).toEqual([
      ['pass', 'shop.example', 'dkim-verifier.icloud.com'],
    ]);
    expect(s.verdicts.spf).toMatchObject({
      result: 'pass',
      ip: '192.0.2.10',
      source: { authservId: 'spf.icloud.com' },
    });
    expect(s.conflicts).toEqual([]);
  });

  it('Received-SPF fills SPF when the receiver wrote no spf=, and HELO / header.i give the domains', () => {
    const fields = block(`
Received: from h.sender.example (h.sender.example [192.0.2.77]) by mx.rcpt.example (Postfix) with ESMTP id 1; Mon, 1 Jul 2024 10:00:00 +0000
Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=192.0.2.77; helo=h.sender.example; envelope-from=u@sender.example; receiver=<UNKNOWN>
Authentication-Results: mx.rcpt.example; dkim=pass header.i=@mail.sender.example header.s=s1
From: u@sender.example`);
    const s = readStamps(fields, { receiverHosts: ['mx.rcpt.example'], receiverDomain: 'rcpt.example' });
    expect(s.verdicts.spf).toMatchObject({
      result: 'pass',
      domain: 'sender.example',
      sender: 'u@sender.example',
      ip: '192.0.2.77',
      source: { header: 'Received-SPF', index: 1 },
    });
    expect(s.verdicts.dkim[0]).toMatchObject({
      domain: 'mail.sender.example',
      identity: '@mail.sender.example',
      selector: 's1',
    });

    const helo = readStamps(
      block('Authentication-Results: mx.rcpt.example; spf=none smtp.helo=h.sender.example'),
      { receiverHosts: [], receiverDomain: null },
    );
    expect(helo.verdicts.spf).toMatchObject({ result: 'none', domain: 'h.sender.example', sender: null });
  });

  it("uses the receiver's highest ARC-Authentication-Results when it wrote no Authentication-Results", () => {
    const fields = block(`
ARC-Authentication-Results: i=2; mx.google.com; spf=softfail (${SOFTFAIL}) smtp.mailfrom=info@shop.example
ARC-Authentication-Results: i=1; mx.google.com; spf=pass smtp.mailfrom=info@shop.example`);
    const s = readStamps(fields, { receiverHosts: [], receiverDomain: null });
    expect(s.receiver).toMatchObject({ authservId: 'mx.google.com', basis: 'only-stamp' });
    expect(s.verdicts.spf?.source).toEqual({
      header: 'ARC-Authentication-Results',
      index: 0,
      instance: 2,
      authservId: 'mx.google.com',
      text: fields[0]?.value,
    });
    expect(s.stamps.map((st) => st.trust)).toEqual(['receiver', 'superseded']);
    expect(s.conflicts).toMatchObject([{ method: 'spf', claimedResult: 'pass', source: { instance: 1 } }]);
  });

  it('no stamps: no receiver, empty verdicts', () => {
    const s = readStamps(block('From: a@b.example\nSubject: x'), { receiverHosts: [], receiverDomain: null });
    expect(s).toEqual({
      receiver: null,
      verdicts: {
        spf: null,
        dkim: [],
        dmarc: null,
        arc: { result: null, comment: null, source: null, sets: [], shape: 'none' },
      },
      stamps: [],
      conflicts: [],
    });
  });
});
