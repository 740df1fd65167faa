// `@flc/protocol/resources`: the REST API's resources as TypeBox schemas, one definition each.
// The API validates and documents with them; clients take only their types (`import type`),
// so no TypeBox reaches a bundle.
export * from './agent.ts';
export * from './api-key.ts';
export * from './attachment.ts';
export * from './audit-event.ts';
export * from './auth.ts';
export * from './business-hours.ts';
export * from './canned-response.ts';
export * from './common.ts';
export * from './contact.ts';
export * from './conversation.ts';
export * from './email-settings.ts';
export * from './environment.ts';
export * from './label.ts';
export * from './mention.ts';
export * from './oidc-connection.ts';
export * from './operator.ts';
export * from './organization.ts';
export * from './password-reset.ts';
export * from './plan.ts';
export * from './pre-chat.ts';
export * from './report.ts';
export * from './search.ts';
export * from './system.ts';
export * from './team.ts';
export * from './two-factor.ts';
export * from './usage.ts';
export * from './webhook.ts';
export * from './webhook-event-types.ts';
export * from './widget-boot.ts';
export * from './widget-settings.ts';
