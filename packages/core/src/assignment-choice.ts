import type { AssignmentMode } from './assignment.ts';

/** A team member who may be given a conversation: online, active, not away. */
export interface Candidate {
  agentId: string;
  /** Most conversations not closed; null: no limit. */
  capacity: number | null;
  /** Conversations assigned to them and not closed. */
  load: number;
  /** When they were last given one automatically (ms since the epoch); 0 for never. */
  lastAssignedAt: number;
}

const hasRoom = (c: Candidate) => c.capacity === null || c.load < c.capacity;

/**
 * Who gets the next conversation among `candidates` with room left, or null when nobody has.
 * Round-robin: the first after `cursor` in id order, wrapping around. Least-busy: the fewest
 * conversations, ties to whoever waited longest since their last one, then by id.
 */
export function chooseAgent(
  mode: Exclude<AssignmentMode, 'manual'>,
  candidates: readonly Candidate[],
  cursor: string | null,
): Candidate | null {
  const free = candidates.filter(hasRoom);
  if (free.length === 0) return null;
  if (mode === 'round_robin') {
    const byId = [...free].sort((a, b) => (a.agentId < b.agentId ? -1 : 1));
    return byId.find((c) => cursor !== null && c.agentId > cursor) ?? byId[0] ?? null;
  }
  return (
    [...free].sort(
      (a, b) =>
        a.load - b.load || a.lastAssignedAt - b.lastAssignedAt || (a.agentId < b.agentId ? -1 : 1),
    )[0] ?? null
  );
}
