import { Elysia } from 'elysia';
import { ErrorResponse } from '../lib/models.ts';
import { isUploadOperation } from '../lib/uploads.ts';

/** The registered routes, as Elysia lists them (`app.routes`). */
export interface RouteEntry {
  method: string;
  path: string;
  hooks?: { body?: unknown };
}

type Schema = Record<string, unknown>;
interface Media {
  schema?: Schema;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, Media>;
}
interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const errorSchema = JSON.parse(JSON.stringify(ErrorResponse)) as Schema;

/**
 * A schema as OpenAPI 3.0 reads it (the document says 3.0.3): TypeBox writes JSON Schema, whose
 * `const`, `patternProperties` and `type: 'null'` a 3.0 reader ignores or refuses, so that
 * `role: "§"` would pass for the role. They become `enum`, `additionalProperties` and
 * `nullable`; an `anyOf` of one type's values becomes one `enum`.
 */
export function toOpenApi30(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOpenApi30);
  if (typeof value !== 'object' || value === null) return value;
  let schema: Schema = Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, toOpenApi30(child)]),
  );
  if ('const' in schema) {
    const { const: only, ...rest } = schema;
    schema = { ...rest, enum: [only] };
  }
  const patterns = schema.patternProperties as Record<string, unknown> | undefined;
  if (patterns && Object.keys(patterns).length === 1 && '^(.*)$' in patterns) {
    const { patternProperties: _, ...rest } = schema;
    schema = { ...rest, additionalProperties: patterns['^(.*)$'] };
  }
  if (Array.isArray(schema.anyOf)) schema = simplifyAnyOf(schema);
  return schema;
}

function simplifyAnyOf(schema: Schema): Schema {
  const { anyOf, ...rest } = schema as Schema & { anyOf: Schema[] };
  const options = anyOf.filter((option) => option.type !== 'null');
  if (options.length < anyOf.length) rest.nullable = true;
  const type = options[0]?.type;
  const values = options.every(
    (o) => o.type === type && Array.isArray(o.enum) && Object.keys(o).length === 2,
  );
  if (values && options.length > 0) {
    // A 3.0 enum limits even a nullable value: null is listed where it is allowed.
    const allowed = options.flatMap((o) => o.enum as unknown[]);
    return { ...rest, type, enum: rest.nullable ? [...allowed, null] : allowed };
  }
  if (options.length === 1) return { ...options[0], ...rest };
  return { ...rest, anyOf: options };
}

/** What each status of the request-level plugins means, as the document says it. */
const pluginErrors: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'Missing, invalid or expired credentials',
  403: "`organization_suspended`: the credential's organization is suspended by the platform's operators",
  413: 'The declared body is larger than FLC_MAX_BODY_BYTES',
  415: 'A body sent as anything but application/json',
  422: 'The request is invalid: its schema, or text holding NUL or unpaired surrogates',
  429: 'The rate limit of the API key or visitor is spent; retry after `Retry-After` seconds',
};

/**
 * The statuses the request-level plugins can answer on an operation, whatever its route does:
 * 413 (operations: a declared length over the limit, before routing) and 422 (well-formed-input
 * checks the query and path of every route) everywhere; 400 and 415 (json-bodies) wherever a body
 * is parsed, which is every method but GET and HEAD (only 415 where the body is raw, not JSON); 401 on every operation that takes
 * credentials, 403 on those a tenant's credential opens (its organization suspended), and 429 on
 * those an API key or a visitor's session reaches (their rate limits).
 */
