/** The total unread count as the navigation and the browser tab show it. */

export const APP_NAME = 'Fast Light Chat';

/** "3", "99+", or nothing at 0. */
export function unreadBadge(total: number): string | null {
  if (total <= 0) return null;
  return total > 99 ? '99+' : String(total);
}

/** "(3) Inbox — Fast Light Chat"; without a count at 0, without a section outside one. */
export function pageTitle(total: number, section: string | null): string {
  const badge = unreadBadge(total);
  const base = section ? `${section} — ${APP_NAME}` : APP_NAME;
  return badge ? `(${badge}) ${base}` : base;
}
