import type { Provider } from './types.js';

/**
 * Sakura Internet's rental server (さくらのレンタルサーバ). Mail leaves from the server host
 * `wwwNNN.sakura.ne.jp`, whose address can differ from the account's initial domain
 * (`<account>.sakura.ne.jp`); Sakura's recommended record authorises the server host by name, which
 * also covers its IPv6 address (RFC 7208 §5.3), and the domain's MX.
 */
export const sakura: Provider = {
  id: 'sakura',
  name: { ja: 'さくらのレンタルサーバ', en: 'Sakura rental server' },
  kind: 'hosting',
  hostPattern: /^www\d+\.sakura\.ne\.jp$/i,
  spfTerms: (host) => [`a:${host.toLowerCase()}`, 'mx'],
  // The initial domain (`<account>.sakura.ne.jp`) is the usual mistake; server hosts are wwwNNN.
  replacesTerms: /^\+?a:(?!www\d+\.)[a-z0-9-]+\.sakura\.ne\.jp$/i,
  source: 'https://help.sakura.ad.jp/rs/2861/',
};
