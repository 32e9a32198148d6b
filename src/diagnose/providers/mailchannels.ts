import type { Provider } from './types.js';

/**
 * MailChannels, the outbound relay many shared hosts send through: relay hosts rotate
 * (`*.relay.mailchannels.net`), so the record names the provider's include, not one host.
 */
export const mailchannels: Provider = {
  id: 'mailchannels',
  name: { ja: 'MailChannels', en: 'MailChannels' },
  kind: 'relay',
  hostPattern: /\.relay\.mailchannels\.net$/i,
  spfTerms: () => ['include:relay.mailchannels.net'],
  source: 'https://support.mailchannels.com/hc/en-us/articles/200262610-Set-up-SPF-Records',
};
