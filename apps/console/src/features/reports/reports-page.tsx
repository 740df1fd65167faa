import type { ReportDurations, ReportOverview } from '@flc/protocol/resources';
import { useMemo, useState } from 'react';
import { canManage, useApi, useMe } from '../../lib/auth.tsx';
import { navigate, useLocation } from '../../lib/router.tsx';
import { type CsvReport, downloadCsv, useOverview } from './api/get-reports.ts';
import { DayChart } from './day-chart.tsx';
import { filtersSearch, type ReportFilters, readFilters } from './filters.ts';
import { ReportFiltersForm } from './filters-form.tsx';
import { average, duration } from './format.ts';
import { Heatmap } from './heatmap.tsx';
import { reportStrings as t } from './strings.ts';
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
        <h1 id="reports-title">{t.title}</h1>
        <p>{t.notAllowed}</p>
      </main>
    );
  }
  return (
    <main className="ui-page reports-page" aria-labelledby="reports-title">
      <header className="reports-header">
        <h1 id="reports-title">{t.title}</h1>
        <p className="muted">{t.intro}</p>
      </header>
      <ReportFiltersForm filters={filters} onApply={apply} />
      <Overview filters={filters} />
      <section className="reports-section" aria-labelledby="reports-agents">
        <SectionTitle id="reports-agents" title={t.agents} report="agents" filters={filters} />
        <AgentTable filters={filters} />
      </section>
      <section className="reports-section" aria-labelledby="reports-teams">
        <SectionTitle id="reports-teams" title={t.teams} report="teams" filters={filters} />
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
        <span className="ui-spinner" role="status" aria-label={t.loading} />
      </div>
    );
  }
  if (overview.isError) {
    return (
      <div className="ui-pane-state" role="alert">
        <p>{t.failed}</p>
        <button type="button" onClick={() => void overview.refetch()}>
          {t.retry}
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
      { label: t.opened, color: '#2563eb', values: days.map((d) => d.opened) },
      { label: t.closed, color: '#0f766e', values: days.map((d) => d.closed) },
    ],
    [days],
  );
  const times = useMemo(
    () => [
      {
        label: t.firstResponse,
        color: '#7c3aed',
        values: days.map((d) => minutes(d.firstResponse)),
      },
      { label: t.resolution, color: '#b45309', values: days.map((d) => minutes(d.resolution)) },
    ],
    [days],
  );
  return (
    <>
      <dl className="reports-totals">
        <Total label={t.opened} value={String(totals.opened)} />
        <Total label={t.closed} value={String(totals.closed)} />
        <Total label={t.firstResponse} value={duration(totals.firstResponse.median)}>
          {t.p90}: {duration(totals.firstResponse.p90)}
        </Total>
        <Total label={t.resolution} value={duration(totals.resolution.median)}>
          {t.p90}: {duration(totals.resolution.p90)}
        </Total>
        <Total label={t.satisfaction} value={average(totals.satisfaction.average)}>
          {t.ratings(totals.satisfaction.count)}
        </Total>
      </dl>
      <section className="reports-section" aria-labelledby="reports-volume">
        <SectionTitle id="reports-volume" title={t.volumeChart} report="days" filters={filters} />
        <DayChart
          dates={dates}
          series={volume}
          summary={t.chartSummary(data.from, data.to, totals.opened, totals.closed)}
        />
      </section>
      <section className="reports-section" aria-labelledby="reports-times">
        <h2 id="reports-times">{t.timesChart}</h2>
        <DayChart dates={dates} series={times} summary={t.timesSummary(data.from, data.to)} />
        <details className="reports-days">
          <summary>{t.dayTable}</summary>
          <DayTable data={data} />
        </details>
      </section>
      <section className="reports-section" aria-labelledby="reports-heatmap">
        <SectionTitle id="reports-heatmap" title={t.heatmap} report="heatmap" filters={filters} />
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
          <th scope="col">{t.date}</th>
          <th scope="col">{t.opened}</th>
          <th scope="col">{t.closed}</th>
          <th scope="col">{`${t.firstResponse}, ${t.median}`}</th>
          <th scope="col">{`${t.resolution}, ${t.median}`}</th>
          <th scope="col">{t.satisfaction}</th>
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
  const name = t.exportNames[props.report];
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
        {t.exportCsv(name)}
      </button>
      {failed ? <span role="alert">{t.exportFailed}</span> : null}
    </div>
  );
}
