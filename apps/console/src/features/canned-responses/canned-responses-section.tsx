import type { CannedResponse, CannedResponseScope } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../lib/auth.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { ConfirmDeletion } from '../settings/components/dialog.tsx';
import { Card, Empty, ErrorState, Loading } from '../settings/components/states.tsx';
import { SectionHeader } from '../settings/sections/section-header.tsx';
import { useCannedResponses, useDeleteCannedResponse } from './api/canned-responses.ts';
import { CannedResponseDialog } from './canned-response-dialog.tsx';
import './canned.css';

type Editing = { scope: CannedResponseScope; response?: CannedResponse };

/** Settings → Canned responses: the organization's (owners and admins edit) and one's own. */
export function CannedResponsesSection() {
  const me = useMe();
  const manager = canManage(me.data?.agent.role);
  const list = useCannedResponses();
  const remove = useDeleteCannedResponse();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const items = list.data ?? [];

  const group = (scope: CannedResponseScope, mayEdit: boolean) => {
    const mine = items.filter((r) => r.scope === scope);
    const personal = scope === 'personal';
    if (list.isPending) return <Loading />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (mine.length === 0) {
      return (
        <Empty title={personal ? t('canned.emptyPersonal') : t('canned.emptyOrganization')}>
          {t('canned.emptyHint')}
        </Empty>
      );
    }
    return (
      <ul
        className="rows"
        aria-label={personal ? t('canned.listPersonal') : t('canned.listOrganization')}
      >
        {mine.map((r) => (
          <li key={r.id} className="row canned-row">
            <div className="row-main">
              <div className="row-title">
                <code className="canned-shortcut">/{r.shortcut}</code>
                <span>{r.title}</span>
              </div>
              <p className="row-sub muted canned-body">{r.body}</p>
              {personal ? null : (
                <p className="canned-author muted">{t('canned.by', { name: r.author.name })}</p>
              )}
            </div>
            {mayEdit ? (
              <div className="row-actions">
                <button
                  type="button"
                  aria-label={t('canned.editLabel', { shortcut: r.shortcut })}
                  onClick={() => setEditing({ scope, response: r })}
                >
                  {t('canned.edit')}
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={t('canned.deleteLabel', { shortcut: r.shortcut })}
                  onClick={() => setDeleting(r)}
                >
                  {t('canned.delete')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <>
      <SectionHeader title={t('canned.title')} description={t('canned.description')} />
      <Card
        title={t('canned.organizationTitle')}
        description={
          manager
            ? t('canned.organizationDescription')
            : `${t('canned.organizationDescription')} ${t('canned.organizationReadOnly')}`
        }
        actions={
          manager ? (
            <button
              type="button"
              className="primary"
              onClick={() => setEditing({ scope: 'organization' })}
            >
              {t('canned.addOrganization')}
            </button>
          ) : null
        }
      >
        {group('organization', manager)}
      </Card>
      <Card
        title={t('canned.personalTitle')}
        description={t('canned.personalDescription')}
        actions={
          <button
            type="button"
            className="primary"
            onClick={() => setEditing({ scope: 'personal' })}
          >
            {t('canned.addPersonal')}
          </button>
        }
      >
        {group('personal', true)}
      </Card>
      {editing ? (
        <CannedResponseDialog
          scope={editing.scope}
          response={editing.response}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDeletion
          title={t('canned.deleteTitle', { shortcut: deleting.shortcut })}
          confirmLabel={t('canned.deleteConfirm')}
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>{t('canned.deleteBody', { title: deleting.title })}</p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
