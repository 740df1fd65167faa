import { expect, test } from 'bun:test';
import { figureText } from './figures.ts';

test('memory in MiB, CPU in percent, counts grouped, rates with one decimal', () => {
  expect(figureText('rssBytes', 198 * 1_048_576)).toBe('198 MiB');
  expect(figureText('cpuPercent', 12.46)).toBe('12%');
  expect(figureText('sockets', 10_000)).toBe('10,000');
  expect(figureText('requestsPerSecond', 2.5)).toBe('2.5');
});
