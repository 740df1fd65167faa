/** What the accept page says when the invited email joined another organization meanwhile. */
export const acceptInviteText = {
  emailInUseTitle: 'This email already has an account',
  emailInUse: (email: string) =>
    `${email} already belongs to an account in another organization, and one email address can belong to one organization only.`,
  emailInUseHint:
    'Log in to that account, or ask the person who invited you for an invitation to another email address.',
  logIn: 'Log in',
} as const;
