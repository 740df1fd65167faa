import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

const HEIGHT = 220;

/**
 * A line chart of daily figures (uPlot on a canvas). Screen readers get `summary` instead of the
 * drawing, and the page gives the same figures as a table; the legend is ours, in words.
 */
export function DayChart({
  dates,
  series,
  summary,
}: {
  dates: string[];
  series: ChartSeries[];
  summary: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Each day at its UTC midnight, drawn in UTC: the axis shows the report's own dates.
    const xs = dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(el.clientWidth, 240),
        height: HEIGHT,
        legend: { show: false },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            spanGaps: false,
            points: { show: dates.length <= 62 },
          })),
        ],
        axes: [{ stroke: '#667085' }, { stroke: '#667085' }],
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth, height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [dates, series]);
  return (
    <div className="report-chart">
      <div ref={box} className="report-chart-canvas" role="img" aria-label={summary} />
      <ul className="report-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className="report-swatch" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
