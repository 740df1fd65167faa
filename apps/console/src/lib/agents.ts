/**
 * The team as the inbox sees it: every agent of the organization with its presence, one cached
 * list shared by the assignee picker, the list rows and the presence dots, kept live by the
 * socket's `presence` frames.
 */
import type { ServerFrameOf } from '@flc/protocol';
import type { Agent, Page } from '@flc/protocol/resources';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from './api.ts';
import { useApi } from './auth.tsx';

/** The socket's `presence` frame. */
export type PresenceEvent = Omit<ServerFrameOf<'presence'>, 't'>;

/** Under `['agents']`, so whatever invalidates the agents (settings) refreshes the team too. */
export const teamKey = ['agents', 'team'] as const;

/** Every page of `GET /v1/agents` (an organization's team is small). */
export async function fetchTeam(api: Api): Promise<Agent[]> {
  const agents: Agent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<Agent> = await api.request('/v1/agents', {
      query: { limit: 100, cursor },
    });
    agents.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return agents;
}

export const teamQuery = (api: Api) =>
  queryOptions({ queryKey: teamKey, queryFn: () => fetchTeam(api), staleTime: 60_000 });

/** Sets one agent's presence in the cached team; an agent not listed yet is left to a refetch. */
export function applyPresence(client: QueryClient, event: PresenceEvent): boolean {
  const team = client.getQueryData<Agent[]>(teamKey);
  if (!team?.some((a) => a.id === event.agentId)) return false;
  client.setQueryData<Agent[]>(teamKey, (agents) =>
    agents?.map((a) => (a.id === event.agentId ? { ...a, presence: event.status } : a)),
  );
  return true;
}

/** The agents a conversation can be assigned to: active ones, the caller first, then by name. */
export function assignable(team: readonly Agent[], meId: string | null): Agent[] {
  return team
    .filter((a) => a.status === 'active')
    .sort((a, b) =>
      a.id === meId ? -1 : b.id === meId ? 1 : a.name.localeCompare(b.name, undefined),
    );
}

export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]?.slice(0, 2)];
  return (
    letters
      .map((w) => w?.[0] ?? '')
      .join('')
      .toUpperCase()
      .slice(0, 2) || '?'
  );
}

/** The team with its presence (for pickers, rows and dots). */
export function useTeam() {
  return useQuery(teamQuery(useApi()));
}
