import type { Agent, Invitation, Role } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { FormAlert } from '../../../lib/field.tsx';
import { formErrors } from '../../../lib/form-errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useAgents } from '../api/get-agents.ts';
import { useReinviteAgent } from '../api/invite-agent.ts';
import { useRemoveAgent, useResetTwoFactor, useUpdateAgent } from '../api/update-agent.ts';
import { ConfirmDialog } from '../components/dialog.tsx';
import { Badge, Card, Empty, ErrorState, Loading } from '../components/states.tsx';
import { initials, relativeTime, roleLabel } from '../format.ts';
import { InvitationDialog, InviteDialog } from './invite-dialog.tsx';
import { SectionHeader } from './section-header.tsx';

const ROLES: Role[] = ['owner', 'admin', 'agent'];

/** Admins manage admins and agents; owners manage everyone (the API enforces the same). */
const mayManage = (me: Role, target: Role) =>
  canManage(me) && (me === 'owner' || target !== 'owner');

export function AgentsSection() {
  const me = useMe();
  const agents = useAgents();
  const [inviting, setInviting] = useState(false);
  const [issued, setIssued] = useState<Invitation | null>(null);
  const [removing, setRemoving] = useState<Agent | null>(null);
  const update = useUpdateAgent();
  const remove = useRemoveAgent();
  const reinvite = useReinviteAgent();
  const resetTwoFactor = useResetTwoFactor();
  /** The agent whose two-factor reset waits for a second press. */
  const [resetting, setResetting] = useState<string | null>(null);
  const myRole = me.data?.agent.role ?? 'agent';
  const manager = canManage(myRole);
  const members = agents.data?.pages.flatMap((p) => p.items) ?? [];
  const rowError = update.error ?? reinvite.error ?? resetTwoFactor.error;

  return (
    <>
      <SectionHeader
        title={t('settings.agents')}
        description={t('settings.agentsDescription')}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setInviting(true)}>
              {t('settings.inviteAgent')}
            </button>
          ) : null
        }
      />
      <FormAlert>{rowError && formErrors(rowError).form}</FormAlert>
      {agents.isPending ? (
        <Loading />
      ) : agents.isError ? (
        <ErrorState error={agents.error} onRetry={() => void agents.refetch()} />
      ) : members.length === 0 ? (
        <Empty title={t('settings.noAgents')} />
      ) : (
        <Card title={`${members.length} ${members.length === 1 ? 'member' : 'members'}`}>
          <ul className="rows" aria-label={t('settings.agents')}>
            {members.map((agent) => {
              const self = agent.id === me.data?.agent.id;
              const editable = mayManage(myRole, agent.role) && !self;
              return (
                <li key={agent.id} className="row agent-row">
                  <span className="avatar" aria-hidden="true">
                    {initials(agent.name)}
                    {agent.presence ? (
                      <span className={`presence presence-${agent.presence}`} />
                    ) : null}
                  </span>
                  <div className="row-main">
                    <div className="row-title">
                      <span>
                        {agent.name}
                        {self ? <span className="muted"> {t('settings.youMark')}</span> : null}
                      </span>
                      {agent.status === 'invited' ? (
                        <Badge tone="amber">{t('settings.invited')}</Badge>
                      ) : null}
                      {agent.status === 'disabled' ? (
                        <Badge tone="gray">{t('settings.disabled')}</Badge>
                      ) : null}
                    </div>
                    <div className="row-sub muted">{agent.email}</div>
                  </div>
                  <div className="row-meta muted small">
                    {agent.status === 'invited'
                      ? t('settings.invitedAgo', { ago: relativeTime(agent.createdAt) })
                      : t('settings.addedAgo', { ago: relativeTime(agent.createdAt) })}
                  </div>
                  {editable ? (
                    <select
                      className="role-select"
                      aria-label={t('settings.roleOf', { name: agent.name })}
                      value={agent.role}
                      disabled={update.isPending}
                      onChange={(e) =>
                        update.mutate({ id: agent.id, patch: { role: e.target.value as Role } })
                      }
                    >
                      {ROLES.filter((r) => myRole === 'owner' || r !== 'owner').map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="role-label">{roleLabel(agent.role)}</span>
                  )}
                  <div className="row-actions">
                    {editable && agent.status === 'invited' ? (
                      <button
                        type="button"
                        aria-label={t('invite.renewLabel', { name: agent.name })}
                        disabled={reinvite.isPending}
                        onClick={() => reinvite.mutate(agent.id, { onSuccess: setIssued })}
                      >
                        {t('invite.renew')}
                      </button>
                    ) : null}
                    {editable && agent.status !== 'invited' ? (
                      <button
                        type="button"
                        disabled={update.isPending}
                        onClick={() =>
                          update.mutate({
                            id: agent.id,
                            patch: { status: agent.status === 'active' ? 'disabled' : 'active' },
                          })
                        }
                      >
                        {agent.status === 'active' ? t('settings.disable') : t('settings.enable')}
                      </button>
                    ) : null}
                    {myRole === 'owner' && !self && agent.twoFactorEnabled ? (
                      resetting === agent.id ? (
                        <button
                          type="button"
                          className="danger"
                          aria-label={t('settings.confirmResetOf', { name: agent.name })}
                          disabled={resetTwoFactor.isPending}
                          onClick={() =>
                            resetTwoFactor.mutate(agent.id, { onSettled: () => setResetting(null) })
                          }
                        >
                          {t('settings.confirmReset')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          aria-label={t('settings.resetOf', { name: agent.name })}
                          onClick={() => setResetting(agent.id)}
                        >
                          {t('twoFactor.reset')}
                        </button>
                      )
                    ) : null}
                    {editable ? (
                      <button type="button" className="danger" onClick={() => setRemoving(agent)}>
                        {t('settings.remove')}
                      </button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          {agents.hasNextPage ? (
            <button
              type="button"
              className="load-more"
              disabled={agents.isFetchingNextPage}
              onClick={() => void agents.fetchNextPage()}
            >
              {agents.isFetchingNextPage ? t('common.loading') : t('settings.showMore')}
            </button>
          ) : null}
        </Card>
      )}
      {inviting ? (
        <InviteDialog
          ownerInvites={myRole === 'owner'}
          onClose={() => setInviting(false)}
          onInvited={(invitation) => {
            setInviting(false);
            setIssued(invitation);
          }}
        />
      ) : null}
      {issued ? <InvitationDialog invitation={issued} onClose={() => setIssued(null)} /> : null}
      {removing ? (
        <ConfirmDialog
          title={t('settings.removeTitle', { name: removing.name })}
          confirmLabel={t('settings.removeAgent')}
          danger
          pending={remove.isPending}
          error={remove.error ? formErrors(remove.error).form : null}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        >
          <p>{t('settings.removeBody', { email: removing.email })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
