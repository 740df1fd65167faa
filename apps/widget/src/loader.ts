/**
 * The loader: `window.FLC` as a stub that queues its calls in `FLC.q`, and widget.js added as an
 * async script, which replays the queue when it runs (see install.ts). `%URL%` is widget.js.
 */
export const LOADER =
  "(function(w,d,u){if(w.FLC)return;var f=w.FLC=function(){f.q.push(arguments)};f.q=[];var s=d.createElement('script');s.async=true;s.src=u;d.head.appendChild(s)})(window,document,%URL%);";

/** A JSON literal that is also safe inside an HTML `<script>` element. */
export const scriptLiteral = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The loader for widget.js at `scriptUrl`, as JavaScript. */
export const loaderScript = (scriptUrl: string): string =>
  LOADER.replace('%URL%', scriptLiteral(scriptUrl));

/** The snippet a site pastes into its pages: the loader, then `FLC('boot', options)`. */
export function loaderSnippet(scriptUrl: string, boot: Record<string, unknown>): string {
  return `<script>\n${loaderScript(scriptUrl)}\nFLC('boot',${scriptLiteral(boot)});\n</script>`;
}
