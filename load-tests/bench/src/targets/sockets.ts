import type { SocketSpec } from '../messages.ts';
import type { SeededRoom } from '../seed.ts';

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
