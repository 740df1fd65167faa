import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { CONSOLE_CSP, CONSOLE_ROUTES } from './bundle.ts';

// The scaled profile serves the console from nginx (infra/nginx.conf) instead of the standalone
// process: both must answer the same paths with the console's index.html.
const repo = join(import.meta.dir, '..', '..', '..');
const nginx = await Bun.file(join(repo, 'infra', 'nginx.conf')).text();
const pageLocation = /location ~ (\^\/\(\?:\|\(\?:([a-z|-]+)\)\(\?:\/\.\*\)\?\)\$) \{/.exec(nginx);

describe('the scaled proxy serves the console', () => {
  test('its page location lists exactly the console routes', () => {
    expect(pageLocation).not.toBeNull();
    const names = (pageLocation?.[2] ?? '').split('|').map((name) => `/${name}`);
    expect(names.sort()).toEqual([...CONSOLE_ROUTES].sort());
  });

  test('console paths get index.html; the API, the socket and the widget do not', () => {
    const pages = new RegExp(pageLocation?.[1] ?? '$^');
    for (const path of ['/', '/login', '/inbox', '/inbox/0190f000', '/settings/agents']) {
      expect(pages.test(path)).toBe(true);
    }
    for (const path of ['/v1/me', '/v1/ws', '/widget.js', '/swagger', '/inboxes', '/health']) {
      expect(pages.test(path)).toBe(false);
    }
  });

  test("its pages carry the console's content security policy", () => {
    expect(nginx).toContain(`add_header Content-Security-Policy "${CONSOLE_CSP}";`);
  });

  test('the image copies what the builds write', async () => {
    const dockerfile = await Bun.file(join(repo, 'infra', 'proxy.Dockerfile')).text();
    expect(dockerfile).toContain('/app/apps/console/dist/ /usr/share/nginx/html/console/');
    expect(dockerfile).toContain('/app/apps/widget/dist/widget.js /usr/share/nginx/html/widget/');
    expect(nginx).toContain('try_files /console/index.html =404;');
    expect(nginx).toContain('try_files /widget/widget.js =404;');
  });
});
