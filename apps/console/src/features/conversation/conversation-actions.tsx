import type { Agent, Conversation } from '@flc/protocol/resources';
import { useEffect, useRef, useState } from 'react';
import { assignable } from '../../lib/agents.ts';
import { Avatar } from '../../lib/avatar.tsx';
import { useCommand } from '../../lib/commands.ts';
import { untilLabel } from '../../lib/format.ts';
import { errorText } from '../../lib/i18n/errors.ts';
import { currentLocale, t } from '../../lib/i18n/index.tsx';
import { useUpdateConversation } from './api/update-conversation.ts';
import { type SnoozePreset, snoozePresets } from './snooze.ts';
import { TeamPicker } from './team-picker.tsx';

interface Props {
  conversation: Conversation;
  team: readonly Agent[];
  meId: string | null;
}

/** Assign, snooze (until a time, or until the visitor writes), close and reopen; also `a`, `s`, `e`. */
export function ConversationActions({ conversation, team, meId }: Props) {
  const update = useUpdateConversation(conversation.id);
  const status = conversation.status;
  const [snoozing, setSnoozing] = useState(false);
  const assignTo = (assigneeId: string | null) => {
    if (assigneeId !== conversation.assigneeId) update.mutate({ assigneeId });
  };
  const setStatus = (next: Conversation['status']) => {
    if (next !== status) update.mutate({ status: next });
  };

  useCommand('assign-me', () => meId && assignTo(meId));
  useCommand('snooze', () => status === 'open' && setSnoozing(true));
  const snooze = (preset: SnoozePreset) => {
    setSnoozing(false);
    update.mutate(
      preset.until
        ? { status: 'snoozed', snoozedUntil: preset.until.toISOString() }
        : { status: 'snoozed' },
    );
  };
  useCommand('close', () => setStatus('closed'));

  return (
    <div className="conv-actions">
      <TeamPicker conversation={conversation} />
      <AssignMenu
        assigneeId={conversation.assigneeId}
        team={team}
        meId={meId}
        onAssign={assignTo}
      />
      {status === 'open' ? (
        <>
          <SnoozeMenu open={snoozing} onOpenChange={setSnoozing} onSnooze={snooze} />
          <button
            type="button"
            className="primary"
            onClick={() => setStatus('closed')}
            title={t('conversation.closeHint')}
          >
            {t('conversation.close')}
          </button>
        </>
      ) : (
        <button type="button" className="primary" onClick={() => setStatus('open')}>
          {t('conversation.reopen')}
        </button>
      )}
      {update.isError ? (
        <span className="conv-actions-error" role="alert">
          {errorText(update.error)}
        </span>
      ) : null}
    </div>
  );
}

/** The snooze choices, with when each ends; arrows move, Enter picks, Esc closes. */
function SnoozeMenu({
  open,
  onOpenChange,
  onSnooze,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  onSnooze(preset: SnoozePreset): void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // Computed as the menu opens: "1 hour" means an hour from the click.
  const [presets, setPresets] = useState<SnoozePreset[]>([]);
  useEffect(() => {
    if (!open) return;
    const now = new Date();
    setPresets(snoozePresets(now));
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) onOpenChange(false);
    };
    const keys = (e: KeyboardEvent) => {
      const items = Array.from(list.current?.querySelectorAll('button') ?? []);
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'Escape') onOpenChange(false);
      else if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
      else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', keys, true);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', keys, true);
    };
  }, [open, onOpenChange]);
  useEffect(() => {
    if (open && presets.length > 0) list.current?.querySelector('button')?.focus();
  }, [open, presets]);
  const hint = (p: SnoozePreset) => {
    if (!p.until) return '';
    if (p.id === 'hour') return untilLabel(p.until.toISOString());
    return p.until.toLocaleDateString(currentLocale(), {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    });
  };
  return (
    <div className="assign-menu snooze-menu" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t('conversation.snoozeHint')}
        onClick={() => onOpenChange(!open)}
      >
        {t('conversation.snooze')} <span className="caret" aria-hidden="true" />
      </button>
      {open && presets.length > 0 ? (
        <div
          className="assign-menu-list snooze-menu-list"
          role="menu"
          aria-label={t('conversation.snooze')}
          ref={list}
        >
          {presets.map((p) => (
            <button key={p.id} type="button" role="menuitem" onClick={() => onSnooze(p)}>
              <span className="snooze-menu-label">{p.label}</span>
              <span className="snooze-menu-hint">{hint(p)}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function AssignMenu({
  assigneeId,
  team,
  meId,
  onAssign,
}: {
  assigneeId: string | null;
  team: readonly Agent[];
  meId: string | null;
  onAssign(id: string | null): void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc, true);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc, true);
    };
  }, [open]);
  const current = team.find((a) => a.id === assigneeId);
  const choose = (id: string | null) => {
    setOpen(false);
    onAssign(id);
  };
  return (
    <div className="assign-menu" ref={root}>
      <button
        type="button"
        className="assign-button"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t('conversation.assignHint')}
        onClick={() => setOpen((o) => !o)}
      >
        {current ? (
          <Avatar id={current.id} name={current.name} size={20} />
        ) : (
          <span className="assign-none" aria-hidden="true" />
        )}
        <span className="assign-label">
          {current
            ? current.id === meId
              ? t('conversation.you')
              : current.name
            : t('conversation.unassigned')}
        </span>
        <span className="caret" aria-hidden="true" />
      </button>
      {open ? (
        <div className="assign-menu-list" role="menu">
          {assignable(team, meId).map((a) => (
            <button
              key={a.id}
              type="button"
              role="menuitemradio"
              aria-checked={a.id === assigneeId}
              onClick={() => choose(a.id)}
            >
              <span className="assign-menu-avatar">
                <Avatar id={a.id} name={a.name} size={22} />
                <span className="presence-dot" data-presence={a.presence ?? 'offline'} />
              </span>
              <span className="assign-menu-label">
                {a.name}
                {a.id === meId ? <span className="muted"> {t('conversation.youMark')}</span> : null}
              </span>
            </button>
          ))}
          <button
            type="button"
            role="menuitemradio"
            aria-checked={assigneeId === null}
            onClick={() => choose(null)}
          >
            <span className="assign-menu-avatar">
              <span className="assign-none" aria-hidden="true" />
            </span>
            <span className="assign-menu-label">{t('conversation.unassigned')}</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
