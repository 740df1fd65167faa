import type { DeliveryStatus } from '@flc/protocol/resources';

/**
 * Every cache key of the settings screens. Lists sit under their resource's root, so a mutation
 * invalidates the root (`['environments']`) and every list or detail under it refetches,
 * including other features' lists of the same resource.
 */
export const settingsKeys = {
  organization: () => ['organization'] as const,
  sso: () => ['organization', 'sso'] as const,
  plan: () => ['organization', 'plan'] as const,
  agentsRoot: () => ['agents'] as const,
  agents: () => ['agents', 'pages'] as const,
  environmentsRoot: () => ['environments'] as const,
  environments: () => ['environments', 'list'] as const,
  apiKeys: (environmentId: string) => ['environments', environmentId, 'api-keys'] as const,
  webhooks: (environmentId: string) => ['environments', environmentId, 'webhooks'] as const,
  preChatForm: (environmentId: string) => ['environments', environmentId, 'pre-chat-form'] as const,
  businessHours: (environmentId: string) =>
    ['environments', environmentId, 'business-hours'] as const,
  emailContinuity: (environmentId: string) =>
    ['environments', environmentId, 'email-continuity'] as const,
  deliveriesRoot: (webhookId: string) => ['webhooks', webhookId, 'deliveries'] as const,
  deliveries: (webhookId: string, status: DeliveryStatus | 'all') =>
    ['webhooks', webhookId, 'deliveries', status] as const,
  auditEvents: (action: string) => ['audit-events', action] as const,
};
