import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpOk } from './probes.ts';
import { cachedBinary, freePort, runServer, type ServiceSpec, tempDir } from './server.ts';

/**
 * Jaeger (v2, all-in-one on an in-memory store): takes spans by OTLP over HTTP
 * (`TEST_OTLP_ENDPOINT`, what OTEL_EXPORTER_OTLP_ENDPOINT is set to) and answers what it holds
 * through its query API (`TEST_JAEGER_QUERY`, `/api/traces?service=...`), so the tracing suite
 * reads back the traces the platform exported. Its config names only loopback ports picked here.
 */
export const jaeger: ServiceSpec<Record<'TEST_OTLP_ENDPOINT' | 'TEST_JAEGER_QUERY', string>> = {
  variable: 'TEST_OTLP_ENDPOINT',
  label: 'Jaeger (OTLP)',
  async start(teardown) {
    const bin = cachedBinary('jaeger');
    const dir = tempDir(teardown, 'jaeger');
    const [otlpPort, queryPort, queryGrpcPort] = [freePort(), freePort(), freePort()];
    const config = join(dir, 'jaeger.yaml');
    writeFileSync(config, configYaml(otlpPort, queryPort, queryGrpcPort));
    await runServer(teardown, {
      label: 'Jaeger',
      command: [bin, `--config=file:${config}`],
      dir,
      stopSignal: 'SIGTERM',
      ready: () => httpOk(`http://127.0.0.1:${queryPort}/api/services`),
    });
    return {
      TEST_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`,
      TEST_JAEGER_QUERY: `http://127.0.0.1:${queryPort}`,
    };
  },
};

/** The all-in-one pipeline (OTLP in, memory store, query API out) and nothing else listening. */
const configYaml = (otlpPort: number, queryPort: number, queryGrpcPort: number) => `
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${queryPort}
    grpc:
      endpoint: 127.0.0.1:${queryGrpcPort}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${otlpPort}
processors:
  batch:
    timeout: 100ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
