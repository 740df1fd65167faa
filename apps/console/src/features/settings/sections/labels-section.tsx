import type { Label } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { LabelChip } from '../../../lib/label-chips.tsx';
import { labelWords as W } from '../../../lib/label-strings.ts';
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
        {labels.isPending ? (
          <Loading />
        ) : labels.isError ? (
          <ErrorState error={labels.error} onRetry={() => void labels.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={W.empty}>{W.emptyHint}</Empty>
        ) : (
          <table className="table labels-table" aria-label={W.table}>
            <thead>
              <tr>
                <th scope="col">{W.columns.label}</th>
                <th scope="col">{W.columns.description}</th>
                <th scope="col">{W.columns.color}</th>
                {manager ? <th aria-label={W.columns.actions} /> : null}
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
                        edit: W.edit,
                        editLabel: W.editLabel(label.name),
                        delete: W.delete,
                        deleteLabel: W.deleteLabel(label.name),
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
          title={W.deleteTitle(deleting.name)}
          confirmLabel={W.deleteConfirm}
          removal={remove}
          id={deleting.id}
          onDone={() => setDeleting(null)}
        >
          <p>
            <LabelChip label={deleting} /> {W.deleteBody}
          </p>
        </ConfirmDeletion>
      ) : null}
    </>
  );
}
