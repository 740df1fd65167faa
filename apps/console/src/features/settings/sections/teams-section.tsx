import type { Team } from '@flc/protocol/resources';
import { useState } from 'react';
import { useTeam } from '../../../lib/agents.ts';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { teamWords as W } from '../../../lib/team-strings.ts';
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
      <SectionHeader title={W.section} description={W.sectionDescription} />
      <Card
        title={W.card}
        description={manager ? undefined : W.readOnly}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {W.create}
            </button>
          ) : null
        }
      >
        {teams.isPending ? (
          <Loading />
        ) : teams.isError ? (
          <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={W.empty}>{W.emptyHint}</Empty>
        ) : (
          <table className="table" aria-label={W.table}>
            <thead>
              <tr>
                <th scope="col">{W.columns.name}</th>
                <th scope="col">{W.columns.members}</th>
                {manager ? <th aria-label={W.columns.actions} /> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((team) => (
                <tr key={team.id}>
                  <td>{team.name}</td>
                  <td className="muted">
                    {team.memberIds.map((id) => names.get(id) ?? '…').join(', ') || W.noMembers}
                  </td>
                  {manager ? (
                    <EditDeleteCell
                      words={{
                        edit: W.edit,
                        editLabel: W.editTeam(team.name),
                        delete: W.delete,
                        deleteLabel: W.deleteTeam(team.name),
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
          title={W.deleteTitle(deleting.name)}
          confirmLabel={W.deleteConfirm}
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>{W.deleteBody}</p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
