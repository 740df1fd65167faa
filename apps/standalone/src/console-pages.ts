import { CONSOLE_CSP, CONSOLE_ROUTES, type ConsoleBuild, loadConsole } from '@flc/console/bundle';
import { type Pages, staticResponse } from './static-response.ts';

/**
 * The agent console at `/`: its built files (content-hashed assets cached for a year) and
 * index.html for every route the console handles itself (`/inbox/...`, `/settings/...`, ...).
 */
export async function consolePages(build?: ConsoleBuild): Promise<Pages> {
  const { files } = build ?? (await loadConsole());
  const index = files.get('/index.html');
  if (!index) throw new Error('The console build has no index.html');
  const isRoute = (path: string) =>
    path === '/' || CONSOLE_ROUTES.some((r) => path === r || path.startsWith(`${r}/`));
  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const { pathname } = new URL(request.url);
    if (isRoute(pathname)) {
      // Always revalidated: it names the current assets.
      return withPageHeaders(staticResponse(request, index, 'no-cache'));
    }
    const file = pathname === '/index.html' ? undefined : files.get(pathname);
    if (!file) return undefined;
    return staticResponse(
      request,
      file,
      file.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
  };
}

function withPageHeaders(response: Response): Response {
  response.headers.set('content-security-policy', CONSOLE_CSP);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('referrer-policy', 'same-origin');
  return response;
}
