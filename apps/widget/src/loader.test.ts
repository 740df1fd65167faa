import { expect, test } from 'bun:test';
import { type FLC, install } from './install.ts';
import { loaderScript, loaderSnippet } from './loader.ts';

/** Runs the loader against a window and document that record what it does. */
function runLoader(url: string) {
  const appended: { async?: boolean; src?: string }[] = [];
  const window: { FLC?: FLC } = {};
  const document = {
    createElement: (tag: string) => ({ tag }),
    head: { appendChild: (node: { async?: boolean; src?: string }) => appended.push(node) },
  };
  new Function('window', 'document', loaderScript(url))(window, document);
  return {
    window,
    appended,
    run: () => new Function('window', 'document', loaderScript(url))(window, document),
  };
}

test('the loader defines a stub that queues calls and adds widget.js as an async script', () => {
  const { window, appended, run } = runLoader('https://chat.example.com/widget.js');
  expect(appended).toEqual([
    { tag: 'script', async: true, src: 'https://chat.example.com/widget.js' } as never,
  ]);
  window.FLC?.('boot', { pluginKey: 'pk_1' });
  window.FLC?.('show');
  expect(window.FLC?.q?.map((call) => Array.from(call))).toEqual([
    ['boot', { pluginKey: 'pk_1' }],
    ['show'],
  ]);
  run(); // pasted twice: the first stub and its queue stay
  expect(appended).toHaveLength(1);
  expect(window.FLC?.q).toHaveLength(2);
});

test('widget.js replays the queue in order, then answers calls itself; a second copy stands down', () => {
  const { window } = runLoader('/widget.js');
  const handler = () => {};
  window.FLC?.('on', 'unread', handler);
  window.FLC?.('boot', { pluginKey: 'pk_1' });
  const seen: unknown[][] = [];
  expect(install(window, (command, args) => seen.push([command, ...args]))).toBe(true);
  expect(seen).toEqual([
    ['on', 'unread', handler],
    ['boot', { pluginKey: 'pk_1' }],
  ]);
  window.FLC?.('hide');
  expect(seen.at(-1)).toEqual(['hide']);
  expect(install(window, () => seen.push(['second copy']))).toBe(false);
  window.FLC?.('show');
  expect(seen.at(-1)).toEqual(['show']);
});

test('the snippet keeps whatever the options hold inside its script element', () => {
  const snippet = loaderSnippet('https://chat.example.com/widget.js', {
    pluginKey: '</script><script>alert(1)</script>',
  });
  expect(snippet.match(/<\/script>/g)).toHaveLength(1);
  expect(snippet).toContain('FLC(\'boot\',{"pluginKey":"\\u003c/script>');
  const script = snippet.replace(/^<script>\n/, '').replace(/<\/script>$/, '');
  const calls: unknown[][] = [];
  const window = { FLC: Object.assign((...args: unknown[]) => calls.push(args), { loaded: true }) };
  new Function('window', 'document', 'FLC', script)(window, {}, window.FLC);
  expect(calls).toEqual([['boot', { pluginKey: '</script><script>alert(1)</script>' }]]);
});
