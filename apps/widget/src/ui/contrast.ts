/**
 * WCAG 2.1 contrast for the tenant's color (`#rrggbb`, as the widget settings' schema allows):
 * which text goes on it, and how dark it must get to be read as text itself.
 */
type Rgb = readonly [number, number, number];

/** WCAG AA for normal-size text. */
export const AA = 4.5;
const NEAR_BLACK = '#111827';
const WHITE = '#ffffff';
const BLACK = '#000000';

function rgbOf(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const hexOf = (rgb: Rgb): string => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG 2.1, sRGB). */
export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colors, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The text and icon color on a fill of `color`: near-black or white, whichever contrasts more.
 * Near a mid-grey neither reaches 4.5:1, but one of pure black and white always does (at worst
 * about 4.58:1), so black is the fallback.
 */
export function textOn(color: string): string {
  const best = contrast(color, NEAR_BLACK) >= contrast(color, WHITE) ? NEAR_BLACK : WHITE;
  return contrast(color, best) >= AA ? best : BLACK;
}

/**
 * `color` as text (links, focus rings) on `surface`: itself when it reaches 4.5:1 there,
 * otherwise darkened step by step (same hue) until it does; black always does on a light surface.
 */
export function inkOn(color: string, surface = WHITE): string {
  let rgb = rgbOf(color);
  let hex = color.toLowerCase();
  for (let i = 0; i < 40 && contrast(hex, surface) < AA; i++) {
    rgb = rgb.map((c) => Math.floor(c * 0.92)) as unknown as Rgb;
    hex = hexOf(rgb);
  }
  return hex;
}

/** The CSS custom properties the widget's styles read: fill, text on the fill, ink on light. */
export function brandProperties(color: string): { '--c': string; '--fg': string; '--ci': string } {
  // The log's background (#f9fafb) is the darkest light surface brand-colored text sits on.
  return { '--c': color, '--fg': textOn(color), '--ci': inkOn(color, '#f9fafb') };
}
