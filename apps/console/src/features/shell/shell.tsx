import type { ReactNode } from 'react';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { Link, useLocation } from '../../lib/router.tsx';

const sections = [
  { to: '/inbox', label: 'Inbox' },
  { to: '/settings', label: 'Settings' },
];

/** The signed-in frame: navigation on the left, the page on the right. */
export function Shell({ children }: { children: ReactNode }) {
  const { signOut } = useAuth();
  const me = useMe();
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <nav className="shell-nav" aria-label="Main">
        <div className="shell-org" title={me.data?.organization.name}>
          {me.data?.organization.name ?? '…'}
        </div>
        {sections.map((s) => (
          <Link
            key={s.to}
            to={s.to}
            className="shell-link"
            aria-current={pathname.startsWith(s.to) ? 'page' : undefined}
          >
            {s.label}
          </Link>
        ))}
        <div className="shell-me">
          <span className="shell-agent">{me.data?.agent.name}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Log out
          </button>
        </div>
      </nav>
      <div className="shell-main">{children}</div>
    </div>
  );
}
