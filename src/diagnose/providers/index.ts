import { gmailReceiver, googleWorkspace } from './google.js';
import { mailchannels } from './mailchannels.js';
import { sakura } from './sakura.js';
import type { Provider, ReceiverProvider } from './types.js';

export type { Provider, ReceiverProvider } from './types.js';

export const PROVIDERS: readonly Provider[] = [sakura, googleWorkspace, mailchannels];

export const RECEIVERS: readonly ReceiverProvider[] = [
  gmailReceiver,
  {
    id: 'microsoft',
    name: { ja: 'Microsoft 365 / Outlook.com', en: 'Microsoft 365 / Outlook.com' },
    authservId: /(?:^|\.)(?:outlook\.com|microsoft\.com)$/i,
  },
  { id: 'yahoo', name: { ja: 'Yahoo', en: 'Yahoo' }, authservId: /\.(?:yahoo\.com|aol\.com)$/i },
  { id: 'icloud', name: { ja: 'iCloud', en: 'iCloud' }, authservId: /\.icloud\.com$/i },
  { id: 'fastmail', name: { ja: 'Fastmail', en: 'Fastmail' }, authservId: /\.messagingengine\.com$/i },
];

/** The provider whose outbound host this is, by PTR or HELO name. */
export function providerOfHost(...names: (string | null | undefined)[]): Provider | null {
  for (const name of names) {
    if (!name) continue;
    const host = name.replace(/\.$/, '');
    const p = PROVIDERS.find((candidate) => candidate.hostPattern.test(host));
    if (p) return p;
  }
  return null;
}

/** The receiving provider, by authserv-id (or by the host that received). */
export function receiverProvider(...ids: (string | null | undefined)[]): ReceiverProvider | null {
  for (const id of ids) {
    if (!id) continue;
    const r = RECEIVERS.find((candidate) => candidate.authservId.test(id));
    if (r) return r;
  }
  return null;
}

/** The provider's name in a language, for display; the id itself when unknown. */
export function providerName(id: string, lang: 'ja' | 'en'): string {
  const p = PROVIDERS.find((x) => x.id === id) ?? RECEIVERS.find((x) => x.id === id);
  return p ? p.name[lang] : id;
}

/** The provider with this id, or null. */
export function providerById(id: string): Provider | null {
  return PROVIDERS.find((p) => p.id === id) ?? null;
}
