/**
 * A plain forward: the sending host took the message from another server and sent it on to the
 * receiver, for another recipient (an alias, a forwarding rule: `hanako@example.com` → a Gmail
 * address), without rewriting the envelope sender (no SRS) and without ARC. SPF at the receiver
 * then judges the forwarder against the author's record, which no change of the author's can fix.
 * Pure: reads the route only.
 */
import { organizationalDomain } from '../identity.js';
import type { RouteHop } from '../model.js';
import { isPrivateIp } from './ip.js';

/** The address of a `for` clause, lower-cased, without its angle brackets. */
function recipient(value: string | undefined): string | null {
  const m = /<?([^<>\s;]+@[^<>\s;]+)>?/.exec(value ?? '');
  return m?.[1] ? m[1].toLowerCase() : null;
}

function org(name: string | undefined | null): string | null {
  if (!name?.includes('.')) return null;
  return organizationalDomain(name.toLowerCase().replace(/\.$/, ''));
}

/**
 * The forwarding host's name when the route shows a plain forward, else null: the hop into the
 * sending host came, unauthenticated, from a public server of another organisation, for a
 * recipient other than the one the hop into the receiver was for.
 */
export function plainForwarder(
  hops: readonly RouteHop[],
  sending: RouteHop | null | undefined,
): string | null {
  if (!sending) return null;
  const forwarder = sending.rdns ?? sending.helo ?? sending.from ?? null;
  const forwarderOrg = org(forwarder);
  const finalRecipient = recipient(sending.for);
  if (!forwarderOrg || !finalRecipient) return null;
  // The message's way in: the newest older hop that the forwarder's organisation received from a
  // client outside it (its own steps, a virus-check loop or a local program, are passed over).
  const into = hops.find(
    (h) =>
      h.position > sending.position &&
      h.role !== 'local' &&
      org(h.by) === forwarderOrg &&
      org(h.rdns ?? h.helo ?? h.from) !== forwarderOrg &&
      !(h.ip && isPrivateIp(h.ip)),
  );
  if (!into || into.auth) return null; // none, or a submission: the forwarder's own user sent it
  const earlierRecipient = recipient(into.for);
  if (!earlierRecipient || earlierRecipient === finalRecipient) return null;
  return forwarder;
}
