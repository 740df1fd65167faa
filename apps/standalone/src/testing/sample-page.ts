import { expect } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { boot, chatTenant, openConversation, type restClient, type Visitor } from '@flc/testkit';

/**
 * "Your server" of the packages' browser examples: `index` from `dir` at `/`, with what `data()`
 * gives spliced into its `<body>` (as the examples say a page passes the chat's address, session
 * and conversation), and the files under `dir` that `serves(path)` allows.
 */
export function serveSamplePage(
  dir: string,
  index: string,
  data: () => string,
  serves: (path: string) => boolean,
): ReturnType<typeof Bun.serve> {
  return Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(request) {
      const path = normalize(decodeURIComponent(new URL(request.url).pathname));
      if (path === '/') {
        const page = readFileSync(join(dir, index), 'utf8');
        return new Response(page.replace('<body>', `<body ${data()}>`), {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
      }
      if (path.includes('..') || !serves(path)) return new Response('not found', { status: 404 });
      const file = Bun.file(join(dir, path));
      return file.size > 0 ? new Response(file) : new Response('not found', { status: 404 });
    },
  });
}

/**
 * A tenant whose environment allows only the page's origin, a visitor booted as that page would
 * boot it, its new conversation, and the page's `<body>` attributes naming them.
 */
export async function visitorOfPage(
  call: ReturnType<typeof restClient>,
  platformUrl: string,
  origin: string,
  name: string,
) {
  const tenant = await chatTenant(call, { name, allowedOrigins: [origin] });
  const booted = await boot(call, tenant.env.pluginKey, {}, { origin });
  expect(booted.status).toBe(200);
  const visitor: Visitor = booted.body;
  const { id: conversationId } = await openConversation(call, visitor);
  const pageData = [
    `data-chat-url="${platformUrl}"`,
    `data-session-token="${visitor.sessionToken}"`,
    `data-conversation-id="${conversationId}"`,
  ].join(' ');
  return { tenant, visitor, conversationId, pageData };
}
