import { platformVersion } from '@flc/config';
import {
  buildWidget,
  loaderSnippet,
  PINNED_WIDGET_CACHE_CONTROL,
  PINNED_WIDGET_PATTERN,
  pinnedWidgetPath,
  WIDGET_CACHE_CONTROL,
  WIDGET_PATH,
  type WidgetBundle,
} from '@flc/widget/bundle';
import { consolePages } from './console-pages.ts';
import { type Pages, staticResponse } from './static-response.ts';

export type { Pages } from './static-response.ts';

/** Every page of the standalone profile: the agent console, the widget and its demo page. */
export async function platformPages(): Promise<Pages> {
  const [widget, console] = await Promise.all([widgetPages(), consolePages()]);
  return (request) => widget(request) ?? console(request);
}

/**
 * `GET /widget.js` and `GET /widget/<version>.js` (this release's, pinned: the same bytes, kept
 * for a year; another version is 404), built once at start-up, kept in memory, gzipped when the
 * client accepts it, revalidated by its content-hash ETag; and `GET /demo?pluginKey=` (a page
 * embedding it).
 */
export async function widgetPages(version = platformVersion): Promise<Pages> {
  const widget = await buildWidget();
  const pinned = pinnedWidgetPath(version);
  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const url = new URL(request.url);
    // Sites load the same URL on every page: a short freshness, then a cheap revalidation.
    if (url.pathname === WIDGET_PATH) return widgetScript(widget, request, WIDGET_CACHE_CONTROL);
    if (url.pathname === pinned) return widgetScript(widget, request, PINNED_WIDGET_CACHE_CONTROL);
    if (PINNED_WIDGET_PATTERN.test(url.pathname)) return unknownVersion();
    if (url.pathname === '/demo') return demoPage(url);
    return undefined;
  };
}

function widgetScript(widget: WidgetBundle, request: Request, cacheControl: string): Response {
  return staticResponse(
    request,
    { ...widget, body: widget.code, type: 'text/javascript; charset=utf-8' },
    cacheControl,
  );
}

/** A release this platform does not serve (older, or not out yet): not cached, so it can come. */
const unknownVersion = () =>
  new Response('This widget version is not served here.\n', {
    status: 404,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * The demo page may run the widget and its own loader snippet (allowed by its hash) and nothing
 * else, and may not be framed.
 */
function demoPolicy(inlineScripts: string[]): string {
  const hashes = inlineScripts.map(
    (script) => `'sha256-${new Bun.CryptoHasher('sha256').update(script).digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    // The widget styles its shadow DOM from its script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function demoPage(url: URL): Response {
  const pluginKey = url.searchParams.get('pluginKey')?.trim();
  const body = pluginKey ? demoBody(url, pluginKey) : keyForm();
  const inline = [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fast Light Chat — widget demo</title>
<style>
body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1f2937;background:#f3f4f6}
main{max-width:720px;margin:0 auto;padding:48px 24px}
h1{font-size:28px;margin:0 0 8px}
code,pre{font:13px/1.5 ui-monospace,monospace;background:#e5e7eb;border-radius:6px}
code{padding:1px 5px}
pre{padding:12px;overflow-x:auto}
label{display:block;margin:16px 0 6px;font-weight:600}
input{width:100%;max-width:420px;padding:8px 10px;font:inherit;border:1px solid #9ca3af;border-radius:8px}
button{margin-top:12px;padding:8px 16px;font:inherit;border:0;border-radius:8px;background:#2563eb;color:#fff}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': demoPolicy(inline),
      'x-frame-options': 'DENY',
    },
  });
}

/** The page a tenant's site would be: text, and the loader snippet with this plugin key. */
function demoBody(url: URL, pluginKey: string): string {
  const boot: Record<string, string> = { pluginKey };
  // Optional, to try identity verification: /demo?pluginKey=…&memberId=…&memberHash=…
  for (const name of ['memberId', 'memberHash'] as const) {
    const value = url.searchParams.get(name);
    if (value) boot[name] = value;
  }
  const snippet = loaderSnippet(`${url.origin}/widget.js`, boot);
  return `<h1>Widget demo</h1>
<p>This page stands for your website. The chat button in the corner is the Fast Light Chat widget,
embedded with the snippet below; messages sent here reach the agents of the environment whose
plugin key is <code>${escapeHtml(pluginKey)}</code>.</p>
<pre tabindex="0" aria-label="The embed snippet">${escapeHtml(snippet)}</pre>
<p><a href="/demo">Use another plugin key</a></p>
${snippet}`;
}

function keyForm(): string {
  return `<h1>Widget demo</h1>
<p>Enter the plugin key of one of your environments (<code>GET /v1/environments</code> shows it)
to open a page with the chat widget on it.</p>
<form method="get" action="/demo">
<label for="pluginKey">Plugin key</label>
<input id="pluginKey" name="pluginKey" required autocomplete="off" spellcheck="false">
<button type="submit">Open the demo</button>
</form>`;
}
