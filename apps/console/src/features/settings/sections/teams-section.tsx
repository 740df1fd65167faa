import type { Team } from '@flc/protocol/resources';
import { useState } from 'react';
import { useTeam } from '../../../lib/agents.ts';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { t } from '../../../lib/i18n/index.tsx';
import { useDeleteTeam, useTeams } from '../../../lib/teams.ts';
import { ConfirmDeletion } from '../components/dialog.tsx';
import { EditDeleteCell } from '../components/row-actions.tsx';
import { Card, Empty, ErrorState, Loading } from '../components/states.tsx';
import { AssignmentPolicyCard, CapacityCard } from './assignment-cards.tsx';
import { SectionHeader } from './section-header.tsx';
import { TeamDialog } from './team-dialog.tsx';
import './teams.css';

/** Teams, each agent's capacity and each environment's assignment policy. */
export function TeamsSection() {
  const me = useMe();
  const manager = canManage(me.data?.agent.role);
  const teams = useTeams();
  const agents = useTeam().data ?? [];
  const names = new Map(agents.map((a) => [a.id, a.name]));
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const remove = useDeleteTeam();
  const items = teams.data ?? [];
  return (
    <>
      <SectionHeader title={t('teams.section')} description={t('teams.sectionDescription')} />
      <Card
        title={t('teams.card')}
        description={manager ? undefined : t('teams.readOnly')}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {t('teams.create')}
            </button>
          ) : null
        }
      >
        {teams.isPending ? (
          <Loading />
        ) : teams.isError ? (
          <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={t('teams.empty')}>{t('teams.emptyHint')}</Empty>
        ) : (
          <table className="table" aria-label={t('teams.table')}>
            <thead>
              <tr>
                <th scope="col">{t('teams.columnsName')}</th>
                <th scope="col">{t('teams.columnsMembers')}</th>
                {manager ? <th aria-label={t('teams.columnsActions')} /> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((team) => (
                <tr key={team.id}>
                  <td>{team.name}</td>
                  <td className="muted">
                    {team.memberIds.map((id) => names.get(id) ?? '…').join(', ') ||
                      t('teams.noMembers')}
                  </td>
                  {manager ? (
                    <EditDeleteCell
                      words={{
                        edit: t('teams.edit'),
                        editLabel: t('teams.editTeam', { name: team.name }),
                        delete: t('teams.delete'),
                        deleteLabel: t('teams.deleteTeam', { name: team.name }),
                      }}
                      onEdit={() => setEditing(team)}
                      onDelete={() => setDeleting(team)}
                    />
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <AssignmentPolicyCard manager={manager} teams={items} />
      <CapacityCard manager={manager} agents={agents} />
      {editing ? (
        <TeamDialog
          {...(editing === 'new' ? {} : { team: editing })}
          agents={agents}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDeletion
          title={t('teams.deleteTitle', { name: deleting.name })}
          confirmLabel={t('teams.deleteConfirm')}
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>{t('teams.deleteBody')}</p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
