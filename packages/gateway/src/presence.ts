import { availabilityMayHaveChanged, type Bus, type PresenceStatus } from '@flc/core';
import { logger } from '@flc/log';
import type { GatewayDeps, Principal } from './types.ts';

/**
 * Agents' presence as one node sees it: each agent's sockets that follow the inbox are counted,
 * the first one connects the agent in the registry (when there is one) and tells teammates
 * (online, or away by the agent's choice), and the last one going tells them offline — once no
 * node holds a socket of the agent any more. An agent's changes run one after another, so a
 * quick close never overtakes its own connect.
 */
export class NodePresence {
  private readonly sockets = new Map<string, number>();
  private readonly changes = new Map<string, Promise<void>>();

  constructor(
    private readonly bus: Bus,
    private readonly registry: GatewayDeps['presence'],
  ) {}

  /** A socket of the agent now follows the inbox. */
  joined(principal: Principal): Promise<void> {
    const count = (this.sockets.get(principal.id) ?? 0) + 1;
    this.sockets.set(principal.id, count);
    if (count > 1) return Promise.resolve();
    return this.change(principal, () => this.connect(principal));
  }

  /** A socket of the agent that followed the inbox closed. */
  left(principal: Principal): Promise<void> {
    return this.change(principal, () => this.leave(principal));
  }

  /** Resolves once every change under way (registry and announcement) is done. */
  async settled(): Promise<void> {
    await Promise.all(this.changes.values());
  }

  private async connect(principal: Principal): Promise<void> {
    if (!this.registry) return this.announce(principal, 'online');
    await this.registry.registry.connect(principal.organizationId, principal.id);
    const status = await this.registry.status(principal.id);
    await this.announce(principal, status);
    if (status === 'online')
      await this.registry.cameOnline?.(principal.organizationId, principal.id);
  }

  private async leave(principal: Principal): Promise<void> {
    const count = (this.sockets.get(principal.id) ?? 1) - 1;
    if (count > 0) return void this.sockets.set(principal.id, count);
    this.sockets.delete(principal.id);
    const registry = this.registry?.registry;
    // Offline only once no node holds a socket of the agent any more.
    if (registry && !(await registry.disconnect(principal.organizationId, principal.id))) return;
    await this.announce(principal, 'offline');
  }

  private change(principal: Principal, change: () => Promise<void>): Promise<void> {
    const previous = this.changes.get(principal.id) ?? Promise.resolve();
    const next = previous.then(change).catch((error: unknown) => {
      logger('gateway').error({ err: error, agentId: principal.id }, 'a presence change failed');
    });
    this.changes.set(principal.id, next);
    void next.then(() => {
      if (this.changes.get(principal.id) === next) this.changes.delete(principal.id);
    });
    return next;
  }

  private async announce(principal: Principal, status: PresenceStatus): Promise<void> {
    const { organizationId } = principal;
    await this.bus.signal(
      { kind: 'organization', organizationId },
      JSON.stringify({ t: 'presence', agentId: principal.id, status }),
    );
    // Visitors may now have somebody to answer them, or nobody any more.
    await availabilityMayHaveChanged(this.bus, organizationId);
  }
}
