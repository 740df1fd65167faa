import { expect, test } from 'bun:test';
// The loader the standalone's /demo page prints: the console must hand out the same bytes.
import { loaderSnippet } from '../../../../widget/src/loader.ts';
import { demoUrl, embedSnippet, inviteUrl, widgetScriptUrl } from './snippet.ts';

test('the embed snippet is exactly the one /demo embeds, for this origin and key', () => {
  const origin = 'https://chat.example.com';
  const snippet = embedSnippet(origin, 'pk_live_123');
  expect(snippet).toBe(
    loaderSnippet('https://chat.example.com/widget.js', { pluginKey: 'pk_live_123' }),
  );
  expect(snippet).toContain('"https://chat.example.com/widget.js"');
  expect(snippet).toContain(`FLC('boot',{"pluginKey":"pk_live_123"});`);
  expect(snippet.startsWith('<script>\n')).toBe(true);
  expect(snippet.endsWith('\n</script>')).toBe(true);
});

test('a trailing slash on the origin does not double the path', () => {
  expect(widgetScriptUrl('http://localhost:3000/')).toBe('http://localhost:3000/widget.js');
});

test('a hostile key cannot close the script element', () => {
  const key = '</script><script>alert(1)</script>';
  const snippet = embedSnippet('https://x.test', key);
  expect(snippet.match(/<\/script>/g)).toHaveLength(1);
  expect(snippet).toBe(loaderSnippet('https://x.test/widget.js', { pluginKey: key }));
});

test('demo and invitation links carry their token encoded', () => {
  expect(demoUrl('http://h:1', 'pk a&b')).toBe('http://h:1/demo?pluginKey=pk%20a%26b');
  expect(inviteUrl('http://h:1/', 'flc_inv_x+y')).toBe(
    'http://h:1/accept-invite?token=flc_inv_x%2By',
  );
});
