import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailboxMessages, mailboxPartName } from '../../src/input/mailbox.js';

const root = join(import.meta.dirname, '..', '..');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const FROM_ = (n: number) => `From sender@example.com Mon Jan  ${n} 00:00:00 2024`;
const msg = (n: number, body = 'Hello.') =>
  `From: a@example.com\nSubject: message ${n}\nDate: Mon, 0${n} Jan 2024 00:00:00 +0000\n\n${body}\n`;

describe('a mailbox given to explain: each message, none passed over', () => {
  it('one message, with or without a From_ line before it, is not a mailbox', () => {
    expect(mailboxMessages(enc(msg(1)))).toBeNull();
    expect(mailboxMessages(enc(`${FROM_(1)}\n${msg(1)}`))).toBeNull();
    expect(mailboxMessages(enc(`\n\n${FROM_(1)}\n${msg(1)}`))).toBeNull();
  });

  it('splits at From_ lines, and undoes mboxrd quoting (">From " in a body is "From ")', () => {
    const box = `${FROM_(1)}\n${msg(1, '>From the desk of the editor')}\n${FROM_(2)}\n${msg(2)}\n${FROM_(3)}\n${msg(3)}`;
    const parts = mailboxMessages(enc(box))?.map(dec);
    expect(parts?.length).toBe(3);
    expect(parts?.[0]).toBe(`${msg(1, 'From the desk of the editor')}\n`);
    expect(parts?.[1]).toBe(`${msg(2)}\n`);
    expect(parts?.[2]).toBe(msg(3));
    expect(mailboxPartName('mail.mbox', 2)).toBe('mail.mbox #2');
  });

  it('mboxo: an unquoted body line that looks like a From_ line stays in its message', () => {
    // The line has a weekday and a time, so the scan's splitter cuts there (it cannot tell); what
    // follows is not a header field, so explain puts the piece back into the message before it.
    const body = `Forwarded:\n${FROM_(5)}\nthe rest of the body`;
    const box = `${FROM_(1)}\n${msg(1, body)}\n${FROM_(2)}\n${msg(2)}`;
    const parts = mailboxMessages(enc(box))?.map(dec);
    expect(parts?.length).toBe(2);
    expect(parts?.[0]).toBe(`${msg(1, body)}\n`);
    // A single message with such a line is one message.
    expect(mailboxMessages(enc(`${FROM_(1)}\n${msg(1, body)}`))).toBeNull();
    // Even when a body line after it looks like a field: no field that messages have (From, Date…).
    expect(
      mailboxMessages(readFileSync(join(root, 'test', 'adversarial', 'from-line-in-body.eml'))),
    ).toBeNull();
  });

  it('the shipped sample mailbox holds three messages, each starting with its header', () => {
    const parts = mailboxMessages(readFileSync(join(root, 'samples', 'mailbox.mbox')));
    expect(parts?.map((p) => dec(p).split('\n')[0])).toEqual([
      'Delivered-To: yamada.hanako@gmail.com',
      'Delivered-To: yamada.hanako@gmail.com',
      'Delivered-To: yamada.hanako@gmail.com',
    ]);
  });
});
