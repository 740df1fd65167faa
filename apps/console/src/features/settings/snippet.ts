/**
 * The embed snippet a site pastes into its pages, byte for byte what the standalone's /demo page
 * shows (apps/widget/src/loader.ts makes that one; snippet.test.ts holds the two together): a stub
 * `window.FLC` that queues calls, widget.js loaded async, then `FLC('boot', {pluginKey})`.
 */
const LOADER =
  "(function(w,d,u){if(w.FLC)return;var f=w.FLC=function(){f.q.push(arguments)};f.q=[];var s=d.createElement('script');s.async=true;s.src=u;d.head.appendChild(s)})(window,document,%URL%);";

/** A JSON literal that is also safe inside an HTML `<script>` element. */
const scriptLiteral = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** widget.js on the server that serves this console. */
export const widgetScriptUrl = (origin: string) => `${origin.replace(/\/+$/, '')}/widget.js`;

export function embedSnippet(origin: string, pluginKey: string): string {
  const loader = LOADER.replace('%URL%', scriptLiteral(widgetScriptUrl(origin)));
  return `<script>\n${loader}\nFLC('boot',${scriptLiteral({ pluginKey })});\n</script>`;
}

/** The standalone's demo page with this key: the widget on a page, to try it. */
export const demoUrl = (origin: string, pluginKey: string) =>
  `${origin.replace(/\/+$/, '')}/demo?pluginKey=${encodeURIComponent(pluginKey)}`;

/** The link an invited agent opens to join. */
export const inviteUrl = (origin: string, token: string) =>
  `${origin.replace(/\/+$/, '')}/accept-invite?token=${encodeURIComponent(token)}`;
