import { validation } from './errors.ts';

const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A `transform` hook for bodies with free-form objects (`t.Record`). Elysia normalizes a body
 * before it validates it, and normalizing turns a string or an array found where a record is
 * expected into an object of its characters or items, which then passes. Checked first, a wrong
 * type is the 422 it should be.
 */
export const requireObjectFields =
  (...fields: string[]) =>
  ({ body }: { body: unknown }) => {
    if (!isPlainObject(body)) return; // the schema reports it
    const wrong = fields.filter((f) => {
      const value = (body as Record<string, unknown>)[f];
      return value !== undefined && !isPlainObject(value);
    });
    if (wrong.length > 0) {
      throw validation(
        'The request is invalid',
        wrong.map((f) => ({ path: `body.${f}`, message: 'Expected an object' })),
      );
    }
  };

interface FieldSchema {
  type?: unknown;
  const?: unknown;
  anyOf?: FieldSchema[];
}

const holdsObject = (schema: FieldSchema): boolean =>
  schema.type === 'object' || (schema.anyOf ?? []).some(holdsObject);

/**
 * `requireObjectFields` for every field of `schema` that holds an object (a record, or a nested
 * object such as the widget settings or a visitor's profile), so that none is left out.
 */
export const requireObjectFieldsOf = (schema: { properties: Record<string, FieldSchema> }) =>
  requireObjectFields(
    ...Object.entries(schema.properties)
      .filter(([, field]) => holdsObject(field))
      .map(([name]) => name),
  );
