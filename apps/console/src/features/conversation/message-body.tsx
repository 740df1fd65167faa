import type { Message } from '@flc/protocol/resources';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { messageTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n/index.tsx';
import { ConfirmDialog } from '../settings/components/dialog.tsx';
import { useChangeMessage } from './api/change-message.ts';
import { MessageAttachments } from './message-attachments.tsx';
import './message-body.css';
import { errorText } from '../../lib/i18n/errors.ts';

/**
 * A message's text in the history: deleted ones keep their place as a tombstone, edited ones
 * say so. When the agent may change it (their own; owners and admins: any agent's), Edit opens
 * it in place (Enter saves, Shift+Enter is a new line, Escape cancels, focus back on Edit) and
 * Delete asks first, then leaves the focus in the history.
 */
export function MessageBody({ message: m, canChange }: { message: Message; canChange: boolean }) {
  const { edit, remove } = useChangeMessage(m.conversationId);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const actions = useRef<HTMLDivElement>(null);
  const backToEdit = useRef(false);

  useEffect(() => {
    if (editing || !backToEdit.current) return;
    backToEdit.current = false;
    editButton.current?.focus();
  }, [editing]);

  if (m.deletedAt)
    return <div className="bubble bubble-deleted">{t('messageChanges.deleted')}</div>;

  const stop = () => {
    edit.reset();
    backToEdit.current = true;
    setEditing(false);
  };
  const save = () => {
    if (edit.isPending || draft.trim() === '') return;
    if (draft === m.body) return stop();
    edit.mutate({ seq: m.seq, body: draft }, { onSuccess: stop });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation(); // cancels the edit, not whatever Escape does in the page
      stop();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      save();
    }
  };

  if (editing) {
    return (
      <form
        className="msg-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <textarea
          aria-label={t('messageChanges.editLabel')}
          value={draft}
          rows={3}
          maxLength={4000}
          // biome-ignore lint/a11y/noAutofocus: the field the agent asked for by pressing Edit
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {edit.error ? (
          <p className="error" role="alert">
            {t('messageChanges.failed', { reason: errorText(edit.error) })}
          </p>
        ) : null}
        <div className="msg-editor-actions">
          <button type="button" onClick={stop}>
            {t('messageChanges.cancel')}
          </button>
          <button type="submit" className="primary" disabled={edit.isPending}>
            {edit.isPending ? t('messageChanges.saving') : t('messageChanges.save')}
          </button>
        </div>
      </form>
    );
  }

  const confirmed = () => {
    // The buttons go with the text (this line turns into a tombstone before the answer's
    // callbacks run): the focus is then put in the history, not left to fall to the page.
    const log = actions.current?.closest<HTMLElement>('[role="log"]');
    remove.mutate(m.seq, {
      onSuccess: () => requestAnimationFrame(() => log?.focus({ preventScroll: true })),
    });
  };
  return (
    <>
      {/* A message of files alone has no text to show. */}
      {m.body !== '' || !m.attachments?.length ? (
        <div className="bubble" title={messageTime(m.createdAt)}>
          {m.body}
        </div>
      ) : null}
      {m.attachments?.length ? <MessageAttachments attachments={m.attachments} /> : null}
      {m.editedAt ? (
        <span
          className="msg-edited"
          title={t('messageChanges.editedAt', { time: messageTime(m.editedAt) })}
        >
          {t('messageChanges.edited')}
        </span>
      ) : null}
      {canChange ? (
        <div className="msg-actions" ref={actions}>
          <button
            type="button"
            className="link"
            ref={editButton}
            aria-label={t('messageChanges.editMessage')}
            onClick={() => {
              setDraft(m.body);
              setEditing(true);
            }}
          >
            {t('messageChanges.edit')}
          </button>
          <button
            type="button"
            className="link"
            aria-label={t('messageChanges.deleteMessage')}
            onClick={() => setConfirming(true)}
          >
            {t('messageChanges.delete')}
          </button>
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={
            m.kind === 'note' ? t('messageChanges.deleteNote') : t('messageChanges.deleteTitle')
          }
          confirmLabel={t('messageChanges.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={remove.error ? errorText(remove.error) : undefined}
          onClose={() => {
            remove.reset();
            setConfirming(false);
          }}
          onConfirm={confirmed}
        >
          <p>{t('messageChanges.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
