import { afterEach, expect, test } from 'bun:test';
import { Supervisor, type SupervisorOptions } from './supervisor.ts';
import type { FixtureConfig, FixtureStats } from './testing/supervised.worker.ts';

// Real worker threads (testing/supervised.worker.ts), each told by its configuration how to
// misbehave; the supervisor under test is the one the workers app runs.
const running: Supervisor<FixtureConfig, FixtureStats>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

function supervise(
  options: Partial<SupervisorOptions<FixtureConfig, FixtureStats>> &
    Pick<SupervisorOptions<FixtureConfig, FixtureStats>, 'config'>,
) {
  const supervisor = new Supervisor<FixtureConfig, FixtureStats>({
    count: 1,
    create: () => new Worker(new URL('./testing/supervised.worker.ts', import.meta.url)),
    backoff: { baseMs: 10, capMs: 40 },
    ...options,
  });
  running.push(supervisor);
  supervisor.start();
  return supervisor;
}

/** Resolves on the n-th call of the returned callback, with the arguments of every call. */
function calls<A extends unknown[]>(n: number) {
  const seen: A[] = [];
  let done: (value: A[]) => void = () => {};
  const reached = new Promise<A[]>((resolve) => {
    done = resolve;
  });
  const record = (...args: A) => {
    seen.push(args);
    if (seen.length === n) done(seen);
  };
  return { record, reached, seen };
}

test('starts every worker with its configuration and relays their stats', async () => {
  const stats = calls<[number, FixtureStats]>(3);
  const supervisor = supervise({
    count: 3,
    config: (index) => ({ finishMs: index }),
    onStats: stats.record,
  });
  await supervisor.ready();
  expect(supervisor.running).toBe(3);
  const started = (await stats.reached).map(([index, s]) => [index, s.started?.finishMs]);
  expect(started.sort()).toEqual([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);
  expect(supervisor.restarts).toBe(0);
});

for (const fail of ['throw', 'exit', 'fatal'] as const) {
  test(`a worker that ends with "${fail}" is replaced, and the new one gets its configuration`, async () => {
    let spawned = 0;
    const restarts = calls<[number, string, number]>(1);
    const supervisor = supervise({
      // The first start misbehaves; the replacement works.
      config: () => (spawned++ === 0 ? { fail } : {}),
      onRestart: restarts.record,
    });
    await supervisor.ready();
    const [[index, reason]] = (await restarts.reached) as [[number, string, number]];
    expect(index).toBe(0);
    expect(reason).toStartWith(fail === 'throw' ? 'error' : fail === 'exit' ? 'exited' : 'fatal');
    expect(supervisor.restarts).toBe(1);
    expect(spawned).toBe(2);
  });
}

test('restarts back off exponentially up to the cap, with jitter drawn under the ceiling', async () => {
  const restarts = calls<[number, string, number]>(5);
  supervise({ config: () => ({ fail: 'fatal' }), random: () => 1, onRestart: restarts.record });
  const delays = (await restarts.reached).map(([, , delay]) => delay);
  expect(delays).toEqual([10, 20, 40, 40, 40]);

  const jittered = calls<[number, string, number]>(3);
  supervise({ config: () => ({ fail: 'fatal' }), random: () => 0.5, onRestart: jittered.record });
  expect((await jittered.reached).map(([, , delay]) => delay)).toEqual([5, 10, 20]);
});

test('a worker that stayed up past stableMs before it crashed restarts at the base delay again', async () => {
  const restarts = calls<[number, string, number]>(3);
  supervise({
    config: () => ({ failAfterMs: 60 }),
    stableMs: 20,
    random: () => 1,
    onRestart: restarts.record,
  });
  expect((await restarts.reached).map(([, , delay]) => delay)).toEqual([10, 10, 10]);
});

test('stop lets the work in flight finish, then ends the worker; nothing restarts it', async () => {
  const order: string[] = [];
  const supervisor = supervise({
    count: 2,
    config: () => ({ finishMs: 100 }),
    onStats: (_index, stats) => {
      if (stats.finished) order.push('finished');
    },
    onRestart: () => order.push('restart'),
  });
  await supervisor.ready();
  await supervisor.stop();
  order.push('stopped');
  expect(order).toEqual(['finished', 'finished', 'stopped']);
  expect(supervisor.running).toBe(0);
});

test('stop does not wait past its timeout for a worker that never answers', async () => {
  const supervisor = supervise({ config: () => ({ finishMs: 60_000 }), stopTimeoutMs: 50 });
  await supervisor.ready();
  const started = performance.now();
  await supervisor.stop();
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(supervisor.running).toBe(0);
});
