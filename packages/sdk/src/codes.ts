// The close codes of docs/PROTOCOL.md, kept here so no runtime is imported from @flc/protocol
// (codes.test.ts holds them to the protocol's).
export const Close = {
  normal: 1000,
  tooLarge: 1009,
  restarting: 1012,
  unauthorized: 4001,
  policy: 4008,
  tooSlow: 4009,
  /** Sent by this client when it drops a socket to reconnect (heartbeat, timeout, offline). */
  abandon: 4000,
} as const;

export const SUBPROTOCOL = 'flc.v1';
export const WS_PATH = '/v1/ws';
export const MAX_BODY_CHARS = 4000;
