import { afterEach, expect, test } from 'bun:test';
import { configureLogs } from '@flc/log';
import { JobQueue } from './job-queue.ts';

const logged: Record<string, unknown>[] = [];
const capture = () => {
  logged.length = 0;
  configureLogs({ role: 'api', level: 'warn', write: (line) => logged.push(JSON.parse(line)) });
};
afterEach(() => configureLogs({ role: 'api', level: 'warn' }));

test('jobs run one at a time in order; a failing one is logged by its label and the next still runs', async () => {
  capture();
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
  queue.push('a', job('a'));
  queue.push('b', job('b', true));
  queue.push('c', job('c'));
  await queue.idle();
  expect(ran).toEqual(['a', 'b', 'c']);
  expect(logged).toEqual([
    expect.objectContaining({ level: 'error', msg: 'a job failed', job: 'b', reason: 'b broke' }),
  ]);
});

test('past its limit of waiting jobs, a job is dropped and said so', async () => {
  capture();
  const queue = new JobQueue(2);
  const { promise: gate, resolve: open } = Promise.withResolvers<void>();
  expect(queue.push('first', () => gate)).toBe(true);
  expect(queue.push('second', async () => {})).toBe(true);
  expect(queue.push('third', async () => {})).toBe(false);
  expect(logged).toEqual([expect.objectContaining({ level: 'warn', job: 'third', waiting: 2 })]);
  open();
  await queue.idle();
  expect(queue.push('fourth', async () => {})).toBe(true);
});
