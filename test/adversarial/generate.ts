// The big adversarial inputs, generated at run time (a 10 MB file does not belong in git). Each takes
// the text of pass.eml (a message Gmail authenticated) and grows one part of it.
/** pass.eml's header block (without the empty line) and its body. */
function parts(text: string): { head: string; body: string } {
  const end = text.indexOf('\n\n');
  return { head: text.slice(0, end), body: text.slice(end + 2) };
}

/** Inserts lines after the field that starts with `after` (or at the end of the header block). */
function insertAfter(head: string, after: string | null, lines: string): string {
  if (after === null) return `${head}\n${lines}`;
  const lines0 = head.split('\n');
  let i = lines0.findIndex((l) => l.startsWith(after));
  // Past the field's continuation lines.
  while (i >= 0 && i + 1 < lines0.length && /^[ \t]/.test(lines0[i + 1] ?? '')) i++;
  return [...lines0.slice(0, i + 1), lines, ...lines0.slice(i + 1)].join('\n');
}

export const GENERATORS: Record<string, (pass: string) => string> = {
  /** 10 MB of header: filler fields after the real ones, then the body. */
  'header-10mb.eml': (pass) => {
    const { head, body } = parts(pass);
    const line = `X-Filler: ${'a'.repeat(100)}\n`;
    return `${head}\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}\n${body}`;
  },
  /** 100,000 header fields. */
  'fields-100k.eml': (pass) => {
    const { head, body } = parts(pass);
    let filler = '';
    for (let i = 0; i < 100_000; i++) filler += `X-F${i % 10}: ${i}\n`;
    return `${head}\n${filler}\n${body}`;
  },
  /** One Subject folded over 100,000 continuation lines. */
  'folded-100k.eml': (pass) => {
    const { head, body } = parts(pass);
    return `${insertAfter(head, 'Subject:', Array(100_000).fill('\t x').join('\n'))}\n\n${body}`;
  },
  /** 10,000 Received fields of the sender's own relays, below the submission hop. */
  'received-10k.eml': (pass) => {
    const { head, body } = parts(pass);
    let hops = '';
    for (let i = 0; i < 10_000; i++)
      hops += `Received: from relay${i + 1}.example.com (relay${i + 1}.example.com [10.1.${i >> 8}.${i & 255}])\n\tby relay${i}.example.com (Postfix) with ESMTP id R${i};\n\tTue, 10 Nov 2026 10:23:44 +0100 (CET)\n`;
    return `${insertAfter(head, 'Received: from [192.168.1.20]', hops.slice(0, -1))}\n\n${body}`;
  },
  /** 10,000 results in the receiver's own Authentication-Results. */
  'authres-results-10k.eml': (pass) => {
    const { head, body } = parts(pass);
    const extra = Array.from(
      { length: 10_000 },
      (_, i) => `\tdkim=fail header.i=@s${i}.example.com header.s=s${i} header.b=b${i};`,
    ).join('\n');
    const at = 'Authentication-Results: mx.google.com;\n';
    return `${head.replace(at, `${at}${extra}\n`)}\n\n${body}`;
  },
};
