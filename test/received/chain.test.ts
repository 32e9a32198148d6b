// analyzeChain: order, delays, trust walk, receiver boundary, sending host, submission hop.
import { describe, expect, it } from 'vitest';
import { analyzeChain } from '../../src/received/index.js';
import { fieldsOf } from './helpers.js';

// The Sakura case (domain.md §0): submitted with ESMTPSA to www123.sakura.ne.jp, looped through the
// F-Secure scanner fsav312, handed to Gmail over TLS. Times: 00:18:52 … 00:18:54 JST = 15:18:52 …
// 15:18:54 UTC, then 08:18:56 and 08:18:57 PDT = 15:18:56, 15:18:57 UTC.
const sakura = [
  'Delivered-To: someone@gmail.com',
  'Received: by 2002:a05:6a10:2d04:b0:4a1:2b3c:4d5e with SMTP id x12csp345678pxb;\n        Fri, 21 Jun 2024 08:18:57 -0700 (PDT)',
  'X-Received: by 2002:a17:90a:1234:: with SMTP id abc.1.1718983136; Fri, 21 Jun 2024 08:18:56 -0700 (PDT)',
  'Received: from www123.sakura.ne.jp (www123.sakura.ne.jp. [203.0.113.25])\n        by mx.google.com with ESMTPS id a1b2c3d4e5.123.2024.06.21.08.18.56\n        for <someone@gmail.com>\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n        Fri, 21 Jun 2024 08:18:56 -0700 (PDT)',
  'Received-SPF: softfail (google.com: domain of transitioning info@example.jp does not designate 203.0.113.25 as permitted sender) client-ip=203.0.113.25;',
  'Received: from fsav312.sakura.ne.jp (fsav312.sakura.ne.jp [153.120.85.143])\n\tby www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 45LFIr1Q012345;\n\tSat, 22 Jun 2024 00:18:54 +0900 (JST)\n\t(envelope-from info@example.jp)',
  'Received: from www123.sakura.ne.jp (203.0.113.25)\n by fsav312.sakura.ne.jp (F-Secure/fsigk_smtp/550/fsav312.sakura.ne.jp);\n Sat, 22 Jun 2024 00:18:53 +0900 (JST)',
  'Received: from [192.168.1.10] (p1234-ipngn.tokyo.ocn.ne.jp [198.51.100.45])\n\t(authenticated bits=0)\n\tby www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTPSA id 45LFIqKV012340\n\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NO);\n\tSat, 22 Jun 2024 00:18:52 +0900 (JST)\n\t(envelope-from info@example.jp)',
  'From: info@example.jp',
];

