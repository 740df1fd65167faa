import type { ReportDurations, ReportOverview } from '@flc/protocol/resources';
import { useMemo, useState } from 'react';
import { canManage, useApi, useMe } from '../../lib/auth.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.tsx';
import { type CsvReport, downloadCsv, useOverview } from './api/get-reports.ts';
import { DayChart } from './day-chart.tsx';
import { filtersSearch, type ReportFilters, readFilters } from './filters.ts';
import { ReportFiltersForm } from './filters-form.tsx';
import { average, duration } from './format.ts';
import { Heatmap } from './heatmap.tsx';
import { AgentTable, TeamTable } from './tables.tsx';
import './reports.css';

/** Owners' and admins' reports: totals, daily charts, the hour-of-week heat map, agents, teams. */
export default function ReportsPage() {
  const me = useMe();
  const { search } = useLocation();
  const filters = useMemo(() => readFilters(search), [search]);
  const apply = (f: ReportFilters) => navigate(`/reports${filtersSearch(f)}`);
  if (me.data && !canManage(me.data.agent.role)) {
    return (
      <main className="ui-page reports-page" aria-labelledby="reports-title">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <p>{t('reports.notAllowed')}</p>
      </main>
    );
  }
  return (
    <main className="ui-page reports-page" aria-labelledby="reports-title">
      <header className="reports-header">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <p className="muted">{t('reports.intro')}</p>
      </header>
      <ReportFiltersForm filters={filters} onApply={apply} />
      <Overview filters={filters} />
      <section className="reports-section" aria-labelledby="reports-agents">
        <SectionTitle
          id="reports-agents"
          title={t('reports.agents')}
          report="agents"
          filters={filters}
        />
        <AgentTable filters={filters} />
      </section>
      <section className="reports-section" aria-labelledby="reports-teams">
        <SectionTitle
          id="reports-teams"
          title={t('reports.teams')}
          report="teams"
          filters={filters}
        />
        <TeamTable filters={filters} />
      </section>
    </main>
  );
}

function Overview({ filters }: { filters: ReportFilters }) {
  const overview = useOverview(filters);
  if (overview.isPending) {
    return (
      <div className="ui-pane-state">
        <span className="ui-spinner" role="status" aria-label={t('reports.loading')} />
      </div>
    );
  }
  if (overview.isError) {
    return (
      <div className="ui-pane-state" role="alert">
        <p>{t('reports.failed')}</p>
        <button type="button" onClick={() => void overview.refetch()}>
          {t('reports.retry')}
        </button>
      </div>
    );
  }
  return <OverviewFigures data={overview.data} filters={filters} />;
}

const minutes = (x: ReportDurations) => (x.median === null ? null : x.median / 60);

function OverviewFigures({ data, filters }: { data: ReportOverview; filters: ReportFilters }) {
  const { totals, days } = data;
  const dates = useMemo(() => days.map((d) => d.date), [days]);
  const volume = useMemo(
    () => [
      { label: t('reports.opened'), color: '#2563eb', values: days.map((d) => d.opened) },
      { label: t('reports.closed'), color: '#0f766e', values: days.map((d) => d.closed) },
    ],
    [days],
  );
  const times = useMemo(
    () => [
      {
        label: t('reports.firstResponse'),
        color: '#7c3aed',
        values: days.map((d) => minutes(d.firstResponse)),
      },
      {
        label: t('reports.resolution'),
        color: '#b45309',
        values: days.map((d) => minutes(d.resolution)),
      },
    ],
    [days],
  );
  return (
    <>
      <dl className="reports-totals">
        <Total label={t('reports.opened')} value={String(totals.opened)} />
        <Total label={t('reports.closed')} value={String(totals.closed)} />
        <Total label={t('reports.firstResponse')} value={duration(totals.firstResponse.median)}>
          {t('reports.p90')}: {duration(totals.firstResponse.p90)}
        </Total>
        <Total label={t('reports.resolution')} value={duration(totals.resolution.median)}>
          {t('reports.p90')}: {duration(totals.resolution.p90)}
        </Total>
        <Total label={t('reports.satisfaction')} value={average(totals.satisfaction.average)}>
          {t('reports.ratings', { n: totals.satisfaction.count })}
        </Total>
      </dl>
      <section className="reports-section" aria-labelledby="reports-volume">
        <SectionTitle
          id="reports-volume"
          title={t('reports.volumeChart')}
          report="days"
          filters={filters}
        />
        <DayChart
          dates={dates}
          series={volume}
          summary={t('reports.chartSummary', {
            from: data.from,
            to: data.to,
            opened: totals.opened,
            closed: totals.closed,
          })}
        />
      </section>
      <section className="reports-section" aria-labelledby="reports-times">
        <h2 id="reports-times">{t('reports.timesChart')}</h2>
        <DayChart
          dates={dates}
          series={times}
          summary={t('reports.timesSummary', { from: data.from, to: data.to })}
        />
        <details className="reports-days">
          <summary>{t('reports.dayTable')}</summary>
          <DayTable data={data} />
        </details>
      </section>
      <section className="reports-section" aria-labelledby="reports-heatmap">
        <SectionTitle
          id="reports-heatmap"
          title={t('reports.heatmap')}
          report="heatmap"
          filters={filters}
        />
        <Heatmap cells={data.heatmap} />
      </section>
    </>
  );
}

function Total({
  label,
  value,
  children,
}: {
  label: string;
  value: string;
  children?: string[] | string;
}) {
  return (
    <div className="reports-total">
      <dt>{label}</dt>
      <dd>
        <span className="reports-total-value">{value}</span>
        {children ? <span className="muted reports-total-note">{children}</span> : null}
      </dd>
    </div>
  );
}

function DayTable({ data }: { data: ReportOverview }) {
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">{t('reports.date')}</th>
          <th scope="col">{t('reports.opened')}</th>
          <th scope="col">{t('reports.closed')}</th>
          <th scope="col">{`${t('reports.firstResponse')}, ${t('reports.median')}`}</th>
          <th scope="col">{`${t('reports.resolution')}, ${t('reports.median')}`}</th>
          <th scope="col">{t('reports.satisfaction')}</th>
        </tr>
      </thead>
      <tbody>
        {data.days.map((d) => (
          <tr key={d.date}>
            <th scope="row">{d.date}</th>
            <td>{d.opened}</td>
            <td>{d.closed}</td>
            <td>{duration(d.firstResponse.median)}</td>
            <td>{duration(d.resolution.median)}</td>
            <td>{average(d.satisfaction.average)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SectionTitle(props: {
  id: string;
  title: string;
  report: CsvReport;
  filters: ReportFilters;
}) {
  const api = useApi();
  const [failed, setFailed] = useState(false);
  const name = t('reports.exportName', { report: props.report });
  return (
    <div className="reports-section-title">
      <h2 id={props.id}>{props.title}</h2>
      <button
        type="button"
        className="link"
        onClick={() => {
          setFailed(false);
          downloadCsv(api, props.report, props.filters).catch(() => setFailed(true));
        }}
      >
        {t('reports.exportCsv', { what: name })}
      </button>
      {failed ? <span role="alert">{t('reports.exportFailed')}</span> : null}
    </div>
  );
}
