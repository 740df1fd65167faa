import { useTeam } from '../../lib/agents.ts';
import { useMe } from '../../lib/auth.tsx';
import { Avatar } from '../../lib/avatar.tsx';
import { useT } from '../../lib/i18n/index.tsx';
import { usePresenceLive } from './use-presence-live.ts';

const order = { online: 0, away: 1, offline: 2 } as const;

/** Teammates and whether they are around, online first. */
export function TeamPresence() {
  const t = useT();
  usePresenceLive();
  const meId = useMe().data?.agent.id;
  const team = useTeam();
  const mates = (team.data ?? [])
    .filter((a) => a.id !== meId && a.status === 'active')
    .sort(
      (a, b) =>
        order[a.presence ?? 'offline'] - order[b.presence ?? 'offline'] ||
        a.name.localeCompare(b.name),
    );
  if (mates.length === 0) return null;
  return (
    <section className="team-presence" aria-label={t('shell.team')}>
      <h2 className="team-title">{t('shell.team')}</h2>
      <ul>
        {mates.map((a) => {
          const presence = a.presence ?? 'offline';
          return (
            <li
              key={a.id}
              title={t('shell.teammate', { name: a.name, presence })}
              data-presence={presence}
            >
              <span className="presence-avatar">
                <Avatar id={a.id} name={a.name} size={22} />
                <span className="presence-dot" data-presence={presence} />
              </span>
              <span className="team-name">{a.name}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
