/** Every word the password reset pages show, in one place for translation. */
export const resetText = {
  forgotLink: 'Forgot password?',
  requestTitle: 'Reset your password',
  requestSubtitle:
    'Enter the email you log in with, and we will mail you a link to choose a new password.',
  email: 'Email',
  send: 'Send reset link',
  sending: 'Sending…',
  sentTitle: 'Check your email',
  sent: (email: string) =>
    `If an account exists for ${email}, we sent a link to it. The link works once, for a short while.`,
  sentHint: 'Nothing after a few minutes? Look in your spam folder, or send another link.',
  sendAnother: 'Send another link',
  unavailableTitle: 'Password reset is not available',
  unavailable:
    'This server cannot send email, so a password cannot be reset here. Ask an owner or admin of your organization for help.',
  remembered: 'Remembered it?',
  logIn: 'Log in',
  setTitle: 'Choose a new password',
  setSubtitle: 'After this, every device signed in to your account is signed out.',
  newPassword: 'New password',
  confirm: 'Confirm new password',
  save: 'Set new password',
  saving: 'Saving…',
  missingTitle: 'This reset link is incomplete',
  missing: 'Open the link from your email again, or ask for a new one.',
  deadTitle: 'This reset link no longer works',
  dead: {
    reset_token_used: 'It was already used to set a password.',
    reset_token_expired: 'It expired, or a newer link replaced it.',
    reset_token_invalid: 'It is not valid.',
  } as Record<string, string>,
  askAgain: 'Ask for a new link',
  changed: 'Your password was changed. Log in with your new password.',
} as const;
