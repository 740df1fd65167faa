import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { platformVersion } from '@flc/config';
import { type FLC, install } from './install.ts';
import { loaderScript, loaderSnippet } from './loader.ts';
import { PINNED_WIDGET_PATTERN, pinnedWidgetPath, WIDGET_PATH } from './versions.ts';

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

test('the snippet stays under 1 KiB, also with the widget pinned to a version', () => {
  const boot = { pluginKey: `pk_${'0123456789abcdef'.repeat(2)}`, memberId: 'member-0001' };
  for (const url of [
    `https://chat.example.com${WIDGET_PATH}`,
    `https://chat.example.com${pinnedWidgetPath('10.20.30-rc.1')}`,
  ]) {
    const snippet = loaderSnippet(url, boot);
    expect(snippet).toContain(JSON.stringify(url));
    expect(new TextEncoder().encode(snippet).byteLength).toBeLessThan(1024);
  }
});

test('a pinned path names one release; the pattern knows it and nothing else', () => {
  expect(pinnedWidgetPath('0.1.0')).toBe('/widget/0.1.0.js');
  for (const path of ['/widget/0.1.0.js', '/widget/12.0.3-beta.2.js']) {
    expect(PINNED_WIDGET_PATTERN.test(path)).toBe(true);
  }
  for (const path of [
    '/widget.js',
    '/widget/latest.js',
    '/widget/0.1.js',
    '/widget/0.1.0.js.map',
  ]) {
    expect(PINNED_WIDGET_PATTERN.test(path)).toBe(false);
  }
});

test("the README's snippets are this loader, for /widget.js and for this release's pinned copy", async () => {
  const readme = await Bun.file(join(import.meta.dir, '..', '..', '..', 'README.md')).text();
  for (const path of [WIDGET_PATH, pinnedWidgetPath(platformVersion)]) {
    expect(readme).toContain(loaderScript(`https://chat.example.com${path}`));
  }
});
