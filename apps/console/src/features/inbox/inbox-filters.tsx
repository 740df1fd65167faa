import type { ConversationStatus } from '@flc/protocol/resources';
import type { AssigneeFilter, ConversationFilters } from '../../lib/conversations.ts';
import { labelWords } from '../../lib/label-strings.ts';
import { useLabels } from '../../lib/labels.ts';
import { useEnvironmentOptions } from './api/get-environments.ts';

const statuses: { value: ConversationStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'closed', label: 'Closed' },
];
const assignees: { value: AssigneeFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'me', label: 'Mine' },
  { value: 'none', label: 'Unassigned' },
];

export function InboxFilters({
  filters,
  onChange,
}: {
  filters: ConversationFilters;
  onChange(next: ConversationFilters): void;
}) {
  return (
    <div className="inbox-filters">
      <fieldset className="inbox-tabs" aria-label="Status">
        {statuses.map((s) => (
          <button
            key={s.value}
            type="button"
            aria-pressed={filters.status === s.value}
            onClick={() => onChange({ ...filters, status: s.value })}
          >
            {s.label}
          </button>
        ))}
      </fieldset>
      <div className="inbox-filter-row">
        <fieldset className="inbox-chips" aria-label="Assignee">
          {assignees.map((a) => (
            <button
              key={a.value}
              type="button"
              className="inbox-chip"
              aria-pressed={filters.assignee === a.value}
              onClick={() => onChange({ ...filters, assignee: a.value })}
            >
              {a.label}
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
  const query = useLabels();
  const labels = query.data ?? [];
  if (labels.length === 0 && !filters.labelId) return null;
  // The address names a label the list does not hold (yet, or any more): still the one chosen.
  const unknown = filters.labelId && !labels.some((l) => l.id === filters.labelId);
  return (
    <select
      className="env-select label-select"
      aria-label={labelWords.filter}
      value={filters.labelId ?? ''}
      onChange={(e) => onChange({ ...filters, labelId: e.target.value || null })}
    >
      <option value="">{labelWords.filterAll}</option>
      {unknown ? (
        <option value={filters.labelId ?? ''}>
          {query.isPending ? labelWords.filterLoading : labelWords.filterUnknown}
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
  const environments = useEnvironmentOptions();
  const envs = environments.data ?? [];
  if (envs.length === 0 && !filters.environmentId) return null;
  return (
    <select
      className="env-select"
      aria-label="Environment"
      value={filters.environmentId ?? ''}
      onChange={(e) => onChange({ ...filters, environmentId: e.target.value || null })}
    >
      <option value="">All environments</option>
      {envs.map((env) => (
        <option key={env.id} value={env.id}>
          {env.name}
        </option>
      ))}
    </select>
  );
}
