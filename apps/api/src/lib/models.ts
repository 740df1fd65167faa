import { t } from 'elysia';

/** Shared shapes of the API: one definition each, referenced by every route. */
export const Id = t.String({ format: 'uuid', description: 'UUIDv7' });
export const Timestamp = t.String({ format: 'date-time', description: 'ISO-8601 UTC' });
export const Role = t.Union([t.Literal('owner'), t.Literal('admin'), t.Literal('agent')]);
export type Role = typeof Role.static;

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

export const page = <T extends Parameters<typeof t.Array>[0]>(item: T) =>
  t.Object({ items: t.Array(item), nextCursor: t.Union([t.String(), t.Null()]) });

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const authErrors = {
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
} as const;
