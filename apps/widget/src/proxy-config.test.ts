import { expect, test } from 'bun:test';
import { join } from 'node:path';
import {
  PINNED_WIDGET_CACHE_CONTROL,
  PINNED_WIDGET_PATTERN,
  WIDGET_CACHE_CONTROL,
} from './versions.ts';

// The scaled profile serves widget.js from nginx (infra/nginx.conf, files built into
// infra/proxy.Dockerfile) instead of the standalone process: the same paths, the same caching.
const repo = join(import.meta.dir, '..', '..', '..');
const nginx = await Bun.file(join(repo, 'infra', 'nginx.conf')).text();
const dockerfile = await Bun.file(join(repo, 'infra', 'proxy.Dockerfile')).text();

/** The block of the location whose line starts with `head`. */
const location = (head: string) => {
  const at = nginx.indexOf(`location ${head}`);
  return at < 0 ? '' : nginx.slice(at, nginx.indexOf('}', at) + 1);
};

test('/widget.js: the latest widget, fresh for five minutes', () => {
  const block = location('= /widget.js {');
  expect(block).toContain(`add_header Cache-Control "${WIDGET_CACHE_CONTROL}";`);
  expect(block).toContain('try_files /widget/widget.js =404;');
});

test('/widget/<version>.js: the same paths as the standalone, immutable, 404 otherwise', () => {
  const head =
    /location ~ (\S+) \{\n\s+add_header Cache-Control "([^"]+)";\n\s+try_files \$uri @unknown_widget;/.exec(
      nginx,
    );
  expect(head?.[2]).toBe(PINNED_WIDGET_CACHE_CONTROL);
  const pattern = new RegExp(head?.[1] ?? '$^');
  const paths = [
    '/widget/0.1.0.js',
    '/widget/3.2.1-rc.1.js',
    '/widget.js',
    '/widget/x.js',
    '/widget/0.1.0.js.map',
  ];
  expect(paths.map((p) => pattern.test(p))).toEqual(
    paths.map((p) => PINNED_WIDGET_PATTERN.test(p)),
  );
  expect(location('@unknown_widget {')).toContain('add_header Cache-Control "no-store" always;');
  expect(location('@unknown_widget {')).toContain('return 404;');
});

test('the image holds the release it pins: the build writes dist/widget/<version>.js', () => {
  expect(dockerfile).toContain(
    'COPY --from=build /app/apps/widget/dist/widget/ /usr/share/nginx/html/widget/',
  );
});
