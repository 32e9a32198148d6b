// One test per MTA format: each expected value is read off the line in the test by eye (the lines are
// real stamps from the corpus, domain.md §3, or built on their pattern with documentation addresses).
import { describe, expect, it } from 'vitest';
import { parseReceived } from '../../src/received/index.js';

describe('Postfix', () => {
  it('helo (rdns [ip]) by host (Postfix) with ESMTPS id … for <…>', () => {
    const h = parseReceived(
      'from a.mx.secunet.com (a.mx.secunet.com [62.96.220.36]) by smtp2.osuosl.org (Postfix) with ESMTPS id 7E22040142 for <list@osuosl.org>; Tue, 12 Mar 2024 10:00:00 +0000 (UTC)',
    );
    expect(h).toMatchObject({
      from: 'a.mx.secunet.com',
      helo: 'a.mx.secunet.com',
      rdns: 'a.mx.secunet.com',
      ip: '62.96.220.36',
      ipVersion: 4,
      by: 'smtp2.osuosl.org',
      protocol: 'ESMTPS',
      id: '7E22040142',
      for: '<list@osuosl.org>',
      dateRaw: 'Tue, 12 Mar 2024 10:00:00 +0000 (UTC)',
    });
    expect(h?.tls).toEqual({});
    expect(h?.date?.toISOString()).toBe('2024-03-12T10:00:00.000Z');
  });

  it('`unknown [ip]` means no reverse DNS; ESMTPSA is SMTP AUTH', () => {
    const h = parseReceived(
      'from laptop.local (unknown [198.51.100.7]) by mail.example.net (Postfix) with ESMTPSA id 4F1C2A0B3; Mon, 1 Jan 2024 09:00:00 +0100 (CET)',
    );
    expect(h?.rdns).toBeUndefined();
    expect(h?.helo).toBe('laptop.local');
    expect(h?.ip).toBe('198.51.100.7');
    expect(h?.auth).toBe('ESMTPSA');
    expect(h?.authText).toBe('with ESMTPSA');
  });

  it('(using TLS… with cipher …) and (Authenticated sender: …)', () => {
    const h = parseReceived(
      'from computer_3436 (unknown [43.230.105.145]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (Authenticated sender: jdazey@alexandersmith.com) by omf06.b.hostedemail.com (Postfix) with ESMTP for <kinney@noth.com>; Mon, 22 Aug 2016 14:22:52 +0000 (UTC)',
    );
    expect(h?.tls).toEqual({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', bits: '256/256' });
    expect(h?.auth).toBe('Postfix');
    expect(h?.authText).toBe('Authenticated sender: jdazey@alexandersmith.com');
  });

  it('`(Authenticated sender …)` without the colon also counts', () => {
    const h = parseReceived(
      'from pc (unknown [192.0.2.44]) (Authenticated sender user@example.com) by smtp.example.com (Postfix) with ESMTP id 1A2B3C; Mon, 1 Jan 2024 00:00:00 +0000',
    );
    expect(h?.auth).toBe('Postfix');
  });
});

describe('Sendmail (Sakura)', () => {
  it('the F-Secure loop hop with `(8.15.2/8.15.2) … (JST) (envelope-from …)`', () => {
    const h = parseReceived(
      'from fsav312.sakura.ne.jp (fsav312.sakura.ne.jp [153.120.85.143]) by www262.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 45LFIr1Q012345; Sat, 22 Jun 2024 00:18:54 +0900 (JST) (envelope-from info@example.jp)',
    );
    expect(h).toMatchObject({
      helo: 'fsav312.sakura.ne.jp',
      rdns: 'fsav312.sakura.ne.jp',
      ip: '153.120.85.143',
      by: 'www262.sakura.ne.jp',
      protocol: 'ESMTP',
      id: '45LFIr1Q012345',
      envelopeFrom: 'info@example.jp',
    });
    expect(h?.date?.toISOString()).toBe('2024-06-21T15:18:54.000Z');
  });

  it('ESMTPSA submission into www123.sakura.ne.jp, literal HELO, TLS from the (version=…) comment', () => {
    const h = parseReceived(
      'from [192.168.1.10] (p1234-ipngn.tokyo.ocn.ne.jp [198.51.100.45]) (authenticated bits=0) by www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTPSA id 45LFIqKV012340 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO); Sat, 22 Jun 2024 00:18:52 +0900 (JST)',
    );
    expect(h).toMatchObject({
      helo: '[192.168.1.10]',
      rdns: 'p1234-ipngn.tokyo.ocn.ne.jp',
      ip: '198.51.100.45',
      by: 'www123.sakura.ne.jp',
      auth: 'ESMTPSA',
      tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: '256' },
    });
  });

  it('`(authenticated bits=0)` with plain ESMTP is Sendmail AUTH', () => {
    const h = parseReceived(
      'from MARISELA (dsl-189-149-70-163.prod-infinitum.com.mx [189.149.70.163] (may be forged)) (authenticated bits=0) by mail.legosoft.com.mx (8.13.8/8.13.8) with ESMTP id kB3G26P6019032; Sun, 3 Dec 2006 10:02:16 -0600 (CST)',
    );
    expect(h?.auth).toBe('Sendmail');
    expect(h?.rdns).toBe('dsl-189-149-70-163.prod-infinitum.com.mx');
  });
});

describe('Exim', () => {
  it('rdns ([ip] helo=…) … (Exim …) (envelope-from <…>) id …', () => {
    const h = parseReceived(
      'from cust-178-250-146-69.breedbanddelft.nl ([178.250.146.69] helo=smtp) by s198.webhostingserver.nl with esmtpa (Exim 4.98) (envelope-from <fntoth@gmail.com>) id 1srZNC-0000000ATGh-39pO; Fri, 20 Sep 2024 10:52:18 +0200',
    );
    expect(h).toMatchObject({
      rdns: 'cust-178-250-146-69.breedbanddelft.nl',
      helo: 'smtp',
      ip: '178.250.146.69',
      by: 's198.webhostingserver.nl',
      protocol: 'ESMTPA',
      auth: 'esmtpa',
      envelopeFrom: 'fntoth@gmail.com',
      id: '1srZNC-0000000ATGh-39pO',
    });
  });

  it('`with esmtps (TLS1.2)` gives the TLS version; `[ip]:port` keeps the ip', () => {
    const h = parseReceived(
      'from h.example.org ([192.0.2.10]:41234 helo=H.example.org) by mx.example.net with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.92) (envelope-from <a@example.org>) id 1r5hX7-0004KD-2E for b@example.net; Tue, 14 Nov 2023 10:00:00 +0000',
    );
    expect(h).toMatchObject({
      ip: '192.0.2.10',
      helo: 'H.example.org',
      rdns: 'h.example.org',
      protocol: 'ESMTPS',
    });
    expect(h?.tls?.version).toBe('TLS1.2');
    expect(h?.for).toBe('b@example.net');
  });

  it('local submission (`with local`) is not a relay hop', () => {
    expect(
      parseReceived(
        'from www-data by host.example.com with local (Exim 4.96) id 1pXYZ0-000ABC-De; Thu, 20 Jun 2024 09:30:00 +0100',
      ),
    ).toBeNull();
  });
});

describe('qmail', () => {
  it('rdns (HELO helo) (ip)', () => {
    const h = parseReceived(
      'from host.colocrossing.com (HELO 04d930f1.moneytrack.top) (198.23.142.158) by smtp.dakota.net with SMTP; 7 Mar 2017 22:29:25 -0000',
    );
    expect(h).toMatchObject({
      rdns: 'host.colocrossing.com',
      helo: '04d930f1.moneytrack.top',
      ip: '198.23.142.158',
      by: 'smtp.dakota.net',
    });
  });

  it('`from unknown` has no rdns; ident@ip gives the ident', () => {
    const h = parseReceived(
      'from unknown (HELO machine.domain.com) (foobar@213.228.0.179) by totor.example.net with SMTP; 14 Nov 2003 08:31:29 -0000',
    );
    expect(h?.rdns).toBeUndefined();
    expect(h?.ident).toBe('foobar');
    expect(h?.ip).toBe('213.228.0.179');
  });

  it('`(qmail N invoked by uid N)` and `invoked from network` are not relay hops', () => {
    expect(parseReceived('(qmail 27859 invoked by uid 1001); 5 Sep 2002 02:25:41 -0000')).toBeNull();
    expect(parseReceived('(qmail 20959 invoked from network); 8 Mar 2017 16:46:30 -0000')).toBeNull();
  });
});

describe('Exchange / Microsoft 365', () => {
  it('with Microsoft SMTP Server id 15.20… via Frontend Transport', () => {
    const h = parseReceived(
      'from vmta6.response.nfcu.org (199.204.166.217) by BN3NAM04FT003.mail.protection.outlook.com (10.152.92.112) with Microsoft SMTP Server id 15.20.696.11 via Frontend Transport; Sat, 21 Apr 2018 03:01:32 +0000',
    );
    expect(h).toMatchObject({
      ip: '199.204.166.217',
      rdns: 'vmta6.response.nfcu.org',
      helo: 'vmta6.response.nfcu.org',
      by: 'BN3NAM04FT003.mail.protection.outlook.com',
      with: 'Microsoft SMTP Server',
      protocol: 'SMTP',
      id: '15.20.696.11',
      via: 'Frontend Transport',
    });
  });

  it('(version=TLS1_2, cipher=…) and an IPv6 client', () => {
    const h = parseReceived(
      'from AM4PEPF00025F95.EURPRD83.prod.outlook.com (2603:10a6:20b:127:cafe::35) by AS8PR04CA0133.outlook.office365.com (2603:10a6:20b:127::18) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7875.21 via Frontend Transport; Mon, 19 Aug 2024 14:26:00 +0000',
    );
    expect(h?.ip).toBe('2603:10a6:20b:127:cafe::35');
    expect(h?.ipVersion).toBe(6);
    expect(h?.tls).toEqual({ version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384' });
  });

  it('`from mail pickup service` is not a relay hop', () => {
    expect(
      parseReceived(
        'from mail pickup service by hotmail.com with Microsoft SMTPSVC; Wed, 22 Sep 2004 02:04:00 -0700',
      ),
    ).toBeNull();
  });
});

describe('Gmail', () => {
  it('from HELO (PTR. [IP]) by mx.google.com with ESMTPS id … (version=TLS1_3 cipher=…)', () => {
    const h = parseReceived(
      'Received: from www123.sakura.ne.jp (www123.sakura.ne.jp. [203.0.113.25])\r\n        by mx.google.com with ESMTPS id a1b2c3d4e5.123.2024.06.21.08.18.56\r\n        for <someone@gmail.com>\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n        Fri, 21 Jun 2024 08:18:56 -0700 (PDT)',
    );
    expect(h).toMatchObject({
      helo: 'www123.sakura.ne.jp',
      rdns: 'www123.sakura.ne.jp',
      ip: '203.0.113.25',
      by: 'mx.google.com',
      protocol: 'ESMTPS',
      for: '<someone@gmail.com>',
      tls: { version: 'TLS1_3', cipher: 'TLS_AES_256_GCM_SHA384', bits: '256/256' },
    });
    expect(h?.raw.startsWith('from www123.sakura.ne.jp')).toBe(true);
    expect(h?.raw).not.toMatch(/[\r\n]/);
    expect(h?.date?.toISOString()).toBe('2024-06-21T15:18:56.000Z');
  });

  it('Sakura over IPv6 to Gmail', () => {
    const h = parseReceived(
      'from www262.sakura.ne.jp (www262.sakura.ne.jp. [2001:e42:101:1:202:181:97:72]) by mx.google.com with ESMTPS id x1si123456pgh.1.2023.01.01.00.00.00 for <a@gmail.com>; Sun, 01 Jan 2023 00:00:00 -0800 (PST)',
    );
    expect(h?.ip).toBe('2001:e42:101:1:202:181:97:72');
    expect(h?.ipVersion).toBe(6);
    expect(h?.rdns).toBe('www262.sakura.ne.jp');
  });

  it('internal `by 2002:a05:…` hops are not relay hops', () => {
    expect(
      parseReceived(
        'by 2002:a05:6a10:2d04:b0:4a1:2b3c:4d5e with SMTP id x12csp345678pxb; Fri, 21 Jun 2024 08:18:57 -0700 (PDT)',
      ),
    ).toBeNull();
  });
});

describe('other MTAs', () => {
  it('CommuniGate Pro: [ip] (account … HELO …) with ESMTPSA', () => {
    const h = parseReceived(
      'from [212.73.124.190] (account skudinva@sibptus.tomsk.ru HELO wxpskudinva.sibptus.transneft.ru) by relay2.tomsk.ru (CommuniGate Pro SMTP 5.1.13) with ESMTPSA id 9830625 for sudakov@sibptus.tomsk.ru; Mon, 07 Apr 2008 08:42:48 +0700',
    );
    expect(h).toMatchObject({
      ip: '212.73.124.190',
      helo: 'wxpskudinva.sibptus.transneft.ru',
      by: 'relay2.tomsk.ru',
      id: '9830625',
      auth: 'ESMTPSA',
    });
    expect(h?.rdns).toBeUndefined();
  });

  it('Lotus Domino', () => {
    const h = parseReceived(
      'from mail.example.com ([192.0.2.5]) by notes.example.com (Lotus Domino Release 8.5.3FP6) with ESMTP id 2014012312345678-9; Thu, 23 Jan 2014 12:34:56 +0100',
    );
    expect(h).toMatchObject({
      helo: 'mail.example.com',
      ip: '192.0.2.5',
      by: 'notes.example.com',
      id: '2014012312345678-9',
    });
  });

  it('Courier: (AUTH: LOGIN user) names the mechanism; IPv4-mapped IPv6 becomes IPv4', () => {
    const h = parseReceived(
      'from Agni (localhost [::ffff:127.0.0.1]) (AUTH: LOGIN mitch@example.com) by agni.forevermore.net with esmtp; Mon, 28 Oct 2002 14:48:52 -0800',
    );
    expect(h).toMatchObject({
      helo: 'Agni',
      rdns: 'localhost',
      ip: '127.0.0.1',
      ipVersion: 4,
      auth: 'LOGIN',
    });
  });

  it('Haraka: bare `envelope-from <…>` and (cipher=…)', () => {
    const h = parseReceived(
      'from m32-12.eu.mailgun.net (m32-12.eu.mailgun.net [141.193.32.12]) by mx.ethereal.email (Haraka/2.8.25) with ESMTPS id 2574DCE9-AA6B-494F-A2DB-9403F22A7B4A.1 envelope-from <bounce+9eed13.94256-andris=ethereal.email@mail.projectpending.com> (cipher=TLS_AES_256_GCM_SHA384); Thu, 20 Aug 2020 10:08:28 +0000',
    );
    expect(h?.envelopeFrom).toBe('bounce+9eed13.94256-andris=ethereal.email@mail.projectpending.com');
    expect(h?.tls).toEqual({ cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(h?.id).toBe('2574DCE9-AA6B-494F-A2DB-9403F22A7B4A.1');
  });

  it('Amazon SES outbound host', () => {
    const h = parseReceived(
      'from e226-55.smtp-out.us-east-2.amazonses.com (e226-55.smtp-out.us-east-2.amazonses.com [23.251.226.55]) by inbound-smtp.us-east-1.amazonaws.com with SMTP id 3k1abcdef0123456789; Fri, 01 Mar 2024 12:00:00 +0000 (UTC)',
    );
    expect(h).toMatchObject({
      rdns: 'e226-55.smtp-out.us-east-2.amazonses.com',
      ip: '23.251.226.55',
      protocol: 'SMTP',
    });
  });

  it('SendGrid: fractional seconds, and the `by filter…` stamp is no relay', () => {
    const h = parseReceived(
      'from github-smtp2b-ext-cp1-prd.iad.github.net (github-smtp2b-ext-cp1-prd.iad.github.net [192.30.253.17]) by ismtpd0004p1iad1.sendgrid.net (SG) with ESMTP id sCMGnCRJTneGeHsvYr_ZrQ for <romain.calascibetta@gmail.com>; Wed, 09 Nov 2016 20:10:27.367 +0000 (UTC)',
    );
    expect(h?.date?.toISOString()).toBe('2016-11-09T20:10:27.367Z');
    expect(h?.by).toBe('ismtpd0004p1iad1.sendgrid.net');
    expect(
      parseReceived(
        'by filter0103p1las1.sendgrid.net with SMTP id filter0103p1las1-15046-582382B3-12 2016-11-09 20:10:27.258036245 +0000 UTC',
      ),
    ).toBeNull();
  });

  it('IronPort: `with ESMTP/TLS/<cipher>`', () => {
    const h = parseReceived(
      'from vps-051e4cda.vps.ovh.net ([152.228.133.10])  by apiron13.triara.com with ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256; 10 Oct 2022 15:11:34 -0500',
    );
    expect(h).toMatchObject({
      protocol: 'ESMTP',
      tls: { cipher: 'ECDHE-RSA-AES128-GCM-SHA256' },
      ip: '152.228.133.10',
    });
  });

  it('fetchmail re-delivery is not a relay hop', () => {
    expect(
      parseReceived(
        'from pop.pi.sbcglobal.net [207.115.63.84] by localhost with POP3 (fetchmail-5.9.11 polling pop.sbcglobal.net account matt_relay) for matt@localhost (single-drop); Wed, 04 Sep 2002 22:26:22 -0400 (EDT)',
      ),
    ).toBeNull();
  });
});

describe('field forms and IP literals', () => {
  it('accepts the whole field with its name and folds, or just the value', () => {
    const value =
      'from a.example (a.example [192.0.2.1]) by b.example with SMTP id X1Y2Z3; Mon, 1 Jan 2024 00:00:00 +0000';
    const whole = `Received: ${value.replace(' by ', '\r\n\tby ')}`;
    const a = parseReceived(value);
    const b = parseReceived(whole);
    expect(b?.ip).toBe(a?.ip);
    expect(b?.by).toBe('b.example');
    expect(b?.raw).toBe(value.replace(' by ', '\tby '));
  });

  it('an invalid IP literal gives no ip but keeps what else could be read', () => {
    const h = parseReceived(
      'from nc1.example.org (nc1.example.org. [12.345.67.12]) by mx.google.com with ESMTPS id i189si12502452ioa.76.2020.01.13.05.39.38; Mon, 13 Jan 2020 05:39:38 -0800 (PST)',
    );
    expect(h).not.toBeNull();
    expect(h?.ip).toBeUndefined();
    expect(h?.ipInvalid).toBe(true);
    expect(h).toMatchObject({ helo: 'nc1.example.org', rdns: 'nc1.example.org', by: 'mx.google.com' });
  });

  it('[IPv6:…] literals and the old Exim `.port` suffix', () => {
    expect(
      parseReceived(
        'from rc3.isc.org (rc3.isc.org [IPv6:2001:4f8:3:bb::25]) by sf1.isc.org (Postfix) with ESMTP id C986F284EE; Sat, 16 Oct 2004 21:30:02 +0000',
      )?.ip,
    ).toBe('2001:4f8:3:bb::25');
    expect(
      parseReceived(
        'from jsoliday.acs.internap.com ([63.251.66.24.63559]) by mailhost.acs.internap.com with esmtp (v3.35.1) id 1GNrLz-000295-00; Thu, 14 Sep 2006 09:34:07 -0400',
      )?.ip,
    ).toBe('63.251.66.24');
  });
});
