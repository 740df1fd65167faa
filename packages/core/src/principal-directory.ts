/** An agent who may work: status `active`. */
export interface DirectoryAgent {
  id: string;
  organizationId: string;
  /** Shown as the sender of the agent's messages. */
  name: string;
  role: 'owner' | 'admin' | 'agent';
  /** Epoch ms: the agent's access tokens issued before it are refused (a password reset). */
  sessionsRevokedAt?: number;
}

/** A contact (a visitor's identity) of one environment. */
export interface DirectoryContact {
  id: string;
  organizationId: string;
  environmentId: string;
  name: string | null;
  /** The environment's allowed page origins (empty = any). */
  allowedOrigins: string[];
}

/**
 * Who a token's subject is now. Read on every authentication, so a disabled agent or a deleted
 * contact (or its environment) is refused on the next connect. Implementation: PostgreSQL.
 */
export interface PrincipalDirectory {
  /** The agent when it exists and is active (its organization not suspended), else null. */
  activeAgent(id: string): Promise<DirectoryAgent | null>;
  /** The contact when it exists in that environment (not suspended), else null. */
  contact(id: string, environmentId: string): Promise<DirectoryContact | null>;
  /** Whether the agent chose to appear away (kept across sessions). */
  agentAway(id: string): Promise<boolean>;
  /**
   * Whether the organization is suspended by the platform's operators: asked only after a
   * subject was found gone, to tell the client to stop rather than fetch a new token.
   */
  organizationSuspended?(organizationId: string): Promise<boolean>;
}
