import { Id } from '@flc/protocol/resources';
import { t } from 'elysia';

/**
 * Shared shapes of the API: one definition each, referenced by every route. Those of resources
 * (ids, timestamps, roles, pages) are @flc/protocol's, which clients read too.
 */
export { Id, page, Role, Timestamp } from '@flc/protocol/resources';

export const ErrorResponse = t.Object(
  {
    error: t.Object({
      code: t.String(),
      message: t.String(),
      details: t.Optional(t.Array(t.Object({ path: t.String(), message: t.String() }))),
    }),
  },
  { description: 'Every error has this shape' },
);

export const IdParams = t.Object({ id: Id });

export const ListQuery = t.Object({
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: t.Optional(t.String({ maxLength: 200 })),
});

/** The query of a page of a conversation's messages (the inbox's and the widget's). */
/** Seqs are PostgreSQL integers: a larger one names no message (and must not reach a query). */
const MAX_SEQ = 2_147_483_647;

export const MessagesQuery = t.Object({
  afterSeq: t.Optional(
    t.Integer({ minimum: 0, maximum: MAX_SEQ, description: 'Only messages with a greater seq' }),
  ),
  beforeSeq: t.Optional(
    t.Integer({
      minimum: 1,
      maximum: MAX_SEQ,
      description: 'The newest messages with a smaller seq',
    }),
  ),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const authErrors = {
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
} as const;
