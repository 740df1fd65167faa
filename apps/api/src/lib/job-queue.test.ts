import { expect, spyOn, test } from 'bun:test';
import { JobQueue } from './job-queue.ts';

test('jobs run one at a time in order; a failing one is logged by its label and the next still runs', async () => {
  const queue = new JobQueue();
  const ran: string[] = [];
  let running = 0;
  const job =
    (name: string, fail = false) =>
    async () => {
      running += 1;
      expect(running).toBe(1);
      await Promise.resolve();
      ran.push(name);
      running -= 1;
      if (fail) throw new Error(`${name} broke`);
    };
  const errors = spyOn(console, 'error').mockImplementation(() => {});
  try {
    queue.push('a', job('a'));
    queue.push('b', job('b', true));
    queue.push('c', job('c'));
    await queue.idle();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(errors.mock.calls.map((c) => c.join(' '))).toEqual(['[api] b failed: b broke']);
  } finally {
    errors.mockRestore();
  }
});

test('past its limit of waiting jobs, a job is dropped and said so', async () => {
  const queue = new JobQueue(2);
  const warn = spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const { promise: gate, resolve: open } = Promise.withResolvers<void>();
    expect(queue.push('first', () => gate)).toBe(true);
    expect(queue.push('second', async () => {})).toBe(true);
    expect(queue.push('third', async () => {})).toBe(false);
    expect(warn.mock.calls.map((c) => c.join(' '))).toEqual([
      '[api] 2 jobs waiting: third dropped',
    ]);
    open();
    await queue.idle();
    expect(queue.push('fourth', async () => {})).toBe(true);
  } finally {
    warn.mockRestore();
  }
});
