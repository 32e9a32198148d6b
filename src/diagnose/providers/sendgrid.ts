import type { Provider } from './types.js';

/**
 * Twilio SendGrid. Its own hosts: `*.outbound-mail.sendgrid.net`, `oN.<x>.sendgrid.net`, and the internal
 * `ismtpdNNNN…`/`filterNNNN…` hops (`Received: by filter0103p1las1.sendgrid.net`). Customers with reverse
 * DNS set up send from their own branded names (GitHub's `o3.sgmail.github.com`), which no name pattern
 * can tell apart from the customer's other hosts: those are recognised by the relay below them instead
 * (`internalHosts`).
 * Without domain authentication the envelope domain is sendgrid.net and receivers show “via sendgrid.net”.
 *
 * Not filled in: spfTerms. With automated security (the default) SendGrid publishes SPF on the `emNNNN`
 * subdomain it uses as return path, through the CNAME the customer adds; a value for the customer's own
 * record was not confirmed.
 */
export const sendgrid: Provider = {
  id: 'sendgrid',
  name: { ja: 'SendGrid', en: 'SendGrid' },
  kind: 'esp',
  hostPattern:
    /^(?:(?:[a-z0-9-]+\.)+outbound-mail\.sendgrid\.net|o\d+\.(?:[a-z0-9-]+\.)?sendgrid\.net|(?:ismtpd|filter)\d+[a-z0-9]*\.sendgrid\.net)$/i,
  spfTerms: null,
  // `by filter0652p1las1.sendgrid.net`, `by ismtpd0021p1iad2.sendgrid.net (SG)` (MHA's test vectors of
  // GitHub's mail, in the shared corpus), and the newer pod names `filterdrecv-…`, `geopod-ismtpd-…`.
  internalHosts:
    /^(?:(?:ismtpd|filter)\d+[a-z0-9]*\.sendgrid\.net|filterdrecv-[a-z0-9-]+|geopod-ismtpd-[a-z0-9-]+)$/i,
  envelopeDomains: /(?:^|\.)sendgrid\.net$/i,
  returnPathHowTo: {
    ja:
      'SendGrid の「Settings」→「Sender Authentication」でドメイン認証（Authenticate Your Domain）を行います。自動セキュリティ（既定）では、' +
      '表示される CNAME レコード（emNNNN.<ドメイン>、s1._domainkey、s2._domainkey）を DNS に追加すると、' +
      'Return-Path が emNNNN.<ドメイン> になり、SPF と DKIM がそのドメインで通ります。',
    en:
      'Authenticate the domain in SendGrid (Settings → Sender Authentication → Authenticate Your Domain). With ' +
      'automated security (the default), publish the CNAME records it shows (emNNNN.<domain>, s1._domainkey, ' +
      's2._domainkey): the return path becomes emNNNN.<domain>, and SPF and DKIM then pass for your domain.',
  },
  dkimHowTo: {
    ja: 'ドメイン認証で表示される s1._domainkey と s2._domainkey の CNAME レコードを DNS に追加します。鍵の更新は SendGrid が行います。',
    en: 'Publish the s1._domainkey and s2._domainkey CNAME records that domain authentication shows; SendGrid rotates the keys.',
  },
  source: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication',
  sources: [
    'https://support.sendgrid.com/hc/en-us/articles/21415314709147-Email-Authentication-SendGrid-s-Automated-Security-Explained',
  ],
};
