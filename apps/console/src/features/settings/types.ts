/** The console's own copies of the API's shapes it uses (see /swagger/json). */
import type { Agent } from '../../lib/auth.tsx';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface WidgetSettings {
  color: string;
  position: 'left' | 'right';
  greeting: string | null;
  launcherText: string | null;
}

export interface Environment {
  id: string;
  name: string;
  pluginKey: string;
  /**
   * The identity secret's last characters ("…1a2b"), for managers only; the secret itself is
   * never in reads, only revealed on request (POST …/identity-secret/reveal).
   */
  identitySecretHint?: string;
  allowedOrigins: string[];
  widgetSettings: WidgetSettings;
  createdAt: string;
  updatedAt: string;
}

/** Creating or rotating answers the secret once; so does revealing it. */
export interface EnvironmentWithSecret extends Environment {
  identitySecret: string;
}

export interface ApiKey {
  id: string;
  environmentId: string;
  name: string;
  key: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  /** Shown only in the answer that created it. */
  secret: string;
}

export const WEBHOOK_EVENTS = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'contact.created',
  'contact.updated',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: string;
  environmentId: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatedWebhook extends Webhook {
  signingSecret: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** An agent as the list answers it; `presence` arrives with the presence work. */
export interface TeamMember extends Agent {
  presence?: 'online' | 'away' | 'offline';
}

export interface Invitation {
  agent: Agent;
  inviteToken: string;
  /** The link stops working then. */
  expiresAt: string;
}
