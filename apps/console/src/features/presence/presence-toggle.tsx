import { useTeam } from '../../lib/agents.ts';
import { useMe } from '../../lib/auth.tsx';
import { Avatar } from '../../lib/avatar.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { useT } from '../../lib/i18n/index.tsx';
import { type OwnStatus, useSetPresence } from './api/set-presence.ts';

/** The agent's own status: online (takes conversations) or away. */
export function PresenceToggle() {
  const t = useT();
  const me = useMe().data?.agent;
  const team = useTeam();
  const set = useSetPresence();
  const listed = team.data?.find((a) => a.id === me?.id)?.presence;
  // Until the API reports presence, a connected console counts as online.
  const status: OwnStatus = (set.isPending ? set.variables : listed) === 'away' ? 'away' : 'online';
  const next: OwnStatus = status === 'online' ? 'away' : 'online';
  const failed = set.isError ? t('shell.statusFailed', { error: errorText(set.error) }) : undefined;
  const shown = status === 'online' ? t('shell.online') : t('shell.away');
  return (
    <button
      type="button"
      className="presence-toggle"
      data-status={status}
      // Named by what it shows ("Ada Online": WCAG 2.5.3, label in name); the title says what
      // a press does.
      title={failed ?? t('shell.statusTitle', { status, next })}
      onClick={() => set.mutate(next)}
      disabled={!me}
    >
      <span className="presence-avatar">
        <Avatar id={me?.id ?? 'me'} name={me?.name} size={28} />
        <span className="presence-dot" data-presence={status} />
      </span>
      <span className="presence-text">
        <span className="presence-name">{me?.name ?? '…'}</span>{' '}
        <span className="presence-status">
          {failed ? <span className="presence-failed">{t('shell.notSaved')}</span> : null}
          {shown}
        </span>
      </span>
    </button>
  );
}
