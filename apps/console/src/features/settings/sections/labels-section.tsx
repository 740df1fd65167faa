import type { Label } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { t } from '../../../lib/i18n/index.tsx';
import { LabelChip } from '../../../lib/label-chips.tsx';
import { useLabels } from '../../../lib/labels.ts';
import { useDeleteLabel } from '../api/labels.ts';
import { ConfirmDeletion } from '../components/dialog.tsx';
import { EditDeleteCell } from '../components/row-actions.tsx';
import { Card, Empty, ErrorState, Loading } from '../components/states.tsx';
import { LabelDialog } from './label-dialog.tsx';
import { SectionHeader } from './section-header.tsx';

/** The organization's labels: every agent sees them; owners and admins create and change them. */
export function LabelsSection() {
  const me = useMe();
  const manager = canManage(me.data?.agent.role);
  const labels = useLabels();
  const [editing, setEditing] = useState<Label | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Label | null>(null);
  const remove = useDeleteLabel();
  const items = labels.data ?? [];
  return (
    <>
      <SectionHeader title={t('labels.section')} description={t('labels.sectionDescription')} />
      <Card
        title={t('labels.card')}
        description={manager ? undefined : t('labels.readOnly')}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {t('labels.create')}
            </button>
          ) : null
        }
      >
        {labels.isPending ? (
          <Loading />
        ) : labels.isError ? (
          <ErrorState error={labels.error} onRetry={() => void labels.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={t('labels.empty')}>{t('labels.emptyHint')}</Empty>
        ) : (
          <table className="table labels-table" aria-label={t('labels.table')}>
            <thead>
              <tr>
                <th scope="col">{t('labels.columnsLabel')}</th>
                <th scope="col">{t('labels.columnsDescription')}</th>
                <th scope="col">{t('labels.columnsColor')}</th>
                {manager ? <th aria-label={t('labels.columnsActions')} /> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((label) => (
                <tr key={label.id}>
                  <td>
                    <LabelChip label={label} />
                  </td>
                  <td className="muted">{label.description ?? '—'}</td>
                  <td>
                    <code>{label.color}</code>
                  </td>
                  {manager ? (
                    <EditDeleteCell
                      words={{
                        edit: t('labels.edit'),
                        editLabel: t('labels.editLabel', { name: label.name }),
                        delete: t('labels.delete'),
                        deleteLabel: t('labels.deleteLabel', { name: label.name }),
                      }}
                      onEdit={() => setEditing(label)}
                      onDelete={() => setDeleting(label)}
                    />
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {editing ? (
        <LabelDialog
          {...(editing === 'new' ? {} : { label: editing })}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDeletion
          title={t('labels.deleteTitle', { name: deleting.name })}
          confirmLabel={t('labels.deleteConfirm')}
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>
            <LabelChip label={deleting} /> {t('labels.deleteBody')}
          </p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
