import { isWellFormedText, malformedTextMessage } from '@flc/protocol/text';
import { Elysia } from 'elysia';
import { validation } from '../lib/errors.ts';

/** Deeper JSON than any request of the API needs is refused before anything walks it. */
const MAX_DEPTH = 32;

/** The path of the first text (value or key) that is not well formed, or of a too-deep value. */
function firstProblem(input: Record<string, unknown>): { path: string; message: string } | null {
  const stack: [value: unknown, path: string, depth: number][] = Object.entries(input).map(
    ([name, value]) => [value, name, 0],
  );
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) return { path, message: malformedTextMessage };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return { path, message: `Nested deeper than ${MAX_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      if (!isWellFormedText(key)) return { path, message: malformedTextMessage };
      stack.push([child, `${path}.${key}`, depth + 1]);
    }
  }
  return null;
}

/**
 * Every request's text is checked once, where it is parsed, before any route sees it: a NUL or
 * an unpaired surrogate anywhere in the body, the query or the path answers 422 instead of
 * failing in the database (and, for a message, after it was numbered).
 */
export const wellFormedInput = new Elysia({ name: 'flc/well-formed-input' }).onTransform(
  { as: 'global' },
  ({ body, query, params }) => {
    const problem = firstProblem({ body, query, params });
    if (problem) throw validation('The request is invalid', [problem]);
  },
);
