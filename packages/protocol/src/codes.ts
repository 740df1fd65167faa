// `@flc/protocol/codes`: plain values, no imports, so clients (the SDK, the widget) take them
// without TypeBox. Keep it that way (entries.test.ts checks).

/** `error.code` values of the realtime protocol. */
export const ErrorCode = {
  badFrame: 'bad_frame',
  tooLarge: 'too_large',
  forbidden: 'forbidden',
  notFound: 'not_found',
  rateLimited: 'rate_limited',
  planLimitReached: 'plan_limit_reached',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** WebSocket close codes and what a client should do on each. */
export const CloseCode = {
  /** Normal close: stop. */
  normal: 1000,
  /** Frame over the size limit: fix the client. */
  tooLarge: 1009,
  /** Node restarting: reconnect at once and resume. */
  restarting: 1012,
  /** Token expired or revoked: refresh it, reconnect. */
  unauthorized: 4001,
  /** A visitor's page origin is not allowed by the environment: stop. */
  forbidden: 4003,
  /** Rate limit or policy: back off, reconnect. */
  policy: 4008,
  /** Send buffer over its limit: reconnect, resume. */
  tooSlow: 4009,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const limits = {
  /** Largest frame a client may send, in bytes. */
  maxFrameBytes: 16 * 1024,
  /** Longest message body, in characters. */
  maxBodyChars: 4000,
  maxCidChars: 64,
  /** Most attachments one message may carry. */
  maxAttachmentsPerMessage: 10,
  /** Most ids in each list of an `inbox` filter. */
  maxInboxFilterIds: 50,
  /** Highest seq a conversation reaches (and a frame may name). */
  maxSeq: 2_147_483_647,
  heartbeatMs: 25_000,
} as const;

export const SUBPROTOCOL = 'flc.v1';
export const WS_PATH = '/v1/ws';
