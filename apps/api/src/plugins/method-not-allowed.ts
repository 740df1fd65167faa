import { Elysia } from 'elysia';
import { ApiError } from '../lib/errors.ts';
import { errorResponse } from './errors.ts';

interface RouteEntry {
  method: string;
  path: string;
}

/** Turns a route path (`/v1/agents/:id`) into a pattern for request paths. */
function pattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return segment.endsWith('?') ? '[^/]*' : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The methods each request path allows, computed once from the routes: the registered ones, HEAD
 * with GET (Bun answers it from the GET route), and OPTIONS, which tells them. `null` for a path
 * no route matches.
 */
export function allowedMethods(routes: readonly RouteEntry[]): (path: string) => string | null {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of routes) {
    const methods = byPath.get(path) ?? new Set<string>();
    methods.add(method.toUpperCase());
    byPath.set(path, methods);
  }
  const table = [...byPath].map(([path, methods]) => ({ test: pattern(path), methods }));
  return (path) => {
    const allowed = new Set<string>();
    for (const { test, methods } of table) {
      if (test.test(path)) for (const method of methods) allowed.add(method);
    }
    if (allowed.size === 0) return null;
    if (allowed.has('GET')) allowed.add('HEAD');
    allowed.add('OPTIONS');
    return [...allowed].sort().join(', ');
  };
}

/**
 * A request to a path the API serves with a method it does not serve there answers 405
 * `method_not_allowed` with `Allow`, and OPTIONS answers 204 with `Allow`, where Elysia alone would
 * say 404 for both. Registered before the error handler, whose 404 it replaces; `routes` is read
 * on the first miss, once every route is registered.
 */
export const methodNotAllowed = (routes: () => readonly RouteEntry[]) => {
  let allow: ((path: string) => string | null) | undefined;
  return new Elysia({ name: 'flc/method-not-allowed' }).onError(
    { as: 'global' },
    ({ code, request, set }) => {
      if (code !== 'NOT_FOUND') return;
      allow ??= allowedMethods(routes());
      const methods = allow(new URL(request.url).pathname);
      if (!methods) return;
      if (request.method === 'OPTIONS') {
        set.status = 204;
        return new Response(null, { status: 204, headers: { allow: methods } });
      }
      const refusal = new ApiError(
        405,
        'method_not_allowed',
        `${request.method} is not allowed here; allowed: ${methods}`,
        undefined,
        { allow: methods },
      );
      set.status = 405;
      return errorResponse(request, refusal);
    },
  );
};
