/**
 * Internationalised domain names in the scan. `bücher.example` and `xn--bcher-kva.example` are one
 * domain (RFC 5890): mail writes either, and so may the user typing `--domain`.
 */
import punycode from 'punycode.js';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A domain lower-cased, without its final dot, in A-labels. URL does the IDNA mapping, here as in
 * the browser; a name it refuses stays as it is.
 */
export function aLabels(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (!NON_ASCII.test(d)) return d;
  try {
    return new URL(`http://${d}/`).hostname;
  } catch {
    return d;
  }
}

/**
 * The name a by-domain group goes by: the domain lower-cased, without its final dot, in U-labels
 * (`bücher.example` for either spelling), as people read it. A name whose U-labels do not map back
 * to the same A-labels (`xn--zz`, not Punycode) is shown in A-labels, as the mail wrote it.
 */
export function groupDomain(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (!NON_ASCII.test(d) && !d.includes('xn--')) return d;
  const ascii = aLabels(d);
  try {
    const unicode = punycode.toUnicode(ascii);
    return aLabels(unicode) === ascii ? unicode : ascii;
  } catch {
    return ascii;
  }
}
