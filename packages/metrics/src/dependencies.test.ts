import { expect, test } from 'bun:test';
import { registerDependencyProbes } from './dependencies.ts';
import { Registry } from './registry.ts';

const line = (text: string, name: string, dependency: string) =>
  text.split('\n').find((l) => l.startsWith(`${name}{dependency="${dependency}"} `));

test('a store that answers is up with its round trip; one that fails or hangs is down', async () => {
  const registry = new Registry();
  const probes = registerDependencyProbes(
    registry,
    [
      { name: 'postgresql', ping: () => new Promise((r) => setTimeout(r, 20)) },
      { name: 'redis', ping: () => Promise.reject(new Error('ECONNREFUSED')) },
      { name: 'mongodb', ping: () => new Promise(() => {}) },
    ],
    { intervalMs: 60_000, timeoutMs: 100 },
  );
  try {
    await probes.probe();
    const text = registry.render();
    expect(line(text, 'flc_dependency_up', 'postgresql')).toBe(
      'flc_dependency_up{dependency="postgresql"} 1',
    );
    const seconds = Number(line(text, 'flc_dependency_ping_seconds', 'postgresql')?.split(' ')[1]);
    expect(seconds).toBeGreaterThanOrEqual(0.015);
    expect(seconds).toBeLessThan(0.1);
    expect(line(text, 'flc_dependency_up', 'redis')).toEndWith(' 0');
    expect(line(text, 'flc_dependency_up', 'mongodb')).toEndWith(' 0');
    expect(line(text, 'flc_dependency_ping_seconds', 'mongodb')).toEndWith(' 0.1');
  } finally {
    probes.stop();
  }
});

test('without dependencies nothing is pinged and the families are empty', () => {
  const registry = new Registry();
  registerDependencyProbes(registry, []).stop();
  expect(registry.render()).not.toContain('flc_dependency_up{');
});
