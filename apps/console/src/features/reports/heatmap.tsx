import { currentLocale, t } from '../../lib/i18n/index.tsx';

const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/**
 * Conversations opened by weekday and hour, as a real table: every cell has its number (shaded
 * by it, never by color alone) and a label a screen reader reads with its row and column.
 */
export function Heatmap({ cells }: { cells: number[][] }) {
  const max = Math.max(1, ...cells.flat());
  return (
    // Wider than a zoomed or narrow window: a region keyboard users can focus and scroll.
    <section
      className="report-heatmap-scroll"
      aria-label={t('reports.heatmap')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
    >
      <table className="report-heatmap">
        <caption className="visually-hidden">{t('reports.heatmap')}</caption>
        <thead>
          <tr>
            <td />
            {hours.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row, i) => {
            const weekday = weekdayName(i, 'long');
            return (
              <tr key={weekday}>
                <th scope="row">{weekdayName(i, 'short')}</th>
                {row.map((n, h) => (
                  <td
                    key={hours[h]}
                    data-level={n === 0 ? 0 : Math.ceil((n / max) * 4)}
                    title={t('reports.heatmapCell', { weekday, hour: `${hours[h]}:00`, n })}
                  >
                    {n}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Monday (0) to Sunday (6) in the console's language, from Intl (2024-01-01 was a Monday). */
function weekdayName(day: number, weekday: 'long' | 'short'): string {
  return new Date(2024, 0, 1 + day).toLocaleDateString(currentLocale(), { weekday });
}
