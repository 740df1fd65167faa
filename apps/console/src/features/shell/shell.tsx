import type { ReactNode } from 'react';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { Link, useLocation } from '../../lib/router.tsx';
import { PresenceToggle } from '../presence/presence-toggle.tsx';
import { TeamPresence } from '../presence/team-presence.tsx';
import { unreadBadge } from './unread.ts';
import { useUnreadTotal } from './use-unread-live.ts';
import '../../lib/ui.css';
import './shell.css';

const sections = [
  { to: '/inbox', label: 'Inbox', icon: <InboxIcon /> },
  { to: '/settings', label: 'Settings', icon: <GearIcon /> },
];

/**
 * The signed-in frame: navigation, the team's presence and the agent's own status on the left,
 * the page on the right. Under 1360 px the navigation is a rail of icons.
 */
export function Shell({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
  const me = useMe();
  const { pathname } = useLocation();
  const org = me.data?.organization.name;
  const section = sections.find((s) => pathname.startsWith(s.to))?.label ?? null;
  const badge = unreadBadge(useUnreadTotal(section));
  return (
    <div className="shell app-shell">
      <nav className="shell-nav" aria-label="Main">
        <div className="shell-org" title={org}>
          <span className="shell-logo" aria-hidden="true">
            {(org ?? '·').trim().charAt(0).toUpperCase()}
          </span>
          <span className="shell-org-name">{org ?? '…'}</span>
        </div>
        {sections.map((s) => (
          <Link
            key={s.to}
            to={s.to}
            className="shell-link"
            title={s.to === '/inbox' && badge ? `${s.label} (${badge} unread)` : s.label}
            aria-current={pathname.startsWith(s.to) ? 'page' : undefined}
          >
            {s.icon}
            <span className="shell-link-label">{s.label}</span>
            {s.to === '/inbox' && badge ? (
              <span className="ui-badge shell-link-badge">
                {badge}
                {/* Named "Inbox 3 unread": the visible words first, as they are read. */}
                <span className="visually-hidden"> unread</span>
              </span>
            ) : null}
          </Link>
        ))}
        <TeamPresence />
        <div className="shell-me">
          <PresenceToggle />
          <button
            type="button"
            className="shell-logout"
            onClick={() => void signOut()}
            title="Log out"
          >
            <LogoutIcon />
            <span className="shell-link-label">Log out</span>
          </button>
        </div>
      </nav>
      <div className="shell-main">{children}</div>
    </div>
  );
}

function InboxIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M4 13l2.5-7.5A2 2 0 0 1 8.4 4h7.2a2 2 0 0 1 1.9 1.5L20 13v5a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-5z"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path
        d="M4 13h4l1.5 2.5h5L16 13h4"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function GearIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="3" stroke="currentColor" strokeWidth="1.8" />
      <path
        d="M12 2.8v2.4M12 18.8v2.4M2.8 12h2.4M18.8 12h2.4M5.5 5.5l1.7 1.7M16.8 16.8l1.7 1.7M5.5 18.5l1.7-1.7M16.8 7.2l1.7-1.7"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

function LogoutIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3" stroke="currentColor" strokeWidth="1.8" />
      <path
        d="M10 8l-4 4 4 4M6 12h10"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}
