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
      limit: t.Optional(
        t.Object(
          {
            name: t.String({ description: 'The limit of the plan (PlanLimits): `agents`, …' }),
            value: t.Integer({ description: 'What the plan allows' }),
          },
          { description: 'With 402 `plan_limit_reached`: the limit reached' },
        ),
      ),
      feature: t.Optional(
        t.String({
          description:
            'With 402 `plan_feature_unavailable`: the capability the plan switched off (PlanFeatures)',
        }),
      ),
      requestId: t.String({
        description:
          "The request's id, as in the `X-Request-Id` answer header: quote it when reporting a problem",
      }),
    }),
  },
  { description: 'Every error has this shape' },
);

/**
 * ErrorResponse where a route describes its answers by hand (`detail.responses`): the same
 * schema, typed loosely because OpenAPI 3.0's types read TypeBox's numeric `exclusiveMaximum`
 * (of the error's integer `limit.value`) as 3.0's boolean one.
 */
export const errorSchema = ErrorResponse as unknown as { type: 'object' };

export const IdParams = t.Object({ id: Id });

/** A label put on, or taken off, a conversation or a contact (`:id`). */
export const LabelTargetParams = t.Object({ id: Id, labelId: Id });

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

/** One message of a conversation, by its seq. */
export const MessageParams = t.Object({
  id: Id,
  seq: t.Integer({ minimum: 1, maximum: MAX_SEQ, description: "The message's seq" }),
});

/** The query of a conversation's changes (edits and deletes) after a rev. */
export const ChangesQuery = t.Object({
  afterRev: t.Optional(
    t.Integer({
      minimum: 0,
      maximum: MAX_SEQ,
      description: 'Only changes after this rev (default 0: every change)',
    }),
  ),
});

/**
 * The error answers a route gives on its own (403, 404, 409, a cursor's 400, ...), for the
 * OpenAPI document: `response: { 200: Agent, ...errors(403, 404) }`. Those of the request-level
 * plugins (bad JSON, content type, auth, text checks, size, API key rate) are added to every
 * operation they apply to by plugins/api-document.ts, so routes do not repeat them.
 */
export function errors<const Codes extends readonly number[]>(
  ...codes: Codes
): Record<Codes[number], typeof ErrorResponse> {
  return Object.fromEntries(codes.map((code) => [code, ErrorResponse])) as Record<
    Codes[number],
    typeof ErrorResponse
  >;
}

/** An error answer in the document, where the success answer is described by hand. */
export const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});
