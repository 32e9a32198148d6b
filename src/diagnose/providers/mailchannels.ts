import type { Provider } from './types.js';

/**
 * MailChannels, the outbound relay many shared hosts send through: relay hosts rotate
 * (`caracal.maple.relay.mailchannels.net`), so the record names the provider's include, not one host.
 * The relay's own internal hop (`from relay.mailchannels.net (localhost [127.0.0.1])`) is not matched.
 */
export const mailchannels: Provider = {
  id: 'mailchannels',
  name: { ja: 'MailChannels', en: 'MailChannels' },
  kind: 'relay',
  hostPattern: /^(?:[a-z0-9-]+\.)+relay\.mailchannels\.net$/i,
  spfTerms: () => ['include:relay.mailchannels.net'],
  spfHowTo: {
    ja:
      'メールを MailChannels 経由で送っているホスティング会社を使っている場合は、ドメインの DNS で SPF の TXT レコードに' +
      '「include:relay.mailchannels.net」を加えます（ホスティング会社が独自の include を案内している場合はそちらを使います）。',
    en:
      "If your host relays outgoing mail through MailChannels, add “include:relay.mailchannels.net” to the domain's SPF " +
      'TXT record at its DNS host (or the include your host documents, if it gives its own).',
  },
  source: 'https://support.mailchannels.com/hc/en-us/articles/200262610-Set-up-SPF-Records',
  sources: ['https://kinsta.com/jp/docs/mailchannels-spf-txt-record/'],
};
