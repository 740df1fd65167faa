import { expect, test } from 'bun:test';
import { AA, brandProperties, contrast, inkOn, luminance, textOn } from './contrast.ts';

test('luminance and contrast follow WCAG 2.1', () => {
  expect(luminance('#ffffff')).toBeCloseTo(1, 6);
  expect(luminance('#000000')).toBe(0);
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
  expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 6);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2); // just below AA
  expect(contrast('#2563eb', '#ffffff')).toBeCloseTo(5.17, 2);
});

test('the text on a tenant color reaches 4.5:1, near the edges too', () => {
  expect(textOn('#ffd400')).toBe('#111827'); // yellow: white would be 1.4:1
  expect(textOn('#ffffff')).toBe('#111827');
  expect(textOn('#1e3a8a')).toBe('#ffffff'); // navy
  expect(textOn('#2563eb')).toBe('#ffffff'); // the default
  // Mid-grey: white gives 4.48 and #111827 3.8; only pure black reaches AA.
  expect(textOn('#777777')).toBe('#000000');
  for (const c of ['#ffd400', '#ffffff', '#1e3a8a', '#777777', '#767676', '#808080', '#0f766e']) {
    expect(contrast(c, textOn(c))).toBeGreaterThanOrEqual(AA);
  }
});

test('every grey and a spread of hues get readable text', () => {
  for (let v = 0; v < 256; v += 3) {
    const h = v.toString(16).padStart(2, '0');
    for (const c of [`#${h}${h}${h}`, `#ff${h}00`, `#00${h}ff`, `#${h}ff${h}`]) {
      expect(contrast(c, textOn(c))).toBeGreaterThanOrEqual(AA);
      expect(contrast(inkOn(c), '#ffffff')).toBeGreaterThanOrEqual(AA);
    }
  }
});

test('the brand as text on white is kept when readable, darkened when not', () => {
  expect(inkOn('#1e3a8a')).toBe('#1e3a8a'); // navy already reaches it
  expect(inkOn('#2563EB')).toBe('#2563eb');
  const yellow = inkOn('#ffd400');
  expect(contrast(yellow, '#ffffff')).toBeGreaterThanOrEqual(AA);
  expect(contrast(yellow, '#ffffff')).toBeLessThan(5.5); // darkened only as far as needed
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(yellow.slice(i, i + 2), 16));
  expect(b).toBe(0); // still a yellow-brown: the hue is kept
  expect(r).toBeGreaterThan(g as number);
  expect(contrast(inkOn('#777777'), '#ffffff')).toBeGreaterThanOrEqual(AA);
  expect(inkOn('#777777')).not.toBe('#777777');
  expect(contrast(inkOn('#ffffff'), '#ffffff')).toBeGreaterThanOrEqual(AA); // white → a grey
  expect(contrast(inkOn('#ffd400', '#f9fafb'), '#f9fafb')).toBeGreaterThanOrEqual(AA);
});

test('the widget properties for a yellow tenant', () => {
  const p = brandProperties('#ffd400');
  expect(p['--c']).toBe('#ffd400');
  expect(p['--fg']).toBe('#111827');
  expect(contrast(p['--ci'], '#f9fafb')).toBeGreaterThanOrEqual(AA);
});
