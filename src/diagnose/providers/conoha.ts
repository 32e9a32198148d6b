import type { Provider } from './types.js';

/**
 * ConoHa WING. Mail leaves from `mailgwNNNN(-NN).conoha.ne.jp` (`Received: from mailgw1029-46.conoha.ne.jp
 * (… [160.251.132.46])`, `mailgw557-208.conoha.ne.jp`, `mailgw1023.conoha.ne.jp` in public
 * vger.kernel.org archives), after `wwwNNNN.conoha.ne.jp` → `mailNNNN.conoha.ne.jp` (SMTP AUTH) inside.
 *
 * Not filled in: spfTerms (`include:_spf.conoha.ne.jp` is seen in public zone dumps only; no ConoHa page
 * confirming it was found) and the DKIM steps (a `default._domainkey` selector is seen in zone dumps).
 */
export const conoha: Provider = {
  id: 'conoha',
  name: { ja: 'ConoHa WING', en: 'ConoHa WING' },
  kind: 'hosting',
  hostPattern: /^mailgw\d+(?:-\d+)?\.conoha\.ne\.jp$/i,
  spfTerms: null,
  // A list archive's copy of a message whose Received lines show the hosts (the only source found).
  source: 'https://lore.kernel.org/all/N424PoJbRTI1wRgKFlptKectPlRuw8d3kDwdgqwXqI@www.naruto-cycle.com/',
};
