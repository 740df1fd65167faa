import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import {
  bearer,
  bootVisitor,
  chatTenant,
  createWebhook,
  eventually,
  openConversation,
  restClient,
  type Started,
  startProcess,
  TestClient,
} from '@flc/testkit';

type Line = Record<string, unknown>;

/** The JSON lines of a process's output (anything else it printed is skipped). */
const linesOf = (output: string): Line[] =>
  output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Line];
    } catch {
      return [];
    }
  });

/**
 * What `bun start` logs at FLC_LOG_LEVEL=debug while a tenant signs up, logs in, makes an API
 * key, boots the widget and sends by REST and by socket, with a webhook taking every message:
 * no password, token, secret or message body among it, and one request id from the REST send's
 * access line through its append (with Redis, the persister's batch) to the webhook attempt and
 * the `X-FLC-Request-Id` the receiver gets. The socket's sends carry its sessionId the same way.
 */
export function describeLoggedSession(
  name: string,
  env: () => Promise<Record<string, string>>,
  options: { persister: boolean; cleanup: () => Promise<void> },
): void {
  describe(`logs of the standalone process ${name}`, () => {
    let standalone: Started;
    const received: { requestId: string | null; body: string }[] = [];
    let receiver: ReturnType<typeof Bun.serve> | undefined;
    beforeAll(async () => {
      receiver = Bun.serve({
        port: 0,
        hostname: '127.0.0.1',
        async fetch(request) {
          received.push({
            requestId: request.headers.get('x-flc-request-id'),
            body: await request.text(),
          });
          return new Response(null, { status: 204 });
        },
      });
      standalone = await startProcess(
        ['bun', join(import.meta.dir, '..', 'main.ts')],
        {
          ...(await env()),
          PORT: '0',
          HOST: '127.0.0.1',
          FLC_LOG_LEVEL: 'debug',
          FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
          FLC_WEBHOOK_POLL_MS: '50',
        },
        /running at (http:\/\/[\d.:]+)/,
        60_000,
      );
    }, 90_000);
    afterAll(async () => {
      if (standalone?.proc.exitCode === null) await standalone.stop('SIGKILL');
      await receiver?.stop(true);
      await options.cleanup();
    }, 30_000);

    test('carry one request id from the request to the webhook, and no secret nor body', async () => {
      const origin = standalone.match[1] ?? '';
      const rest = restClient(() => origin);
      const tenant = await chatTenant(rest, { name: 'Logged Co' });
      const { owner } = tenant;
      const login = await rest('POST', '/v1/auth/login', {
        email: owner.email,
        password: owner.password,
      });
      expect(login.status).toBe(200);
      const hook = await createWebhook(rest, tenant, `http://127.0.0.1:${receiver?.port}/hook`, [
        'message.created',
      ]);
      expect((await rest('GET', '/v1/conversations', undefined, tenant.keyHeaders)).status).toBe(
        200,
      );
      const visitor = await bootVisitor(rest, tenant);
      const conversation = await openConversation(rest, visitor);

      const restBody = `rest body ${crypto.randomUUID()}`;
      const requestId = `logs-${crypto.randomUUID()}`;
      const sent = await rest(
        'POST',
        `/v1/widget/conversations/${conversation.id}/messages`,
        { body: restBody },
        { ...bearer(visitor.sessionToken), 'x-request-id': requestId },
      );
      expect(sent.status).toBe(201);
      expect(sent.headers.get('x-request-id')).toBe(requestId);

      const socketBody = `socket body ${crypto.randomUUID()}`;
      const socket = await TestClient.connect(
        `${origin.replace('http', 'ws')}/v1/ws?token=${visitor.sessionToken}`,
      );
      const { sessionId } = await socket.next('ready');
      socket.send({
        t: 'send',
        cid: crypto.randomUUID(),
        conversationId: conversation.id,
        body: socketBody,
      });
      await socket.next('ack');
      socket.close();

      // The webhook gets both messages, each with the id of what sent it.
      await eventually('both deliveries', () => received.length >= 2, 20_000);
      expect(received.map((r) => r.requestId).sort()).toEqual([requestId, sessionId].sort());
      const lines = () => linesOf(standalone.output());
      const about = (id: string, msg: string) =>
        lines().filter((l) => l.msg === msg && l.requestId === id);
      await eventually(
        'the socket close and the attempts logged',
        () =>
          about(sessionId, 'socket closed').length === 1 &&
          about(requestId, 'webhook attempt').length === 1 &&
          about(sessionId, 'webhook attempt').length === 1,
      );
      if (options.persister) {
        const batched = (id: string) =>
          lines().some(
            (l) => l.msg === 'persisted a batch' && (l.requestIds as string[]).includes(id),
          );
        await eventually(
          'the persister batches logged',
          () => batched(requestId) && batched(sessionId),
        );
      }
      expect(about(requestId, 'request')).toEqual([
        expect.objectContaining({
          level: 'info',
          route: '/v1/widget/conversations/:id/messages',
          status: 201,
          organizationId: owner.organization.id,
        }),
      ]);
      for (const id of [requestId, sessionId]) {
        expect(about(id, 'message appended')).toEqual([
          expect.objectContaining({ level: 'debug', conversationId: conversation.id }),
        ]);
      }
      expect(about(sessionId, 'socket open')).toHaveLength(1);
      expect(about(sessionId, 'socket closed')[0]).toMatchObject({ code: expect.any(Number) });
      expect(about(requestId, 'webhook attempt')[0]).toMatchObject({
        outcome: 'delivered',
        statusCode: 204,
        attempt: 1,
        webhookId: hook.id,
      });

      expect(await standalone.stop()).toBe(0);
      const output = standalone.output();
      for (const secret of [
        owner.password,
        owner.accessToken,
        owner.refreshToken,
        login.body.accessToken,
        login.body.refreshToken,
        tenant.key.secret,
        tenant.env.identitySecret,
        hook.signingSecret,
        visitor.sessionToken,
        visitor.visitorToken ?? 'no visitor token',
        restBody,
        socketBody,
      ]) {
        expect({ secret, logged: output.includes(secret) }).toEqual({ secret, logged: false });
      }
    }, 90_000);
  });
}
