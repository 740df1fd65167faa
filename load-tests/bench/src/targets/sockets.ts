import type { SocketSpec } from '../messages.ts';
import type { Seeded, SeededRoom, SeededTenant } from '../seed.ts';

/** The product's sockets for what was seeded: the rooms, or the tenant's. */
export function seededSockets(url: string, seed: Seeded): SocketSpec[] {
  return seed.tenant ? tenantSockets(url, seed.tenant) : productSockets(url, seed.rooms);
}

/**
 * The tenant's visitors (each on its own conversation, `index` its place among the visitors),
 * then its agents (`index` its place among the agents; no conversation: an agent socket follows
 * the organization's inbox from the start).
 */
export function tenantSockets(url: string, tenant: SeededTenant): SocketSpec[] {
  return [
    ...tenant.visitors.map(
      (v, index): SocketSpec => ({
        url: `${url}?token=${v.token}`,
        role: 'v',
        room: v.conversationId,
        index,
      }),
    ),
    ...tenant.agentTokens.map(
      (token, index): SocketSpec => ({ url: `${url}?token=${token}`, role: 'a', room: '', index }),
    ),
  ];
}

/** Each room's visitor then its agent, both on the room's conversation. */
export function productSockets(url: string, rooms: SeededRoom[]): SocketSpec[] {
  return rooms.flatMap((room) => [
    { url: `${url}?token=${room.visitorToken}`, role: 'v', room: room.conversationId },
    { url: `${url}?token=${room.agentToken}`, role: 'a', room: room.conversationId },
  ]);
}

/** Rooms `r0`, `r1`, … with a visitor and an agent each, for the targets without auth. */
export function plainSockets(url: string, rooms: number): SocketSpec[] {
  return Array.from({ length: rooms }, (_, i): SocketSpec[] => [
    { url, role: 'v', room: `r${i}` },
    { url, role: 'a', room: `r${i}` },
  ]).flat();
}
