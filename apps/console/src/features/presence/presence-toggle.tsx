import { useTeam } from '../../lib/agents.ts';
import { useMe } from '../../lib/auth.tsx';
import { Avatar } from '../../lib/avatar.tsx';
import { type OwnStatus, useSetPresence } from './api/set-presence.ts';

/** The agent's own status: online (takes conversations) or away. */
export function PresenceToggle() {
  const me = useMe().data?.agent;
  const team = useTeam();
  const set = useSetPresence();
  const listed = team.data?.find((a) => a.id === me?.id)?.presence;
  // Until the API reports presence, a connected console counts as online.
  const status: OwnStatus = (set.isPending ? set.variables : listed) === 'away' ? 'away' : 'online';
  const next: OwnStatus = status === 'online' ? 'away' : 'online';
  const failed = set.isError ? `Could not change your status: ${set.error.message}` : undefined;
  return (
    <button
      type="button"
      className="presence-toggle"
      data-status={status}
      // Named by its visible text (name, status), as WCAG 2.5.3 asks; the title tells the action.
      title={failed ?? `You are ${status}. Click to set ${next}.`}
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
          {failed ? <span className="presence-failed">Not saved · </span> : null}
          {status === 'online' ? 'Online' : 'Away'}
        </span>
      </span>
    </button>
  );
}
