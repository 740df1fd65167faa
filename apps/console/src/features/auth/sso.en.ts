/** What the sign-in pages say about single sign-on, and why a sign-in came back (`?sso_error=`). */
export default {
  toggle: 'Sign in with SSO',
  heading: 'Single sign-on',
  organizationLabel: 'Organization SSO name',
  organizationHint: 'Your administrator set it up, for example "acme".',
  organizationRequired: 'Enter your organization’s SSO name.',
  continue: 'Continue with SSO',
  finishingTitle: 'Signing you in',
  finishing: 'Finishing your single sign-on…',
  failedTitle: 'Single sign-on did not finish',
  backToLogin: 'Back to log in',
  missingCode: 'This sign-in link has no code. Start again from the login page.',
  expiredCode: 'This sign-in has expired or was already used. Start again from the login page.',
  passwordNotAllowed:
    'Your organization signs in with single sign-on. Choose "Sign in with SSO" below.',
  error:
    '{code, select, sso_unavailable {Single sign-on is not set up or is turned off for that organization.} sso_denied {The sign-in was cancelled at your identity provider.} sso_state_invalid {This sign-in expired or was started in another browser. Please try again.} sso_email_unverified {Your identity provider has not verified your email address.} sso_domain_not_allowed {Your email domain is not allowed to sign in to this organization.} sso_unknown_user {There is no agent with your email in this organization. Ask an owner to invite you.} sso_account_disabled {Your account in this organization is disabled.} sso_plan_limit {The plan of your organization has no room for another agent. Ask an owner.} sso_rate_limited {Too many sign-in attempts from your network. Wait a minute, then try again.} other {Your identity provider could not complete the sign-in. Please try again.}}',
} as const;
