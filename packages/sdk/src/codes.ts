// From @flc/protocol's runtime-free `./codes` entry, so no TypeBox reaches the SDK's bundle.
import { CloseCode, limits } from '@flc/protocol/codes';

export { SUBPROTOCOL, WS_PATH } from '@flc/protocol/codes';

/** The close codes of docs/PROTOCOL.md, and the one this client closes with itself. */
export const Close = {
  ...CloseCode,
  /** Sent by this client when it drops a socket to reconnect (heartbeat, timeout, offline). */
  abandon: 4000,
} as const;

export const MAX_BODY_CHARS = limits.maxBodyChars;
