import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { useReportEnvironments } from './api/get-reports.ts';
import { MAX_DAYS, type ReportFilters, rangeProblem, timeZones } from './filters.ts';

/** Why a range cannot be shown, by the problem rangeProblem names. */
const problemText = (problem: 'order' | 'length') =>
  problem === 'order'
    ? t('reports.rangeOrder', { from: t('reports.from'), to: t('reports.to') })
    : t('reports.rangeLength', { n: MAX_DAYS });

/** The range, time zone and environment; applied together, into the URL. */
export function ReportFiltersForm({
  filters,
  onApply,
}: {
  filters: ReportFilters;
  onApply: (f: ReportFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const environments = useReportEnvironments().data?.items ?? [];
  const zones = useMemo(timeZones, []);
  const problem = rangeProblem(draft.from, draft.to);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onApply(draft);
  };
  const set = (patch: Partial<ReportFilters>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form className="reports-filters" aria-label={t('reports.filters')} onSubmit={submit}>
      <label>
        <span>{t('reports.from')}</span>
        <input
          type="date"
          value={draft.from}
          required
          onChange={(e) => set({ from: e.target.value })}
        />
      </label>
      <label>
        <span>{t('reports.to')}</span>
        <input
          type="date"
          value={draft.to}
          required
          onChange={(e) => set({ to: e.target.value })}
        />
      </label>
      <label>
        <span>{t('reports.timeZone')}</span>
        <select value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.environment')}</span>
        <select
          value={draft.environmentId ?? ''}
          onChange={(e) => set({ environmentId: e.target.value || null })}
        >
          <option value="">{t('reports.allEnvironments')}</option>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={problem !== null}>
        {t('reports.apply')}
      </button>
      {problem ? (
        <p className="reports-filters-problem" role="alert">
          {problemText(problem)}
        </p>
      ) : null}
    </form>
  );
}
