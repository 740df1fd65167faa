import { t } from '../../lib/i18n/index.tsx';

/**
 * The written mark of a visitor's reply by mail (`via: "email"`): the visitor is not on the site
 * and reads the answer in their inbox, which an agent should know before expecting a quick turn.
 */
export function ViaEmailBadge() {
  return (
    <span className="via-badge" title={t('timeline.viaEmailHint')}>
      <svg width="13" height="13" viewBox="0 0 24 24" fill="none" aria-hidden="true">
        <rect x="3" y="5" width="18" height="14" rx="2" stroke="currentColor" strokeWidth="2" />
        <path d="m4 7 8 6 8-6" stroke="currentColor" strokeWidth="2" />
      </svg>
      {t('timeline.viaEmail')}
    </span>
  );
}
