import type { ConversationStatus } from '@flc/protocol/resources';
import type { AssigneeFilter, ConversationFilters } from '../../lib/conversations.ts';
import { type MessageKey, useT } from '../../lib/i18n/index.tsx';
import { useLabels } from '../../lib/labels.ts';
import { useEnvironmentOptions } from './api/get-environments.ts';

const statuses: { value: ConversationStatus; label: MessageKey }[] = [
  { value: 'open', label: 'inbox.open' },
  { value: 'snoozed', label: 'inbox.snoozed' },
  { value: 'closed', label: 'inbox.closed' },
];
const assignees: { value: AssigneeFilter; label: MessageKey }[] = [
  { value: 'all', label: 'inbox.all' },
  { value: 'me', label: 'inbox.mine' },
  { value: 'none', label: 'inbox.unassigned' },
];

export function InboxFilters({
  filters,
  onChange,
}: {
  filters: ConversationFilters;
  onChange(next: ConversationFilters): void;
}) {
  const t = useT();
  return (
    <div className="inbox-filters">
      <fieldset className="inbox-tabs" aria-label={t('inbox.status')}>
        {statuses.map((s) => (
          <button
            key={s.value}
            type="button"
            aria-pressed={filters.status === s.value}
            onClick={() => onChange({ ...filters, status: s.value })}
          >
            {t(s.label)}
          </button>
        ))}
      </fieldset>
      <div className="inbox-filter-row">
        <fieldset className="inbox-chips" aria-label={t('inbox.assignee')}>
          {assignees.map((a) => (
            <button
              key={a.value}
              type="button"
              className="inbox-chip"
              aria-pressed={filters.assignee === a.value}
              onClick={() => onChange({ ...filters, assignee: a.value })}
            >
              {t(a.label)}
            </button>
          ))}
        </fieldset>
        <LabelFilter filters={filters} onChange={onChange} />
      </div>
    </div>
  );
}

/** Shown once the organization has a label (or one is chosen); "All labels" by default. */
function LabelFilter({
  filters,
  onChange,
}: {
  filters: ConversationFilters;
  onChange(next: ConversationFilters): void;
}) {
  const t = useT();
  const query = useLabels();
  const labels = query.data ?? [];
  if (labels.length === 0 && !filters.labelId) return null;
  // The address names a label the list does not hold (yet, or any more): still the one chosen.
  const unknown = filters.labelId && !labels.some((l) => l.id === filters.labelId);
  return (
    <select
      className="env-select label-select"
      aria-label={t('labels.filter')}
      value={filters.labelId ?? ''}
      onChange={(e) => onChange({ ...filters, labelId: e.target.value || null })}
    >
      <option value="">{t('labels.filterAll')}</option>
      {unknown ? (
        <option value={filters.labelId ?? ''}>
          {query.isPending ? t('labels.filterLoading') : t('labels.filterUnknown')}
        </option>
      ) : null}
      {labels.map((label) => (
        <option key={label.id} value={label.id}>
          {label.name}
        </option>
      ))}
    </select>
  );
}

/** Shown once the organization has an environment; "All" by default. */
export function EnvironmentFilter({
  filters,
  onChange,
}: {
  filters: ConversationFilters;
  onChange(next: ConversationFilters): void;
}) {
  const t = useT();
  const environments = useEnvironmentOptions();
  const envs = environments.data ?? [];
  if (envs.length === 0 && !filters.environmentId) return null;
  return (
    <select
      className="env-select"
      aria-label={t('inbox.environment')}
      value={filters.environmentId ?? ''}
      onChange={(e) => onChange({ ...filters, environmentId: e.target.value || null })}
    >
      <option value="">{t('inbox.allEnvironments')}</option>
      {envs.map((env) => (
        <option key={env.id} value={env.id}>
          {env.name}
        </option>
      ))}
    </select>
  );
}
