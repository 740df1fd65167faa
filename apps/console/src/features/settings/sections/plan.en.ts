/** Settings › Plan & usage: the organization's plan and what it uses of each limit. */
export default {
  section: 'Plan & usage',
  description:
    "What your organization's plan allows, and how much of it you use now. The platform's operators choose the plan.",
  noPlan: 'No plan: nothing is limited by a plan.',
  planName: 'Plan: {name}',
  limitsTitle: 'Limits',
  featuresTitle: 'Features',
  limit:
    '{limit, select, agents {Agents} environments {Environments} messagesPerMonth {Messages this month} attachmentBytes {Attachment storage} webhooks {Webhook endpoints} apiKeyRequestsPerSecond {API requests per second, per key} sendsPerSecond {Messages per second} other {{limit}}}',
  usedOf: '{used} of {limit}',
  usedUnlimited: '{used} (unlimited)',
  rate: '{limit} per second',
  unlimited: 'Unlimited',
  feature:
    '{feature, select, attachments {Attachments} webhooks {Webhooks} apiKeys {API keys} sso {Single sign-on} emailContinuity {Email continuity} reports {Reports} other {{feature}}}',
  on: 'Included',
  off: 'Not included',
  refresh: 'Refresh usage',
  limitReached:
    'Your plan allows {limit, select, agents {{value, plural, one {# agent} other {# agents}}} environments {{value, plural, one {# environment} other {# environments}}} webhooks {{value, plural, one {# webhook endpoint} other {# webhook endpoints}}} attachmentBytes {{value, number} bytes of attachments} messagesPerMonth {{value, number} messages a month} other {{value, number} ({limit})}}.',
  managersOnly: 'Owners and admins see the plan.',
};
