import { type Static, Type as T, type TSchema } from '@sinclair/typebox';

// Shapes every REST resource shares. The REST API validates with Elysia, which registers the
// `uuid`, `email` and `date-time` formats these use.

export const Id = T.String({ format: 'uuid', description: 'UUIDv7' });
export const Timestamp = T.String({ format: 'date-time', description: 'ISO-8601 UTC' });

/** `schema` or null; `nullable` marks it so for OpenAPI 3.0 readers (as Elysia's `t.Nullable`). */
export const Nullable = <S extends TSchema>(schema: S, options: object = {}) =>
  T.Union([schema, T.Null()], { ...options, nullable: true });

export const Role = T.Union([T.Literal('owner'), T.Literal('admin'), T.Literal('agent')]);
export type Role = Static<typeof Role>;

/** A page of a list: `nextCursor` asks for the next one; null at the end. */
export const page = <S extends TSchema>(item: S) =>
  T.Object({ items: T.Array(item), nextCursor: T.Union([T.String(), T.Null()]) });

/** The static type of `page(item)`, for clients that hold the item's type but not its schema. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}
