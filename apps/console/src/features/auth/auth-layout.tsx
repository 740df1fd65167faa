import { type ReactNode, useEffect, useRef } from 'react';
import './auth.css';

/** The frame of the signed-out pages: the brand, a card, and a line under it. */
export function AuthLayout({
  title,
  subtitle,
  footer,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const card = useRef<HTMLElement>(null);
  // The first field one can type in takes the focus, as autofocus would, without stealing it
  // from a dialog.
  useEffect(() => {
    card.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus();
  }, []);
  return (
    <main className="auth-page">
      <div className="auth-column">
        <div className="auth-brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="8" fill="var(--accent)" />
            <path
              d="M9 10.5A2.5 2.5 0 0 1 11.5 8h9A2.5 2.5 0 0 1 23 10.5v7a2.5 2.5 0 0 1-2.5 2.5H15l-4.2 3.4c-.5.4-1.3 0-1.3-.6V20h.5A2.5 2.5 0 0 1 9 17.5z"
              fill="#fff"
            />
          </svg>
          <span>Fast Light Chat</span>
        </div>
        <section ref={card} className="auth-panel" aria-labelledby="auth-title">
          <header>
            <h1 id="auth-title">{title}</h1>
            {subtitle ? <p className="muted">{subtitle}</p> : null}
          </header>
          {children}
        </section>
        {footer ? <p className="auth-footer muted">{footer}</p> : null}
      </div>
    </main>
  );
}
