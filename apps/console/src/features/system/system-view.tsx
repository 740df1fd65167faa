import type { DependencyCheck, ProcessStatus, SystemStatus } from '@flc/protocol/resources';
import { shortAgo } from '../../lib/format.ts';
import { t } from '../../lib/i18n/index.tsx';
import { figureText } from './figures.ts';
import './system.css';

/**
 * The install's stores, then a card per process: the System page's body, and the operators'
 * Service health page's. `level` is its sections' heading level (the cards' one below).
 */
export function SystemView({ data, level = 2 }: { data: SystemStatus; level?: 2 | 3 }) {
  const Section = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <section className="system-section" aria-labelledby="system-dependencies">
        <Section id="system-dependencies">{t('system.dependencies')}</Section>
        <dl className="system-checks">
          <Check name={t('system.database')} check={data.database} />
          <Check name={t('system.redis')} check={data.redis} />
        </dl>
      </section>
      <section className="system-section" aria-labelledby="system-processes">
        <Section id="system-processes">{t('system.processes')}</Section>
        {data.processes.length === 0 ? (
          <p>{t('system.none')}</p>
        ) : (
          <ul className="system-processes">
            {data.processes.map((p) => (
              <ProcessCard key={p.id} process={p} level={level} />
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

function ProcessCard({ process: p, level }: { process: ProcessStatus; level: 2 | 3 }) {
  const Title = level === 2 ? 'h3' : 'h4';
  const titleId = `process-${p.id}`;
  const figures = Object.entries(p.stats).filter(([name]) => FIGURES.has(name));
  return (
    <li className="system-process" data-state={p.state} aria-labelledby={titleId}>
      <Title id={titleId}>
        {t('system.role', { role: p.role })}{' '}
        <span className="muted">
          {p.host} · {p.pid}
        </span>
      </Title>
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
