import type { ReactNode } from 'react';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';

export function Loading({ label = t('common.loading') }: { label?: string }) {
  return (
    <div className="state" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>{t('common.unexpected')}</strong> {errorText(error)}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <strong>{title}</strong>
      {children ? <p className="muted">{children}</p> : null}
      {action}
    </div>
  );
}

/** A titled panel of a settings page. */
export function Card({
  title,
  description,
  actions,
  children,
  tone,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  tone?: 'danger';
}) {
  return (
    <section className={tone === 'danger' ? 'card card-danger' : 'card'}>
      <header className="card-head">
        <div>
          <h3>{title}</h3>
          {description ? <p className="muted">{description}</p> : null}
        </div>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      {children ? <div className="card-body">{children}</div> : null}
    </section>
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'green' | 'gray' | 'red' | 'amber' | 'blue';
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
