import { expect, test } from 'bun:test';
import type { Label } from '@flc/protocol/resources';
import { QueryClient } from '@tanstack/react-query';
import {
  contrast,
  labelPalette,
  labelsKey,
  labelsOf,
  luminance,
  refreshLabelsFor,
  textOn,
} from './labels.ts';

const hex = (n: number) => `#${n.toString(16).padStart(6, '0')}`;

test('luminance and contrast follow WCAG 2.1', () => {
  expect(luminance('#000000')).toBe(0);
  expect(luminance('#ffffff')).toBeCloseTo(1, 10);
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 10);
  expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 10);
  // A well-known pair: #767676 on white is 4.54:1.
  expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
});

test('the text on any color meets WCAG AA (4.5:1), on a grid of every 17th value per channel', () => {
  let worst = 21;
  for (let r = 0; r < 256; r += 17) {
    for (let g = 0; g < 256; g += 17) {
      for (let b = 0; b < 256; b += 17) {
        const color = hex((r << 16) | (g << 8) | b);
        worst = Math.min(worst, contrast(color, textOn(color)));
      }
    }
  }
  // And around the worst case, where black and white contrast about the same.
  for (let v = 0x70; v <= 0x80; v++) {
    const gray = hex((v << 16) | (v << 8) | v);
    worst = Math.min(worst, contrast(gray, textOn(gray)));
  }
  expect(worst).toBeGreaterThanOrEqual(4.5);
  expect(textOn('#ffff00')).toBe('#000000');
  expect(textOn('#1e293b')).toBe('#ffffff');
  for (const color of labelPalette) expect(contrast(color, textOn(color))).toBeGreaterThan(4.5);
});

const label = (id: string, name: string): Label => ({
  id,
  name,
  color: '#2563eb',
  description: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
});

test('labelsOf resolves ids by name, leaving out deleted ones', () => {
  const byId = new Map(
    [label('a', 'vip'), label('b', 'Billing'), label('c', 'Urgent')].map((l) => [l.id, l]),
  );
  expect(labelsOf(['c', 'gone', 'a', 'b'], byId).map((l) => l.name)).toEqual([
    'Billing',
    'Urgent',
    'vip',
  ]);
});

test('an id the cache does not hold asks for the labels again, once it is known', async () => {
  const client = new QueryClient();
  expect(refreshLabelsFor(client, ['a'])).toBe(false); // nothing cached: nothing to refresh
  client.setQueryData(labelsKey, [label('a', 'VIP')]);
  expect(refreshLabelsFor(client, ['a'])).toBe(false);
  expect(refreshLabelsFor(client, ['a', 'new'])).toBe(true);
  expect(client.getQueryState(labelsKey)?.isInvalidated).toBe(true);
});
