import type { DependencyCheck, ProcessStatus, SystemStatus } from '@flc/protocol/resources';
import { shortAgo } from '../../lib/format.ts';
import { t } from '../../lib/i18n/index.tsx';
import { useSystem } from './api/get-system.ts';
import { figureText } from './figures.ts';
import './system.css';

/** The install's health for its operators: dependencies, then every process that reports in. */
export default function SystemPage() {
  const system = useSystem({ live: true });
  return (
    <main className="ui-page system-page" aria-labelledby="system-title">
      <header className="system-header">
        <h1 id="system-title">{t('system.title')}</h1>
        <p className="muted">{t('system.intro')}</p>
      </header>
      {system.isPending ? (
        <div className="ui-pane-state">
          <span className="ui-spinner" role="status" aria-label={t('system.loading')} />
        </div>
      ) : system.isError ? (
        <div className="ui-pane-state" role="alert">
          <p>{t('system.failed')}</p>
        </div>
      ) : (
        <SystemView data={system.data} />
      )}
    </main>
  );
}

function SystemView({ data }: { data: SystemStatus }) {
  return (
    <>
      <section className="system-section" aria-labelledby="system-dependencies">
        <h2 id="system-dependencies">{t('system.dependencies')}</h2>
        <dl className="system-checks">
          <Check name={t('system.database')} check={data.database} />
          <Check name={t('system.redis')} check={data.redis} />
        </dl>
      </section>
      <section className="system-section" aria-labelledby="system-processes">
        <h2 id="system-processes">{t('system.processes')}</h2>
        {data.processes.length === 0 ? (
          <p>{t('system.none')}</p>
        ) : (
          <ul className="system-processes">
            {data.processes.map((p) => (
              <ProcessCard key={p.id} process={p} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Check({ name, check }: { name: string; check: DependencyCheck | null }) {
  return (
    <div className="system-check" data-status={check?.status ?? 'absent'}>
      <dt>{name}</dt>
      <dd>
        {check ? (
          <>
            <span className="system-state">
              {check.status === 'ok' ? t('system.ok') : t('system.down')}
            </span>{' '}
            <span className="muted">{t('system.latency', { ms: check.latencyMs })}</span>
          </>
        ) : (
          <span className="muted">{t('system.noRedis')}</span>
        )}
      </dd>
    </div>
  );
}

/** The figures the page names (system.figure); others a process reports are not shown. */
const FIGURES = new Set([
  'rssBytes',
  'cpuPercent',
  'sockets',
  'topics',
  'requestsPerSecond',
  'serverErrorsPerSecond',
  'framesInPerSecond',
  'framesOutPerSecond',
  'receivedPerSecond',
  'workers',
  'persisterLag',
  'persisterPending',
  'webhookBacklog',
  'storedPerSecond',
  'deliveredPerSecond',
  'webhookFailuresPerSecond',
]);

function ProcessCard({ process: p }: { process: ProcessStatus }) {
  const titleId = `process-${p.id}`;
  const figures = Object.entries(p.stats).filter(([name]) => FIGURES.has(name));
  return (
    <li className="system-process" data-state={p.state} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('system.role', { role: p.role })}{' '}
        <span className="muted">
          {p.host} · {p.pid}
        </span>
      </h3>
      <p className="system-process-meta">
        <span
          className="system-state"
          title={p.state === 'silent' ? t('system.silentHint') : undefined}
        >
          {p.state === 'up' ? t('system.up') : t('system.silent')}
        </span>
        <span>
          {t('system.columnsVersion')} {p.version}
        </span>
        <span>
          {t('system.columnsStarted')} <time dateTime={p.startedAt}>{shortAgo(p.startedAt)}</time>
        </span>
        <span>
          {t('system.columnsLastReport')}{' '}
          <time dateTime={p.reportedAt}>{shortAgo(p.reportedAt)}</time>
        </span>
      </p>
      <dl className="system-figures">
        {figures.map(([name, value]) => (
          <div key={name}>
            <dt>{t('system.figure', { name })}</dt>
            <dd>{figureText(name, value)}</dd>
          </div>
        ))}
      </dl>
      <details className="system-problems">
        <summary>
          {p.problems.length > 0
            ? t('system.problems', { n: p.problems.length })
            : t('system.noProblems')}
        </summary>
        {p.problems.length > 0 ? (
          <ol>
            {p.problems.toReversed().map((problem) => (
              <li key={`${problem.at}-${problem.message}`} data-level={problem.level}>
                <time dateTime={problem.at}>{problem.at.slice(11, 19)}</time>{' '}
                <span className="system-problem-level">{problem.level}</span>{' '}
                <span className="muted">{problem.component}</span> {problem.message}
              </li>
            ))}
          </ol>
        ) : null}
      </details>
    </li>
  );
}
