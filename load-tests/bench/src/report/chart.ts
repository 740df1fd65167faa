import type { BenchOptions } from '../options.ts';
import { drawText, textWidth } from './font.ts';
import { Canvas, type Rgb } from './png.ts';
import type { Row } from './table.ts';

const WIDTH = 1200;
const HEIGHT = 720;
const PLOT = { left: 90, right: WIDTH - 30, top: 90, bottom: HEIGHT - 190 };

const white: Rgb = [255, 255, 255];
const ink: Rgb = [30, 30, 35];
const grid: Rgb = [225, 225, 230];
const muted: Rgb = [110, 110, 120];
const red: Rgb = [200, 30, 30];
const colors: Record<string, Rgb> = {
  realtime: [37, 99, 235],
  standalone: [22, 163, 74],
  bare: [107, 114, 128],
  socketio: [217, 119, 6],
  centrifugo: [147, 51, 234],
};
const darker = (c: Rgb): Rgb => [c[0] * 0.55, c[1] * 0.55, c[2] * 0.55];

/**
 * Grouped bars, one group per rate, one bar per target: the bar is p99, the dark inner bar p50,
 * on a log scale (the targets differ by orders of magnitude). Loss is written under the value.
 */
export function renderChart(rows: Row[], options: BenchOptions): Uint8Array {
  const canvas = new Canvas(WIDTH, HEIGHT, white);
  const tenant = options.scenario === 'tenant';
  const title = tenant
    ? `VISITOR SEND TO INBOX EVENT, MS (LOG SCALE): BAR = P99, INNER BAR = P50`
    : `SEND TO DELIVER LATENCY, MS (LOG SCALE): BAR = P99, INNER BAR = P50`;
  drawText(canvas, PLOT.left, 24, title, ink, 2);
  const who = tenant
    ? `ONE ORGANIZATION: ${options.agents} AGENTS, ${options.visitors} VISITORS`
    : `${options.sockets} SOCKETS IN ROOMS OF 2`;
  const subtitle = `${who}, ${options.duration} S PER RATE, ONE MACHINE (LOOPBACK)`;
  drawText(canvas, PLOT.left, 52, subtitle, muted, 2);

  const measured = rows.filter((r) => r.rate > 0 && Number.isFinite(r.p99));
  const values = measured.flatMap((r) => [r.p50, r.p99]).filter((v) => v > 0);
  const low = Math.floor(Math.log10(Math.min(...values, 1)));
  // Headroom above the tallest bar for its value and loss labels.
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...values, 10) * 3)));
  const plotHeight = PLOT.bottom - PLOT.top;
  const y = (ms: number) =>
    PLOT.bottom - ((Math.log10(Math.max(ms, 10 ** low)) - low) / (high - low)) * plotHeight;

  for (let decade = low; decade <= high; decade++) {
    const gy = y(10 ** decade);
    canvas.fillRect(PLOT.left, gy, PLOT.right - PLOT.left, 1, grid);
    const label = decade < 0 ? (10 ** decade).toFixed(-decade) : String(10 ** decade);
    drawText(canvas, PLOT.left - 12 - textWidth(label, 2), gy - 7, label, muted, 2);
  }
  canvas.fillRect(PLOT.left, PLOT.top, 1, plotHeight + 1, ink);
  canvas.fillRect(PLOT.left, PLOT.bottom, PLOT.right - PLOT.left, 1, ink);

  const rates = [...new Set(measured.map((r) => r.rate))];
  const names = [...new Set(rows.map((r) => r.target))];
  const groupWidth = (PLOT.right - PLOT.left) / Math.max(1, rates.length);
  const barWidth = Math.min(90, (groupWidth * 0.8) / Math.max(1, names.length));
  rates.forEach((rate, g) => {
    const x0 = PLOT.left + g * groupWidth + (groupWidth - barWidth * names.length) / 2;
    names.forEach((name, b) => {
      const row = measured.find((r) => r.target === name && r.rate === rate);
      if (!row) return;
      const color = colors[name] ?? muted;
      const x = x0 + b * barWidth + 4;
      const w = barWidth - 8;
      canvas.fillRect(x, y(row.p99), w, PLOT.bottom - y(row.p99), color);
      canvas.fillRect(x + w / 4, y(row.p50), w / 2, PLOT.bottom - y(row.p50), darker(color));
      const value = formatMs(row.p99);
      drawText(canvas, x + (w - textWidth(value, 2)) / 2, y(row.p99) - 20, value, ink, 2);
      if (row.lost > 0) {
        const lost = `LOST ${row.lost}`;
        drawText(canvas, x + (w - textWidth(lost)) / 2, y(row.p99) - 32, lost, red);
      }
    });
    const label = `${rate} MSG/S`;
    const cx = PLOT.left + g * groupWidth + groupWidth / 2;
    drawText(canvas, cx - textWidth(label, 2) / 2, PLOT.bottom + 12, label, ink, 2);
  });

  // Legend: one line per target with its connect time and idle memory.
  names.forEach((name, i) => {
    const row = rows.find((r) => r.target === name);
    if (!row) return;
    const ly = PLOT.bottom + 50 + i * 30;
    canvas.fillRect(PLOT.left, ly, 18, 18, colors[name] ?? muted);
    const connect = row.connectMs === null ? '-' : `${(row.connectMs / 1000).toFixed(2)} S`;
    const rss =
      row.rssPerSocketKib === null || !Number.isFinite(row.rssPerSocketKib)
        ? '-'
        : `${row.rssPerSocketKib.toFixed(1)} KIB`;
    const text = row.error
      ? `${row.label}: FAILED`
      : `${row.label}   CONNECT ${connect}   RSS ${rss} PER IDLE SOCKET`;
    drawText(canvas, PLOT.left + 30, ly + 2, text, ink, 2);
  });
  return canvas.toPng();
}

const formatMs = (ms: number) =>
  ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0);
