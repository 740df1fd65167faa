import type { Conversation } from '@flc/protocol/resources';
import { useId } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { useTeams } from '../../lib/teams.ts';
import { useUpdateConversation } from './api/update-conversation.ts';

/** The conversation's team, beside its assignee: a native select, so keys work as everywhere. */
export function TeamPicker({ conversation }: { conversation: Conversation }) {
  const id = useId();
  const teams = useTeams().data ?? [];
  const update = useUpdateConversation(conversation.id);
  if (teams.length === 0 && conversation.teamId === null) return null;
  return (
    <div className="team-picker">
      <label htmlFor={id} className="visually-hidden">
        {t('teams.picker')}
      </label>
      <select
        id={id}
        value={conversation.teamId ?? ''}
        title={t('teams.picker')}
        onChange={(e) => update.mutate({ teamId: e.target.value || null })}
      >
        <option value="">{t('teams.pickerNone')}</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}
