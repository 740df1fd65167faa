/** What teammates see of an agent: connected (and not away), connected but away, or gone. */
export type PresenceStatus = 'online' | 'away' | 'offline';

/**
 * Which agents have a socket open, on any node. The gateway counts each agent's sockets on its
 * node; the registry tells whether any other node still holds one (so "offline" is announced
 * only when the last socket anywhere closes) and lists who is online for the console. A node that
 * dies without closing its sockets drops out on its own. Implementations: in memory (one process)
 * and Redis (many nodes); both pass one conformance suite.
 */
export interface PresenceRegistry {
  /** The agent's first socket on this node opened. */
  connect(organizationId: string, agentId: string): Promise<void>;
  /** The agent's last socket on this node closed; true when no node holds one any more. */
  disconnect(organizationId: string, agentId: string): Promise<boolean>;
  /** The organization's agents with a socket open on a live node. */
  online(organizationId: string): Promise<Set<string>>;
  close(): Promise<void>;
}

/** The status teammates see, from the registry's answer and the agent's stored choice. */
export const presenceStatus = (online: boolean, away: boolean): PresenceStatus =>
  online ? (away ? 'away' : 'online') : 'offline';
