import { describe, expect, test } from 'bun:test';
import { type Candidate, chooseAgent } from './assignment-choice.ts';

const agent = (agentId: string, load: number, capacity: number | null = 2, lastAssignedAt = 0) =>
  ({ agentId, load, capacity, lastAssignedAt }) satisfies Candidate;

describe('chooseAgent', () => {
  test('nobody with room left: null', () => {
    expect(chooseAgent('least_busy', [agent('a', 2), agent('b', 3)], null)).toBeNull();
    expect(chooseAgent('round_robin', [], null)).toBeNull();
  });

  test('no capacity means no limit', () => {
    expect(chooseAgent('least_busy', [agent('a', 50, null)], null)?.agentId).toBe('a');
  });

  test('least busy: the fewest, ties to whoever waited longest, then by id', () => {
    expect(chooseAgent('least_busy', [agent('a', 1), agent('b', 0)], null)?.agentId).toBe('b');
    const tie = [agent('a', 1, 2, 200), agent('b', 1, 2, 100)];
    expect(chooseAgent('least_busy', tie, null)?.agentId).toBe('b');
    expect(chooseAgent('least_busy', [agent('b', 0), agent('a', 0)], null)?.agentId).toBe('a');
  });

  test('round robin: the next after the cursor, wrapping, skipping the full', () => {
    const team = [agent('c', 0), agent('a', 0), agent('b', 2)];
    expect(chooseAgent('round_robin', team, null)?.agentId).toBe('a');
    expect(chooseAgent('round_robin', team, 'a')?.agentId).toBe('c');
    expect(chooseAgent('round_robin', team, 'c')?.agentId).toBe('a');
    // The cursor's agent left the team: the next id after it still goes first.
    expect(chooseAgent('round_robin', team, 'bb')?.agentId).toBe('c');
  });
});
