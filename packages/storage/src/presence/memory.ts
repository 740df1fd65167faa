import type { PresenceRegistry } from '@flc/core';

/**
 * Presence for one process (the embedded profile): the gateway and the API share this object, so
 * "connected anywhere" is "connected here". Nodes are counted per agent so that several gateways
 * in one process (tests) still agree on the last one out.
 */
export function createMemoryPresence(): PresenceRegistry {
  const byOrganization = new Map<string, Map<string, number>>();
  return {
    async connect(organizationId, agentId) {
      const agents = byOrganization.get(organizationId) ?? new Map<string, number>();
      byOrganization.set(organizationId, agents);
      agents.set(agentId, (agents.get(agentId) ?? 0) + 1);
    },
    async disconnect(organizationId, agentId) {
      const agents = byOrganization.get(organizationId);
      const count = (agents?.get(agentId) ?? 1) - 1;
      if (agents && count > 0) {
        agents.set(agentId, count);
        return false;
      }
      agents?.delete(agentId);
      if (agents?.size === 0) byOrganization.delete(organizationId);
      return true;
    },
    async online(organizationId) {
      return new Set(byOrganization.get(organizationId)?.keys());
    },
    async close() {
      byOrganization.clear();
    },
  };
}
