import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceUrl } from '@flc/storage/testing';
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
} from '@flc/testkit';

/** What Jaeger's query API answers for `/api/traces` (the parts read here). */
interface JaegerTraces {
  data: {
    traceID: string;
    spans: { spanID: string; operationName: string; processID: string }[];
    processes: Record<string, { serviceName: string }>;
  }[];
}

// With REDIS_URL the persister and webhook dispatcher run in Web Workers of the standalone
// process, each exporting its own spans: one visitor message must still make one trace.
const redis = serviceUrl('redis');
const otlp = redis && serviceUrl('otlp');
const query = otlp && serviceUrl('jaeger');
const dataDir = join(tmpdir(), `flc-traces-${crypto.randomUUID()}`);

if (redis && otlp && query) {
  describe('traces of the standalone process with REDIS_URL, in Jaeger', () => {
    let standalone: Started;
    const received: { traceparent: string | null }[] = [];
    let receiver: ReturnType<typeof Bun.serve> | undefined;
    beforeAll(async () => {
      receiver = Bun.serve({
        port: 0,
        hostname: '127.0.0.1',
        fetch(request) {
          received.push({ traceparent: request.headers.get('traceparent') });
          return new Response(null, { status: 204 });
        },
      });
      standalone = await startProcess(
        ['bun', join(import.meta.dir, 'main.ts')],
        {
          FLC_DATA_DIR: dataDir,
          REDIS_URL: redis,
          FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
          PORT: '0',
          HOST: '127.0.0.1',
          FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
          FLC_WEBHOOK_POLL_MS: '50',
          OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
          OTEL_BSP_SCHEDULE_DELAY: '200',
        },
        /running at (http:\/\/[\d.:]+)/,
        60_000,
      );
    }, 90_000);
    afterAll(async () => {
      if (standalone?.proc.exitCode === null) await standalone.stop('SIGKILL');
      await receiver?.stop(true);
      rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    test('one visitor message: one trace from the request through the persister to the webhook', async () => {
      const origin = standalone.match[1] ?? '';
      const rest = restClient(() => origin);
      const tenant = await chatTenant(rest, { name: 'Traced Co' });
      await createWebhook(rest, tenant, `http://127.0.0.1:${receiver?.port}/hook`, [
        'message.created',
      ]);
      const visitor = await bootVisitor(rest, tenant);
      const conversation = await openConversation(rest, visitor);

      // The caller's own trace: the platform's spans must join it, not start another.
      const traceId = crypto.randomUUID().replaceAll('-', '');
      const sent = await rest(
        'POST',
        `/v1/widget/conversations/${conversation.id}/messages`,
        { body: 'traced hello' },
        { ...bearer(visitor.sessionToken), traceparent: `00-${traceId}-${'a1'.repeat(8)}-01` },
      );
      expect(sent.status).toBe(201);

      await eventually('the webhook delivered', () => received.length >= 1, 20_000);
      // The receiver is told the attempt's span, in the same trace.
      expect(received[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

      const servicesOf = (trace: JaegerTraces['data'][number]) =>
        new Set(trace.spans.map((s) => trace.processes[s.processID]?.serviceName));
      let trace: JaegerTraces['data'][number] | undefined;
      await eventually(
        'the trace in Jaeger with the request, persister and webhook spans',
        async () => {
          const res = await fetch(`${query}/api/traces/${traceId}`);
          if (!res.ok) return false;
          trace = ((await res.json()) as JaegerTraces).data[0];
          const services = trace ? servicesOf(trace) : new Set();
          return ['standalone', 'persister', 'webhooks'].every((s) => services.has(s));
        },
        30_000,
      );
      const operations = (trace?.spans ?? []).map(
        (s) => `${trace?.processes[s.processID]?.serviceName}: ${s.operationName}`,
      );
      expect(operations).toEqual(
        expect.arrayContaining([
          'standalone: POST /v1/widget/conversations/:id/messages',
          'standalone: message append',
          'persister: persister batch',
          'webhooks: webhooks fan-out',
          'webhooks: webhook attempt',
        ]),
      );
      // Found by service as well, as an operator would: the trace is listed under each role.
      for (const service of ['standalone', 'persister', 'webhooks']) {
        const res = await fetch(`${query}/api/traces?service=${service}&limit=20&lookback=1h`);
        const listed = ((await res.json()) as JaegerTraces).data.map((t) => t.traceID);
        expect(listed).toContain(traceId);
      }
      expect(await standalone.stop()).toBe(0);
    }, 90_000);
  });
} else {
  describe.skip('traces of the standalone process (no Redis or no Jaeger)', () => {});
}
