import { type ReactNode, useEffect, useState } from 'react';
import { canManage, useAuth, useMe } from '../../lib/auth.tsx';
import { type MessageKey, useT } from '../../lib/i18n/index.tsx';
import { Link, useLocation } from '../../lib/router.tsx';
import { useMentionsLive } from '../mentions/use-mentions-live.ts';
import { PresenceToggle } from '../presence/presence-toggle.tsx';
import { TeamPresence } from '../presence/team-presence.tsx';
import { SearchDialog } from '../search/search-dialog.tsx';
import { useSystem } from '../system/api/get-system.ts';
import { LanguageSelect } from './language-select.tsx';
import { unreadBadge } from './unread.ts';
import { useUnreadTotal } from './use-unread-live.ts';
import '../../lib/ui.css';
import './shell.css';

const sections: {
  to: string;
  label: MessageKey;
  icon: ReactNode;
  managers?: boolean;
  system?: boolean;
}[] = [
  { to: '/inbox', label: 'shell.inbox', icon: <InboxIcon /> },
  { to: '/mentions', label: 'shell.mentions', icon: <AtIcon /> },
  // Owners and admins only.
  { to: '/reports', label: 'shell.reports', icon: <ChartIcon />, managers: true },
  { to: '/settings', label: 'shell.settings', icon: <GearIcon /> },
  // The install's operators only: the owners of its system organization.
  { to: '/system', label: 'shell.system', icon: <PulseIcon />, system: true },
];

/** Whether a key press is typing into a field (where `/` is text, not a shortcut). */
const typing = (target: EventTarget | null) => {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

/** The search box's state: opened by `/` (outside fields) or Ctrl+K / ⌘K anywhere. */
function useSearchBox() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target);
      const ctrlK = e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey;
      if (!slash && !ctrlK) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [open, setOpen] as const;
}

/**
 * The signed-in frame: navigation, the team's presence and the agent's own status on the left,
 * the page on the right. Under 1360 px the navigation is a rail of icons.
 */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { signOut } = useAuth();
  const me = useMe();
  const { pathname } = useLocation();
  const org = me.data?.organization.name;
  const sectionKey = sections.find((s) => pathname.startsWith(s.to))?.label;
  const section = sectionKey ? t(sectionKey) : null;
  const inboxBadge = unreadBadge(useUnreadTotal(section));
  const mentions = useMentionsLive();
  const [searching, setSearching] = useSearchBox();
  const operator = useSystem({ live: false }).isSuccess;
  const visible = sections.filter(
    (s) => (!s.managers || canManage(me.data?.agent.role)) && (!s.system || operator),
  );
  const badges: Record<string, string | null> = {
    '/inbox': inboxBadge,
    '/mentions': unreadBadge(mentions.unread),
  };
  return (
    <div className="shell app-shell">
      <nav className="shell-nav" aria-label={t('shell.main')}>
        <div className="shell-org" title={org}>
          <span className="shell-logo" aria-hidden="true">
            {(org ?? '·').trim().charAt(0).toUpperCase()}
          </span>
          <span className="shell-org-name">{org ?? '…'}</span>
        </div>
        <button
          type="button"
          className="shell-link shell-search"
          title={t('shell.searchHint')}
          aria-keyshortcuts="/ Control+K"
          onClick={() => setSearching(true)}
        >
          <SearchIcon />
          <span className="shell-link-label">{t('shell.search')}</span>
        </button>
        {visible.map((s) => {
          const badge = badges[s.to] ?? null;
          const label = t(s.label);
          // Named by its visible words, then the count in words: "Mentions 1 unread".
          return (
            <Link
              key={s.to}
              to={s.to}
              className="shell-link"
              title={badge ? t('shell.withUnread', { label, badge }) : label}
              aria-current={pathname.startsWith(s.to) ? 'page' : undefined}
            >
              {s.icon}
              <span className="shell-link-label">{label}</span>
              {badge ? (
                <span className="ui-badge shell-link-badge">
                  {badge}
                  <span className="visually-hidden"> {t('shell.unread')}</span>
                </span>
              ) : null}
            </Link>
          );
        })}
        <span className="visually-hidden" role="status">
          {mentions.announcement}
        </span>
        <TeamPresence />
        <div className="shell-me">
          <PresenceToggle />
          <LanguageSelect />
          <button
            type="button"
            className="shell-logout"
            onClick={() => void signOut()}
            title={t('shell.logOut')}
          >
            <LogoutIcon />
            <span className="shell-link-label">{t('shell.logOut')}</span>
          </button>
        </div>
      </nav>
      <div className="shell-main">{children}</div>
      {searching ? <SearchDialog onClose={() => setSearching(false)} /> : null}
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

function SearchIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="11" cy="11" r="6.5" stroke="currentColor" strokeWidth="1.8" />
      <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

function AtIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <circle cx="12" cy="12" r="4" stroke="currentColor" strokeWidth="1.8" />
      <path
        d="M16 8v5a2.5 2.5 0 0 0 5 0v-1a9 9 0 1 0-3.5 7.1"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
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

function ChartIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M4 20h16M7 16v-5M12 16V6M17 16v-8"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

function PulseIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M3 12h4l2.5-6 5 12 2.5-6h4"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
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
