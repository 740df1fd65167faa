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
    spans: {
      traceID: string;
      spanID: string;
      operationName: string;
      processID: string;
      references?: { refType: string; spanID: string }[];
      tags?: { key: string; value: unknown }[];
    }[];
    processes: Record<string, { serviceName: string }>;
  }[];
}

const redis = serviceUrl('redis');
const otlp = serviceUrl('otlp');
const query = otlp && serviceUrl('jaeger');

/**
 * One visitor message through the standalone process, its webhook delivered to a local receiver:
 * one trace in Jaeger holding `operations` (`service: span`), listed under each of `services`,
 * and for each of `clients`, a span of that service's database or Redis client (`db.system`)
 * that is a child of the span named beside it.
 */
function describeTrace(
  name: string,
  env: Record<string, string>,
  services: string[],
  operations: string[],
  clients: [service: string, system: 'postgresql' | 'redis', parent: string][],
): void {
  const dataDir = join(tmpdir(), `flc-traces-${crypto.randomUUID()}`);
  describe(`traces of the standalone process ${name}, in Jaeger`, () => {
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
          ...env,
          FLC_DATA_DIR: dataDir,
          PORT: '0',
          HOST: '127.0.0.1',
          FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
          FLC_WEBHOOK_POLL_MS: '50',
          OTEL_EXPORTER_OTLP_ENDPOINT: otlp ?? '',
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

    test('one visitor message: one trace from the request to the webhook', async () => {
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

      type Trace = JaegerTraces['data'][number];
      const nameOf = (trace: Trace | undefined, s: Trace['spans'][number] | undefined) =>
        `${s && trace?.processes[s.processID]?.serviceName}: ${s?.operationName}`;
      const spansOf = (trace: Trace | undefined) =>
        (trace?.spans ?? []).map((s) => nameOf(trace, s));
      type Span = Trace['spans'][number];
      const parentOf = (s: Span) => {
        const id = s.references?.find((r) => r.refType === 'CHILD_OF')?.spanID;
        return nameOf(
          trace,
          trace?.spans.find((p) => p.spanID === id),
        );
      };
      const isClient = (s: Span, service: string, system: string) =>
        trace?.processes[s.processID]?.serviceName === service &&
        s.tags?.some((t) => t.key === 'db.system' && t.value === system);
      const clientParents = (service: string, system: string) =>
        (trace?.spans ?? []).filter((s) => isClient(s, service, system)).map(parentOf);
      // Each process exports on its own schedule: waited for until every expected span is in.
      let trace: Trace | undefined;
      await eventually(
        `the trace in Jaeger with ${operations.join(', ')} and its clients' spans`,
        async () => {
          const res = await fetch(`${query}/api/traces/${traceId}`);
          if (!res.ok) return false;
          trace = ((await res.json()) as JaegerTraces).data[0];
          const found = new Set(spansOf(trace));
          return (
            operations.every((o) => found.has(o)) &&
            clients.every(([service, system]) => clientParents(service, system).length > 0)
          );
        },
        30_000,
      );
      // One trace: every span of it is in the caller's trace, and it has no other root.
      expect(new Set(trace?.spans.map((s) => s.traceID))).toEqual(new Set([traceId]));
      expect(spansOf(trace)).toEqual(expect.arrayContaining(operations));
      // The clients' spans sit under the work they were made for (the active span).
      for (const [service, system, parent] of clients) {
        expect(clientParents(service, system)).toContain(parent);
      }
      // Found by service as well, as an operator would: the trace is listed under each role.
      for (const service of services) {
        const res = await fetch(`${query}/api/traces?service=${service}&limit=20&lookback=1h`);
        const listed = ((await res.json()) as JaegerTraces).data.map((t) => t.traceID);
        expect(listed).toContain(traceId);
      }
      expect(await standalone.stop()).toBe(0);
    }, 90_000);
  });
}

const request = 'standalone: POST /v1/widget/conversations/:id/messages';
if (!otlp || !query) {
  describe.skip('traces of the standalone process (no Jaeger)', () => {});
} else {
  // Alone, the process writes each message through (with its webhook deliveries) itself; its
  // webhook dispatcher is a Web Worker.
  describeTrace(
    'without Redis',
    {},
    ['standalone', 'webhooks'],
    [
      request,
      'standalone: message append',
      'standalone: message write-through',
      'webhooks: webhook attempt',
    ],
    [['standalone', 'postgresql', 'standalone: message write-through']],
  );
  // With REDIS_URL the persister and webhook dispatcher run in Web Workers of the process, each
  // exporting its own spans: one visitor message must still make one trace.
  if (redis) {
    describeTrace(
      'with REDIS_URL',
      { REDIS_URL: redis, FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}` },
      ['standalone', 'persister', 'webhooks'],
      [
        request,
        'standalone: message append',
        'persister: persister batch',
        'standalone: EVALSHA',
        'persister: INSERT messages',
        'webhooks: webhooks fan-out',
        'webhooks: webhook attempt',
      ],
      [
        ['standalone', 'redis', 'standalone: message append'],
        ['persister', 'postgresql', 'persister: persister batch'],
      ],
    );
  }
}
