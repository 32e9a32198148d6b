import type { Provider } from './types.js';

/**
 * Lolipop! rental server (ロリポップ!). Mail has been seen leaving from `smtp-proxyNNN.phy.lolipop.jp`
 * (`Received: from smtp-proxy002.phy.lolipop.jp ([157.7.104.43] …)` in a public vger.kernel.org
 * archive); `mysqlNNN.phy.lolipop.jp` are database hosts and are not matched.
 *
 * Not filled in: spfTerms (`include:_spf.lolipop.jp` appears in public zone dumps only; no Lolipop page
 * confirming it was found) and the DKIM steps.
 */
export const lolipop: Provider = {
  id: 'lolipop',
  name: { ja: 'ロリポップ!', en: 'Lolipop!' },
  kind: 'hosting',
  hostPattern: /^smtp-proxy\d+\.phy\.lolipop\.jp$/i,
  spfTerms: null,
  // A list archive's copy of a message whose Received line shows the host (the only source found).
  source: 'https://lore.kernel.org/all/5760CB2A.6090106@sakamocchi.jp/',
};
