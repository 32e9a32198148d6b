// Received dates: RFC 5322 §3.3 and the obsolete / non-standard forms (expected instants worked out
// by hand from the written zone).
import { describe, expect, it } from 'vitest';
import { parseReceivedDate } from '../../src/received/index.js';

const iso = (text: string): string | undefined => parseReceivedDate(text)?.toISOString();

describe('parseReceivedDate', () => {
  it.each([
    ['Fri, 21 Jun 2024 08:18:56 -0700', '2024-06-21T15:18:56.000Z'],
    ['Sat, 22 Jun 2024 00:18:54 +0900 (JST)', '2024-06-21T15:18:54.000Z'],
    ['Fri, 21 Jun 2024 08:18:56 -0700 (PDT)', '2024-06-21T15:18:56.000Z'],
    // No seconds (RFC 5322 §3.3 makes them optional).
    ['21 Jun 2024 08:18 +0900', '2024-06-20T23:18:00.000Z'],
    // 2-digit years (§4.3): < 50 → 20xx, ≥ 50 → 19xx.
    ['8 Mar 04 12:23:56 -0000', '2004-03-08T12:23:56.000Z'],
    ['Tue, 8 Oct 91 10:25:41 EDT', '1991-10-08T14:25:41.000Z'],
    // Named zones.
    ['Tue, 16 Mar 2004 18:12:31 GMT', '2004-03-16T18:12:31.000Z'],
    ['3 Jul 2002 15:43:50 UT', '2002-07-03T15:43:50.000Z'],
    ['Mon, 1 Jan 2024 12:00:00 PST', '2024-01-01T20:00:00.000Z'],
    // A zone given only as a comment.
    ['Mon, 13 Jan 2025 10:00:00 (JST)', '2025-01-13T01:00:00.000Z'],
    // No zone at all: read as UTC (§4.3 "-0000").
    ['Sun Nov 13 14:50:12 2005', '2005-11-13T14:50:12.000Z'],
    // Fractional seconds, trailing UTC (SendGrid), glued zone (Sendmail).
    ['Mon, 26 Mar 2018 13:35:10.102 +0000 (UTC)', '2018-03-26T13:35:10.102Z'],
    ['2018-03-26 13:35:36.270951634 +0000 UTC', '2018-03-26T13:35:36.270Z'],
    ['2024-01-15 10:30:45.123456789 +0000 UTC m=+1234.567890123', '2024-01-15T10:30:45.123Z'],
    ['Thu, 6 May 2004 17:40:44-0500', '2004-05-06T22:40:44.000Z'],
    ['2015-10-29 11:38:32.817089-04:00', '2015-10-29T15:38:32.817Z'],
    // Full weekday and month names, US numeric dates with AM/PM.
    ['Saturday, 21 April 2018 03:01:02 +0000', '2018-04-21T03:01:02.000Z'],
    ['4/20/2018 11:01:16 PM -0400 (EDT)', '2018-04-21T03:01:16.000Z'],
    // Junk after the date (an id written after it).
    ['Thu, 10 Nov 2005 08:24:21 -0600 id 000000DB.43735815.00001E11', '2005-11-10T14:24:21.000Z'],
    // Leap second: 60 is allowed by §3.3, read as :59.
    ['31 Dec 2016 23:59:60 +0000', '2016-12-31T23:59:59.000Z'],
  ])('%s', (text, want) => {
    expect(iso(text)).toBe(want);
  });

  it.each([
    [''],
    ['garbage'],
    ['22 Apr'],
    ['32 Jan 2020 00:00:00 +0000'],
    ['31 Feb 2021 10:00:00 +0000'],
    ['1 Jan 2020 25:00:00 +0000'],
    ['1 Jan 2020 10:61:00 +0000'],
    ['1 Jan 2020 10:00:61 +0000'],
    ['1 Jan 2020 10:00:00 +9999'],
    ['1 Jan 99999 10:00:00 +0000'],
    ['1 Foo 2020 10:00:00 +0000'],
    ['13/45/2020 10:00:00'],
    ['4/20/2018 13:01:16 PM'],
  ])('unreadable: %j → undefined, never "now"', (text) => {
    expect(parseReceivedDate(text)).toBeUndefined();
  });

  it('a long junk tail is not read past the date', () => {
    expect(iso(`Mon, 1 Jan 2024 00:00:00 +0000 ${'x '.repeat(100_000)}`)).toBe('2024-01-01T00:00:00.000Z');
  });

  it('non-string input is undefined', () => {
    expect(parseReceivedDate(undefined as unknown as string)).toBeUndefined();
  });
});
