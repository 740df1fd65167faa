import type { InvitationPreview } from '@flc/protocol/resources';
import { ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n/index.tsx';

/** Where the accept page is: no token, checking it, dead, unreachable, or ready to join. */
export type InvitationState =
  | { kind: 'missing' }
  | { kind: 'checking' }
  | { kind: 'dead' }
  | { kind: 'unreachable'; error: Error }
  | { kind: 'live'; invitation: InvitationPreview }
  | { kind: 'email_in_use'; invitation: InvitationPreview };

/**
 * The page's state from the token, the preview query and the accept mutation's error: a 404 on
 * the preview or a 401 on accepting (spent in between, e.g. in another tab) both mean dead; a 409
 * `email_in_use` on accepting means the email joined another organization since the invitation.
 */
export function invitationState(input: {
  token: string;
  data: InvitationPreview | undefined;
  error: Error | null;
  acceptError?: Error | null;
}): InvitationState {
  if (!input.token) return { kind: 'missing' };
  const { acceptError } = input;
  if (acceptError instanceof ApiError && acceptError.status === 401) return { kind: 'dead' };
  if (input.data && acceptError instanceof ApiError && acceptError.code === 'email_in_use') {
    return { kind: 'email_in_use', invitation: input.data };
  }
  if (input.data) return { kind: 'live', invitation: input.data };
  if (input.error instanceof ApiError && input.error.status < 500) return { kind: 'dead' };
  if (input.error) return { kind: 'unreachable', error: input.error };
  return { kind: 'checking' };
}

/** "Join Acme as an admin". */
export const joinTitle = (invitation: InvitationPreview) =>
  t('acceptInvite.joinAs', { organization: invitation.organization.name, role: invitation.role });

/** "This link works for 6 more days." / "…for 3 more hours." / "…for a few more minutes." */
export function validityNote(expiresAt: string, now = Date.now()): string {
  const left = Date.parse(expiresAt) - now;
  // Rounded: a link issued for 7 days reads "7 more days" a moment later, not 6.
  const hours = Math.round(left / 3_600_000);
  const days = Math.round(left / 86_400_000);
  if (days >= 2) return t('acceptInvite.worksDays', { n: days });
  if (hours >= 2) return t('acceptInvite.worksHours', { n: hours });
  return t('acceptInvite.worksMinutes');
}