export function pluginStatuses(method: string, op: Operation): number[] {
  const statuses = [413, 422];
  // A body that is not JSON (a raw mail, a form) is never refused as bad JSON.
  const types = Object.keys(op.requestBody?.content ?? {});
  const raw =
    types.length > 0 && !types.some((t) => t === 'application/json' || t === 'multipart/form-data');
  if (method !== 'get' && method !== 'head') statuses.push(...(raw ? [415] : [400, 415]));
  if (op.security && op.security.length > 0) statuses.push(401);
  // Every tenant credential is refused while its organization is suspended; an operator's is not.
  const tenants = (requirement: Record<string, string[]>) =>
    ['bearer', 'apiKey', 'visitorSession', 'pluginKey'].some((scheme) => scheme in requirement);
  if (op.security?.some(tenants)) statuses.push(403);
  const limited = (requirement: Record<string, string[]>) =>
    'apiKey' in requirement || 'visitorSession' in requirement;
  if (op.security?.some(limited)) statuses.push(429);
  return statuses;
}

/**
 * Bun's HTTP server answers 431, without a body, to a request whose request line (a long query)
 * or headers pass its limit (16 KiB), before any route sees it: on every operation.
 */
const HEADERS_TOO_LARGE =
  'The request line or headers are larger than the server takes (answered without a body)';

const optional = Symbol.for('TypeBox.Optional');
const toOpenApiPath = (path: string) => path.replace(/:(\w+)\??/g, '{$1}');

/**
 * Completes the document Elysia's swagger plugin derives from the routes, so that it says what
 * the API answers: the plugin-level errors on every operation they apply to, with the error
 * schema; JSON as the only body and answer type (json-bodies refuses the others with 415, and
 * the routes answer JSON), except where a route declares its own content and for attachment
 * uploads (a form); the HTTP server's 431
 * for an oversized request line or headers; a description on every
 * answer; and a body that may be left out where the route's body schema is optional.
 */
export function completeDocument(
  document: OpenApiDocument,
  routes: readonly RouteEntry[],
): OpenApiDocument {
  const completed = toOpenApi30(document) as OpenApiDocument;
  const optionalBodies = new Set(
    routes
      .filter((route) => (route.hooks?.body as Record<symbol, unknown>)?.[optional] === 'Optional')
      .map((route) => `${route.method.toLowerCase()} ${toOpenApiPath(route.path)}`),
  );
  for (const [path, operations] of Object.entries(completed.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (op.requestBody?.content) {
        op.requestBody.content = isUploadOperation(method, path)
          ? formOnly(op.requestBody.content)
          : jsonOnly(op.requestBody.content);
        if (optionalBodies.has(`${method} ${path}`)) op.requestBody.required = false;
      }
      const responses: Record<string, ResponseObject> = op.responses ?? {};
      for (const [status, response] of Object.entries(responses)) {
        if (response.content) response.content = jsonOnly(response.content);
        response.description ??= Number(status) < 400 ? 'Success' : 'Error';
      }
      for (const status of pluginStatuses(method, op)) {
        responses[status] ??= {
          description: pluginErrors[status] ?? 'Error',
          content: { 'application/json': { schema: toOpenApi30(errorSchema) as Schema } },
        };
      }
      responses[431] ??= { description: HEADERS_TOO_LARGE };
      op.responses = sortedByStatus(responses);
    }
  }
  return completed;
}

/** An upload takes one file as a form. */
function formOnly(content: Record<string, Media>): Record<string, Media> {
  const form = content['multipart/form-data'];
  return form ? { 'multipart/form-data': form } : content;
}

/** Elysia lists every body type it can parse; the API takes and answers JSON. */
function jsonOnly(content: Record<string, Media>): Record<string, Media> {
  const json = content['application/json'];
  return json ? { 'application/json': json } : content;
}

function sortedByStatus<T>(responses: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Serves the completed document at `specPath`: registered before the swagger plugin, so that its
 * hook wraps the plugin's route. `routes` reads the app's routes when the document is asked for.
 */
export const apiDocument = (specPath: string, routes: () => readonly RouteEntry[]) =>
  new Elysia({ name: 'flc/api-document' }).onAfterHandle({ as: 'global' }, ({ path, response }) => {
    if (path !== specPath || !response || typeof response !== 'object') return;
    if (!('paths' in response)) return;
    return completeDocument(response as OpenApiDocument, routes());
  });
