import type { Provider, ReceiverProvider } from './types.js';

/** Google Workspace / Gmail as a sender: mail leaves from mail-*.google.com. */
export const googleWorkspace: Provider = {
  id: 'google',
  name: { ja: 'Google Workspace / Gmail', en: 'Google Workspace / Gmail' },
  kind: 'mailbox',
  hostPattern: /^mail-[a-z0-9-]+\.google\.com$/i,
  spfTerms: () => ['include:_spf.google.com'],
  source: 'https://support.google.com/a/answer/33786',
};

/** Gmail as the receiver: its stamps carry the authserv-id mx.google.com. */
export const gmailReceiver: ReceiverProvider = {
  id: 'gmail',
  name: { ja: 'Gmail', en: 'Gmail' },
  authservId: /^(?:mx|gmr-mx)\.google\.com$/i,
};
