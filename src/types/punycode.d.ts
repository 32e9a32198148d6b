// punycode.js (RFC 3492) ships no types; these are the parts mailwhy uses.
declare module 'punycode.js' {
  const punycode: {
    toASCII(domain: string): string;
    toUnicode(domain: string): string;
  };
  export default punycode;
}
