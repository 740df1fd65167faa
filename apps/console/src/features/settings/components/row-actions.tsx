/**
 * A table row's Edit and Delete buttons, each named for its row (`Edit label VIP`), so a screen
 * reader and a test tell the rows' buttons apart.
 */
export function EditDeleteCell({
  words,
  onEdit,
  onDelete,
}: {
  words: { edit: string; editLabel: string; delete: string; deleteLabel: string };
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <td className="cell-actions">
      <button type="button" aria-label={words.editLabel} onClick={onEdit}>
        {words.edit}
      </button>{' '}
      <button type="button" className="danger" aria-label={words.deleteLabel} onClick={onDelete}>
        {words.delete}
      </button>
    </td>
  );
}