describe('analyzeChain', () => {
  it('the Sakura case: Gmail receives from www123.sakura.ne.jp; the submission was ESMTPSA', () => {
    const fields = fieldsOf(sakura);
    const chain = analyzeChain(fields);
    expect(chain.hops.map((h) => h.position)).toEqual([0, 1, 2, 3, 4]);
    expect(chain.hops.map((h) => h.fieldIndex)).toEqual([1, 3, 5, 6, 7]);
    expect(chain.hops[0]?.hop).toBeNull();
    expect(chain.hops[0]?.nonRelay?.by).toBe('2002:a05:6a10:2d04:b0:4a1:2b3c:4d5e');
    expect(chain.receiverDomain).toBe('google.com');
    expect(chain.receiverHosts).toEqual(['2002:a05:6a10:2d04:b0:4a1:2b3c:4d5e', 'mx.google.com']);
    expect(chain.sendingHostPosition).toBe(1);
    expect(chain.hops[1]?.hop).toMatchObject({
      ip: '203.0.113.25',
      rdns: 'www123.sakura.ne.jp',
      helo: 'www123.sakura.ne.jp',
    });
    expect(chain.hops.map((h) => h.receiverInternal)).toEqual([true, false, false, false, false]);
    expect(chain.submissionPosition).toBe(4);
    expect(chain.hops[4]?.hop).toMatchObject({
      by: 'www123.sakura.ne.jp',
      auth: 'ESMTPSA',
      ip: '198.51.100.45',
    });
    expect(chain.hops.map((h) => h.delaySeconds)).toEqual([1, 2, 1, 1, null]);
    expect(chain.transitSeconds).toBe(5);
    expect(chain.skewPositions).toEqual([]);
    expect(chain.unreadableDatePositions).toEqual([]);
    // SpamAssassin inference without networks: nothing trusted (public IPs, no auth at the top).
    expect(chain.hops.filter((h) => h.hop).map((h) => h.trusted)).toEqual([false, false, false, false]);
    // The result is plain data.
    expect(JSON.parse(JSON.stringify(chain)).sendingHostPosition).toBe(1);
  });

  it('at Sakura as the receiver, the F-Secure loop stays inside and the Gmail hop is the sending host', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from fsav301.sakura.ne.jp (fsav301.sakura.ne.jp [153.120.85.132]) by www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTP id 4A1B2C3D; Mon, 13 Jan 2025 10:00:02 +0900 (JST)',
        'Received: from www123.sakura.ne.jp (153.125.147.21) by fsav301.sakura.ne.jp (F-Secure/fsigk_smtp/550/fsav301.sakura.ne.jp); Mon, 13 Jan 2025 10:00:01 +0900 (JST)',
        'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41]) by www123.sakura.ne.jp (8.15.2/8.15.2) with ESMTPS id 4A1B2C3C (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT); Mon, 13 Jan 2025 10:00:00 +0900 (JST)',
      ]),
    );
    expect(chain.receiverDomain).toBe('sakura.ne.jp');
    expect(chain.sendingHostPosition).toBe(2);
    expect(chain.receiverHosts).toEqual(['www123.sakura.ne.jp', 'fsav301.sakura.ne.jp']);
  });

  it('Gmail to Gmail: the client of mx.google.com is the sending host even though it is google.com', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: by 2002:a4a:8e45:0:0:0:0:0 with SMTP id z5csp2532955ook; Mon, 26 Oct 2020 05:43:29 -0700 (PDT)',
        'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id p13sor3668128ljj.40.2020.10.26.05.43.29 for <a@gmail.com> (Google Transport Security); Mon, 26 Oct 2020 05:43:29 -0700 (PDT)',
        'Received: by 2002:a19:cb97:0:0:0:0:0 with SMTP id b145csp2707879lfg; Mon, 26 Oct 2020 05:43:28 -0700 (PDT)',
      ]),
    );
    expect(chain.sendingHostPosition).toBe(1);
    expect(chain.hops[1]?.hop?.ip).toBe('209.85.220.41');
  });

  it('Microsoft 365: internal prod.outlook.com hops, the sending host enters at *.mail.protection.outlook.com', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from BN3NAM04HT205.eop-NAM04.prod.protection.outlook.com (2a01:111:e400:c418::34) by SN1PR16MB0494.namprd16.prod.outlook.com with HTTPS via SN1PR15CA0024.NAMPRD15.PROD.OUTLOOK.COM; Sat, 21 Apr 2018 03:01:33 +0000',
        'Received: from BN3NAM04FT003.eop-NAM04.prod.protection.outlook.com (10.152.92.53) by BN3NAM04HT205.eop-NAM04.prod.protection.outlook.com (10.152.93.134) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384) id 15.20.696.11; Sat, 21 Apr 2018 03:01:32 +0000',
        'Received: from vmta6.response.nfcu.org (199.204.166.217) by BN3NAM04FT003.mail.protection.outlook.com (10.152.92.112) with Microsoft SMTP Server id 15.20.696.11 via Frontend Transport; Sat, 21 Apr 2018 03:01:32 +0000',
        'Received: from localhost (10.0.22.21) by vmta6.response.nfcu.org (PowerMTA(TM) v3.5r17) id hrakoo0lrlgv for <sgriffin@outlook.com>; Fri, 20 Apr 2018 17:51:19 -0400 (envelope-from <abuse@response.nfcu.org>)',
      ]),
    );
    expect(chain.receiverDomain).toBe('outlook.com');
    expect(chain.sendingHostPosition).toBe(2);
    expect(chain.hops[2]?.hop?.ip).toBe('199.204.166.217');
    expect(chain.receiverHosts).toEqual([
      'sn1pr16mb0494.namprd16.prod.outlook.com',
      'bn3nam04ht205.eop-nam04.prod.protection.outlook.com',
      'bn3nam04ft003.mail.protection.outlook.com',
    ]);
    expect(chain.transitSeconds).toBe(18_614);
  });

  it('trustedNetworks move the boundary past the user’s own relay', () => {
    const headers = [
      'Received: from relay.corp.example (relay.corp.example [198.51.100.5]) by mx.google.com with ESMTPS id q1si1.2024.01.01; Mon, 1 Jan 2024 00:00:02 -0800 (PST)',
      'Received: from sender.example.org (sender.example.org [203.0.113.9]) by relay.corp.example (Postfix) with ESMTP id 1A2B3C; Mon, 1 Jan 2024 08:00:01 +0000 (UTC)',
    ];
    expect(analyzeChain(fieldsOf(headers)).sendingHostPosition).toBe(0);
    const chain = analyzeChain(fieldsOf(headers), { trustedNetworks: ['198.51.100.0/24'] });
    expect(chain.sendingHostPosition).toBe(1);
    expect(chain.hops.map((h) => [h.trusted, h.internal])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(chain.hops.map((h) => h.delaySeconds)).toEqual([1, null]);
  });

  it('a private-address client is inside the receiver’s boundary', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from filter.example.net ([10.0.0.5]) by mx.example.net with ESMTP id A1; Mon, 1 Jan 2024 00:00:03 +0000',
        'Received: from out.sender.example (out.sender.example [192.0.2.33]) by filter.example.net (Postfix) with ESMTP id B2; Mon, 1 Jan 2024 00:00:02 +0000',
      ]),
    );
    expect(chain.sendingHostPosition).toBe(1);
    expect(chain.hops[0]?.trusted).toBe(true);
    expect(chain.hops[1]?.trusted).toBe(false);
  });

  it('clock skew and unreadable dates are flagged', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from b.example (b.example [192.0.2.2]) by c.example with SMTP; Mon, 1 Jan 2024 00:00:00 +0000',
        'Received: from a.example (a.example [192.0.2.1]) by b.example with SMTP; Mon, 1 Jan 2024 00:02:00 +0000',
        'Received: from z.example (z.example [192.0.2.9]) by a.example with SMTP; someday',
        'Received: from y.example (y.example [192.0.2.8]) by z.example with SMTP',
        'Received: from x.example (x.example [192.0.2.7]) by y.example with SMTP; Mon, 1 Jan 2024 00:01:00 +0000',
      ]),
    );
    expect(chain.hops.map((h) => h.delaySeconds)).toEqual([-120, 60, null, null, null]);
    expect(chain.skewPositions).toEqual([0]);
    expect(chain.unreadableDatePositions).toEqual([2, 3]);
    expect(chain.hops[2]?.hop?.dateRaw).toBe('someday');
  });

  it('no Received fields', () => {
    const chain = analyzeChain(fieldsOf(['From: a@example.com', 'Subject: hi']));
    expect(chain).toEqual({
      hops: [],
      receiverHosts: [],
      receiverDomain: null,
      sendingHostPosition: null,
      submissionPosition: null,
      transitSeconds: null,
      skewPositions: [],
      unreadableDatePositions: [],
      originating: null,
    });
  });

  it('X-Originating-IP is placed after the oldest hop for trust', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from web.example (web.example [192.0.2.50]) by mx.example.net with ESMTP; Mon, 1 Jan 2024 00:00:00 +0000',
        'X-Originating-IP: [198.51.100.77]',
      ]),
      { trustedNetworks: ['192.0.2.0/24', '198.51.100.0/24'], internalNetworks: ['192.0.2.0/24'] },
    );
    expect(chain.originating).toEqual({ ip: '198.51.100.77', fieldIndex: 1, trusted: true, internal: false });
  });

  it('unreadable network entries are ignored; short SpamAssassin forms and exclusions work', () => {
    const headers = [
      'Received: from a.example (a.example [10.1.2.3]) by b.example with SMTP; Mon, 1 Jan 2024 00:00:00 +0000',
    ];
    expect(analyzeChain(fieldsOf(headers), { trustedNetworks: ['not-a-net', '10/8'] }).hops[0]?.trusted).toBe(
      true,
    );
    expect(analyzeChain(fieldsOf(headers), { trustedNetworks: ['!10.1.2.3 10/8'] }).hops[0]?.trusted).toBe(
      false,
    );
    expect(analyzeChain(fieldsOf(headers), { trustedNetworks: ['10.1/16'] }).hops[0]?.trusted).toBe(true);
  });
});

