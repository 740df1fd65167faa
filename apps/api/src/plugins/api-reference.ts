import { dirname, join } from 'node:path';
import { Elysia } from 'elysia';
import { requestIdOf } from '../lib/request-context.ts';

/**
 * The OpenAPI reference at `/swagger`, served from this origin only: Swagger UI's files from the
 * `swagger-ui-dist` package (pinned), its set-up in a script of ours, no inline script and no
 * third-party host, under a policy that forbids both. The console shares this origin and keeps
 * its tokens in localStorage, so nothing on it may load code from elsewhere.
 */
export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets style attributes as it renders.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const dist = dirname(Bun.resolveSync('swagger-ui-dist/package.json', import.meta.dir));

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fast Light Chat API</title>
<link rel="stylesheet" href="/swagger/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/swagger/assets/swagger-ui-bundle.js"></script>
<script src="/swagger/assets/set-up.js"></script>
</body>
</html>
`;

const setUp = `window.ui = SwaggerUIBundle({ url: '/swagger/json', dom_id: '#swagger-ui' });\n`;

const headers = (type: string, cache: string) => ({
  'content-type': type,
  'cache-control': cache,
  'content-security-policy': API_REFERENCE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

const assets: Record<string, () => Response> = {
  'swagger-ui.css': () =>
    new Response(Bun.file(join(dist, 'swagger-ui.css')), {
      headers: headers('text/css; charset=utf-8', 'public, max-age=86400'),
    }),
  'swagger-ui-bundle.js': () =>
    new Response(Bun.file(join(dist, 'swagger-ui-bundle.js')), {
      headers: headers('text/javascript; charset=utf-8', 'public, max-age=86400'),
    }),
  'set-up.js': () =>
    new Response(setUp, { headers: headers('text/javascript; charset=utf-8', 'no-cache') }),
};

export const apiReference = new Elysia({ name: 'flc/api-reference' })
  .get(
    '/swagger',
    () => new Response(page, { headers: headers('text/html; charset=utf-8', 'no-cache') }),
    {
      detail: { hide: true },
    },
  )
  .get(
    '/swagger/assets/:file',
    ({ params, request, set }) => {
      const asset = assets[params.file];
      if (asset) return asset();
      set.status = 404;
      return {
        error: { code: 'not_found', message: 'No such file', requestId: requestIdOf(request) },
      };
    },
    { detail: { hide: true } },
  );
