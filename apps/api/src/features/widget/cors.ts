import { Elysia } from 'elysia';

const PREFIX = '/v1/widget/';

const preflight = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  // A page's own tracing may pass its request id or trace context on (see `requestIdFrom`).
  'access-control-allow-headers':
    'authorization, content-type, x-plugin-key, x-request-id, traceparent',
  'access-control-max-age': '600',
};

const pathOf = (url: string) => url.slice(url.indexOf('/', url.indexOf('//') + 2));

/**
 * The widget calls the API from the tenant's pages, another origin. `*` is safe here: widget
 * routes take no cookies, only headers a page has to set itself, and the server checks `Origin`
 * against the environment's `allowedOrigins` on its own. Set in `onRequest`, so error answers
 * carry it too and the widget can read them (a 401 means: boot again).
 */
export const widgetCors = new Elysia({ name: 'flc/widget-cors' }).onRequest(({ request, set }) => {
  if (!pathOf(request.url).startsWith(PREFIX)) return;
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflight });
  set.headers['access-control-allow-origin'] = '*';
  set.headers['access-control-expose-headers'] = 'retry-after, x-request-id';
});
