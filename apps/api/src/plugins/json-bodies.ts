import { Elysia } from 'elysia';
import { ApiError, badRequest } from '../lib/errors.ts';
import { rawBodyTypes } from '../lib/raw-bodies.ts';
import { isUpload } from '../lib/uploads.ts';

const unsupported = () =>
  new ApiError(415, 'unsupported_media_type', 'Send the body as application/json');

/**
 * Request bodies are JSON objects and nothing else (but attachment uploads, which are
 * `multipart/form-data`, and the raw-body routes, see lib/raw-bodies.ts): another content type is 415 (so a page on another site cannot post a
 * form to the API), and JSON that is not an object (an array, a
 * string), or that cannot be parsed, is refused before any route sees it.
 */
export const jsonBodies = new Elysia({ name: 'flc/json-bodies' }).onParse(
  { as: 'global' },
  async ({ request, contentType }) => {
    const type = contentType?.split(';')[0]?.trim().toLowerCase();
    // Uploads are forms; they need the Authorization header, which no other site's form sends.
    if (type === 'multipart/form-data' && isUpload(request)) return undefined;
    const raw = rawBodyTypes(request);
    if (raw) {
      if (type && !raw.includes(type)) {
        throw new ApiError(415, 'unsupported_media_type', `Send the body as ${raw.join(' or ')}`);
      }
      // The bytes as they came: an ArrayBuffer has no own fields for well-formed-input to walk.
      return await request.arrayBuffer();
    }
    if (type !== 'application/json') {
      // A body without a type is refused too, unless there is no body at all.
      if (type || (await request.clone().arrayBuffer()).byteLength > 0) throw unsupported();
      return undefined;
    }
    const text = await request.text();
    if (text.trim() === '') return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest('The request body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ApiError(422, 'validation', 'The request is invalid', [
        { path: 'body', message: 'Must be a JSON object' },
      ]);
    }
    return body;
  },
);