describe('boundary against forged names', () => {
  it('a HELO in the receiver’s domain without a matching reverse name does not move the boundary', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from mx2.example.net (unknown [203.0.113.66]) by mx.example.net (Postfix) with ESMTP id F1; Mon, 1 Jan 2024 00:00:01 +0000',
        'Received: from innocent.example.org (innocent.example.org [192.0.2.1]) by mx2.example.net with ESMTP id F0; Mon, 1 Jan 2024 00:00:00 +0000',
      ]),
    );
    expect(chain.sendingHostPosition).toBe(0);
    expect(chain.hops[0]?.hop?.ip).toBe('203.0.113.66');
  });

  it('a reverse name in the receiver’s domain keeps the hop inside', () => {
    const chain = analyzeChain(
      fieldsOf([
        'Received: from mx2.example.net (mx2.example.net [198.51.100.2]) by mx.example.net (Postfix) with ESMTP id F1; Mon, 1 Jan 2024 00:00:01 +0000',
        'Received: from out.example.org (out.example.org [192.0.2.1]) by mx2.example.net (Postfix) with ESMTP id F0; Mon, 1 Jan 2024 00:00:00 +0000',
      ]),
    );
    expect(chain.sendingHostPosition).toBe(1);
    expect(chain.receiverHosts).toEqual(['mx.example.net', 'mx2.example.net']);
  });
});
