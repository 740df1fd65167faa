import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A child span's parent is the span whose work it runs in, through timers and thens, on both
// runtimes: the probe runs in a process of its own (tracing is per process).
const expected = [
  'first outer',
  'after a timer outer',
  'in a then outer',
  'nested inner',
  'inner -',
  'back in outer outer',
  'outer -',
  'explicit -',
  'with an ended span explicit',
];
const probe = join(import.meta.dir, 'active-probe.ts');

async function output(command: string[]): Promise<string[]> {
  const proc = Bun.spawn(command, { stdout: 'pipe', stderr: 'inherit' });
  const text = await new Response(proc.stdout).text();
  expect(await proc.exited).toBe(0);
  return JSON.parse(text.trim().split('\n').at(-1) ?? '[]');
}

describe('the active span', () => {
  const outdir = join(tmpdir(), `flc-active-probe-${crypto.randomUUID()}`);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('on Bun: children join the span whose work they run in, none outside', async () => {
    expect(await output(['bun', probe])).toEqual(expected);
  }, 20_000);

  test('on Node: the same', async () => {
    const built = await Bun.build({ entrypoints: [probe], target: 'node', outdir });
    expect(built.success).toBe(true);
    expect(await output(['node', join(outdir, 'active-probe.js')])).toEqual(expected);
  }, 30_000);
});
