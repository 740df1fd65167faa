import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { signWebhook } from '@flc/core/webhooks/signing';
import { nodeRuntimes, toolPath } from '@flc/storage/testing';
import {
  bootVisitor,
  chatTenant,
  createWebhook,
  freePort,
  openConversation,
  restClient,
  visitorSays,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';
import { installAll, lineReader, linkReactTypes, packAll } from './testing/packages.ts';
import { run, tsc } from './testing/sdk-package.ts';

// @fast-light-chat/admin (with the SDK and the React hooks) as a user installs it: built, packed,
// installed offline from the tarballs into one fresh project, and the README's examples run
// against a real platform: the admin client lists the conversation a visitor opened and its
// message and replies (Node import and require, Bun), the webhook receiver verifies a delivery
// of the platform and refuses a tampered one (Node, Bun); the installed declarations typecheck.
// Each on Node 20 (the `node` on PATH) and Node 22 (`node22`, which .ci/run installs).
const suiteName = 'the npm packages smoke';
const nodes = nodeRuntimes(suiteName);
const npm = toolPath('npm', suiteName);
const work = mkdtempSync(join(tmpdir(), 'flc-packages-'));
let platform: Standalone;
let project: string;

describe.skipIf(nodes.length === 0 || !npm)(suiteName, () => {
  beforeAll(async () => {
    // Both tools were found, or the suite is skipped.
    project = await installAll(npm as string, await packAll(npm as string, work), work);
    platform = await startStandalone(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        FLC_DATA_DIR: join(work, 'data'),
        FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
        FLC_WEBHOOK_POLL_MS: '20',
      }),
    );
  }, 300_000);
  afterAll(async () => {
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const call = restClient(() => platform.url);

  const runtimes: [string, () => string[]][] = [
    ...nodes.flatMap(({ path, major }): [string, () => string[]][] => [
      [`Node ${major}, import`, () => [path, 'admin.mjs']],
      [`Node ${major}, require`, () => [path, 'admin.cjs']],
    ]),
    ['Bun, import', () => [process.execPath, 'admin.mjs']],
  ];
  for (const [name, command] of runtimes) {
    test(`${name}: the admin client lists the visitor's conversation and its message, and replies`, async () => {
      const tenant = await chatTenant(call, { name: 'Admin Package Co' });
      const visitor = await bootVisitor(call, tenant);
      const { id } = await openConversation(call, visitor);
      await visitorSays(call, visitor, id, 'Is my order on its way?');
      const env = {
        CHAT_URL: platform.url,
        API_KEY: tenant.key.key,
        API_SECRET: tenant.key.secret,
      };
      const { stdout } = await run(command(), project, env, 30_000);
      expect(stdout.trim().split('\n')).toEqual([
        '1 open conversation(s)',
        `${id} #1 visitor: Is my order on its way?`,
        'replied as bot, seq 2',
      ]);
    }, 60_000);
  }

  for (const [name, runtime] of [
    ...nodes.map(({ path, major }): [string, () => string] => [`Node ${major}`, () => path]),
    ['Bun', () => process.execPath] as [string, () => string],
  ]) {
    test(`${name}: the README's receiver verifies a delivery of the platform and refuses a tampered one`, async () => {
      const tenant = await chatTenant(call, { name: 'Webhook Package Co' });
      const port = freePort();
      const hook = await createWebhook(call, tenant, `http://127.0.0.1:${port}/hooks/chat`, [
        'message.created',
      ]);
      const receiver = Bun.spawn([runtime(), 'webhook.mjs'], {
        cwd: project,
        env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: hook.signingSecret },
        stdout: 'pipe',
        stderr: 'inherit',
      });
      const out = lineReader(receiver.stdout);
      try {
        await out.next(/^listening on /);
        const visitor = await bootVisitor(call, tenant);
        const { id } = await openConversation(call, visitor);
        const message = await visitorSays(call, visitor, id, 'Hello, webhook');
        expect(await out.next(/^verified /)).toMatch(/^verified message\.created [0-9a-f-]{36}$/);

        // A body changed after signing, with the signature of the original: refused.
        const timestamp = Math.floor(Date.now() / 1000);
        const original = JSON.stringify({ id: message.id, type: 'message.created' });
        const tampered = original.replace('message.created', 'message.deleted');
        const mark = out.lines.length;
        const res = await fetch(`http://127.0.0.1:${port}/hooks/chat`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-flc-timestamp': String(timestamp),
            'x-flc-signature': await signWebhook(hook.signingSecret, timestamp, original),
          },
          body: tampered,
        });
        expect(res.status).toBe(400);
        expect(await out.next(/^refused /, mark)).toContain('bad signature');
      } finally {
        receiver.kill();
        await receiver.exited;
      }
    }, 60_000);
  }

  test('the installed declarations of admin and react typecheck with moduleResolution node16 and bundler', async () => {
    linkReactTypes(project);
    const admin = `
const admin: AdminClient = createAdminClient({ baseUrl: 'https://chat.example.com', apiKey: 'k', apiSecret: 's' });
async function main(): Promise<void> {
  const page = await unwrap(admin.GET('/v1/conversations', { params: { query: { limit: 10 } } }));
  const first: string | undefined = page.items[0]?.id;
  const { error } = await admin.GET('/v1/conversations/{id}', { params: { path: { id: 'x' } } });
  const code: string | undefined = error?.error.code;
  const event = await verifyWebhook({ secret: 's', body: '{}', headers: { 'x-flc-signature': 'v1=00' } });
  console.log(first, code, event.type, event.id, AdminApiError.name);
  // @ts-expect-error: no such path
  await admin.GET('/v1/no-such-path');
}
main();
`;
    const react = `
export function useBadge(conversationId: string) {
  const unread: number = useUnread(conversationId);
  const typing = useTyping(conversationId);
  const messages = useMessages(conversationId);
  const { send, markRead, state } = useConversation(conversationId, { afterSeq: null });
  send('hi').ack.then((ack) => ack.seq.toFixed(0));
  markRead();
  return [unread, typing[0]?.type, messages[0]?.body, state === 'open', ChatProvider] as const;
}
export function useWrong() {
  // @ts-expect-error: afterSeq is a seq or null
  useConversation('c', { afterSeq: 'x' });
}
`;
    const imports = {
      admin:
        "import { AdminApiError, type AdminClient, createAdminClient, unwrap, verifyWebhook } from '@fast-light-chat/admin';",
      react:
        "import { ChatProvider, useConversation, useMessages, useTyping, useUnread } from '@fast-light-chat/react';",
    };
    const files: Record<string, string> = {
      'admin-check.mts': `${imports.admin}\n${admin}`,
      'admin-check.cts': `${imports.admin}\n${admin}`,
      'react-check.mts': `${imports.react}\n${react}`,
      'react-check.cts': `${imports.react}\n${react}`,
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text);
    const strict = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'es2022'];
    await tsc(project, [
      ...strict,
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      ...Object.keys(files),
    ]);
    // The React sample app, as a bundler project compiles it.
    const bundler = [
      ...strict,
      '--module',
      'preserve',
      '--moduleResolution',
      'bundler',
      '--jsx',
      'react-jsx',
    ];
    await tsc(project, [...bundler, 'admin-check.mts', 'react-check.mts', 'app.tsx']);
    // And a wrong call is caught: without the @ts-expect-error, the same file fails.
    const file = join(project, 'admin-check.mts');
    writeFileSync(file, files['admin-check.mts']?.replace('// @ts-expect-error', '//') ?? '');
    await expect(
      tsc(project, [
        ...strict,
        '--module',
        'node16',
        '--moduleResolution',
        'node16',
        'admin-check.mts',
      ]),
    ).rejects.toThrow(/admin-check\.mts\(12,\d+\): error TS/);
  }, 240_000);
});
