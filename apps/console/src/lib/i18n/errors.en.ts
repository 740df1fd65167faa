/**
 * What an API error code means, for the languages the server does not speak (it answers in
 * English); lib/i18n/errors.ts falls back to the server's own message for any other code.
 */
export default {
  network: 'The server could not be reached. Check your connection and try again.',
  bad_request: 'The request was not understood.',
  validation: 'Some of what was entered is not valid.',
  unauthorized: 'Your session ended. Sign in again.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'It was not found; it may have been deleted.',
  conflict: 'This conflicts with something that already exists.',
  email_in_use: 'This email address is already in use.',
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  limit_reached: 'A limit was reached.',
  plan_limit_reached: 'Your plan allows no more of this. Ask the platform to change your plan.',
  plan_feature_unavailable: 'This is not part of your plan.',
  plan_read_only: 'This plan comes from the configuration file and cannot be changed here.',
  plan_in_use: 'Tenants are on this plan: move them first.',
  unknown_plan: 'There is no such plan.',
  too_large: 'This is too large.',
  unsupported_media_type: 'This kind of file is not accepted.',
  attachment_daily_limit: 'Today’s limit of attachments was reached.',
  link_expired: 'This link has expired.',
  internal: 'The server failed. Try again later.',
  required: 'Required',
  minLength: 'At least {n, plural, one {# character} other {# characters}}',
  maxLength: 'At most {n, plural, one {# character} other {# characters}}',
  email: 'Enter a valid email address',
  invalid: 'Invalid',
  serverAnswered: 'The server answered {status}',
} as const;
