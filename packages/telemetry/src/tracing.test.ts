import { describe, expect, test } from 'bun:test';
import {
  batchSpanOptions,
  startSpan,
  startTracing,
  stopTracing,
  traced,
  tracingEnabled,
  validTraceparent,
} from './tracing.ts';

const parent = `00-${'4bf92f3577b34da6a3ce929d0e0e4736'}-${'00f067aa0ba902b7'}-01`;

describe('tracing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  test('sets nothing up, and spans are not made', async () => {
    expect(await startTracing('api', {})).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(startSpan('anything', { parent })).toBeUndefined();
    expect(await traced('anything', { parent }, async (span) => span ?? 'ran bare')).toBe(
      'ran bare',
    );
  });
});

describe('traceparent', () => {
  test('a valid one is kept, a malformed or all-zero one dropped', () => {
    expect(validTraceparent(` ${parent} `)).toBe(parent);
    for (const bad of [
      null,
      '',
      'nonsense',
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`,
      parent.toUpperCase(),
    ]) {
      expect(validTraceparent(bad)).toBeUndefined();
    }
  });

  test("a batch's span: the first traced message is its parent, the others links", () => {
    const other = parent.replace('00f067aa0ba902b7', '1111111111111111');
    expect(batchSpanOptions([undefined, parent, other, parent], { 'flc.entries': 4 })).toEqual({
      parent,
      links: [other],
      kind: 'consumer',
      attributes: { 'flc.entries': 4 },
    });
    expect(batchSpanOptions([undefined], {}).parent).toBeUndefined();
  });
});

describe('tracing with an endpoint nobody answers', () => {
  test('spans join the given parent, and stopping still resolves', async () => {
    expect(await startTracing('api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toBe(
      true,
    );
    const span = startSpan('probe', { parent });
    expect(span?.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(span?.traceparent).not.toContain('00f067aa0ba902b7');
    const root = startSpan('probe');
    expect(root?.traceparent).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
    span?.end();
    root?.end();
    const stopping = performance.now();
    await stopTracing();
    expect(performance.now() - stopping).toBeLessThan(4_000);
    expect(tracingEnabled()).toBe(false);
  }, 10_000);
});
