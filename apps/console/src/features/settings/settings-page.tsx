import type { ReactNode } from 'react';
import { canManage, useMe } from '../../lib/auth.tsx';
import { type MessageKey, t } from '../../lib/i18n/index.tsx';
import { Link, useLocation } from '../../lib/router.tsx';
import { CannedResponsesSection } from '../canned-responses/canned-responses-section.tsx';
import { Shell } from '../shell/shell.tsx';
import { SecuritySection } from '../two-factor/security-section.tsx';
import { Loading } from './components/states.tsx';
import { AgentsSection } from './sections/agents-section.tsx';
import { ApiKeysSection } from './sections/api-keys-section.tsx';
import { AuditLogSection } from './sections/audit-log-section.tsx';
import { EnvironmentsSection } from './sections/environments-section.tsx';
import { LabelsSection } from './sections/labels-section.tsx';
import { OrganizationSection } from './sections/organization-section.tsx';
import { PlanSection } from './sections/plan-section.tsx';
import { SsoSection } from './sections/sso-section.tsx';
import { TeamsSection } from './sections/teams-section.tsx';
import { WebhooksSection } from './sections/webhooks-section.tsx';
import './settings.css';

interface Section {
  id: string;
  label: MessageKey;
  render: () => ReactNode;
  /** Shown to owners only (the API refuses the others). */
  ownersOnly?: boolean;
}

export const SECTIONS: readonly Section[] = [
  { id: 'organization', label: 'settings.organization', render: () => <OrganizationSection /> },
  { id: 'plan', label: 'plan.section', render: () => <PlanSection /> },
  { id: 'security', label: 'twoFactor.sectionTitle', render: () => <SecuritySection /> },
  { id: 'agents', label: 'settings.agents', render: () => <AgentsSection /> },
  { id: 'teams', label: 'teams.section', render: () => <TeamsSection /> },
  { id: 'environments', label: 'settings.environments', render: () => <EnvironmentsSection /> },
  { id: 'labels', label: 'labels.section', render: () => <LabelsSection /> },
  { id: 'api-keys', label: 'settings.apiKeys', render: () => <ApiKeysSection /> },
  { id: 'webhooks', label: 'settings.webhooks', render: () => <WebhooksSection /> },
  {
    id: 'canned-responses',
    label: 'canned.nav',
    render: () => <CannedResponsesSection />,
  },
  { id: 'sso', label: 'ssoSettings.title', render: () => <SsoSection />, ownersOnly: true },
  { id: 'audit-log', label: 'audit.title', render: () => <AuditLogSection />, ownersOnly: true },
];

/** `/settings/:section?`: a side nav of sections, the chosen one beside it. */
export function SettingsPage({ section }: { section: string | undefined }) {
  const me = useMe();
  const { search } = useLocation();
  const owner = me.data?.agent.role === 'owner';
  const sections = SECTIONS.filter((s) => owner || !s.ownersOnly);
  // An owners' section asked for before the role is known waits for it, rather than showing
  // another section first (to an owner) or asking the API for what it refuses (to the others).
  const waiting = !me.data && SECTIONS.some((s) => s.id === section && s.ownersOnly);
  const current = sections.find((s) => s.id === section) ?? (sections[0] as Section);
  // The environment chosen in one section stays chosen in the others.
  const env = search.get('env');
  const keep = (id: string) =>
    env && ['environments', 'api-keys', 'webhooks'].includes(id) ? `?env=${env}` : '';
  return (
    <Shell>
      <div className="settings">
        <nav className="settings-nav" aria-label={t('settings.title')}>
          <h1>{t('settings.title')}</h1>
          {sections.map((s) => (
            <Link
              key={s.id}
              to={`/settings/${s.id}${keep(s.id)}`}
              className="settings-link"
              aria-current={s.id === current.id ? 'page' : undefined}
            >
              {t(s.label)}
            </Link>
          ))}
          {me.data && !canManage(me.data.agent.role) ? (
            <p className="settings-role muted">{t('settings.readOnly')}</p>
          ) : null}
        </nav>
        <div className="settings-content">
          <div className="settings-inner">{waiting ? <Loading /> : current.render()}</div>
        </div>
      </div>
    </Shell>
  );
}
