import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPrivateHost } from '@flc/core';

const refusal = (what: string) =>
  `${what} is a loopback, private or link-local address; set FLC_WEBHOOK_ALLOW_PRIVATE to allow it`;

/**
 * The dispatcher's check before each attempt: the API refused private hosts when the webhook was
 * saved, but a name can resolve to anything, and change. A name with any private address is
 * refused (that attempt fails, and is retried like any other failure).
 */
export async function publicTarget(url: URL): Promise<string | null> {
  if (isPrivateHost(url.hostname)) return refusal(url.hostname);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return null;
  const addresses = await lookup(host, { all: true, verbatim: true });
  const inside = addresses.find((a) =>
    isPrivateHost(a.family === 6 ? `[${a.address}]` : a.address),
  );
  return inside ? refusal(`${url.hostname} resolves to ${inside.address}, which`) : null;
}
