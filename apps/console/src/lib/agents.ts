/**
 * The team as the inbox sees it: every agent of the organization with its presence, one cached
 * list shared by the assignee picker, the list rows and the presence dots, kept live by the
 * socket's `presence` frames.
 */
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from './api.ts';
import { type Agent, useApi } from './auth.tsx';
import type { Page } from './conversations.ts';

export type Presence = 'online' | 'away' | 'offline';

export interface TeamAgent extends Agent {
  /** Missing on an API without presence: shown as offline. */
  presence?: Presence;
}

export interface PresenceEvent {
  agentId: string;
  status: Presence;
}

/** Under `['agents']`, so whatever invalidates the agents (settings) refreshes the team too. */
export const teamKey = ['agents', 'team'] as const;

/** Every page of `GET /v1/agents` (an organization's team is small). */
export async function fetchTeam(api: Api): Promise<TeamAgent[]> {
  const agents: TeamAgent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: Page<TeamAgent> = await api.request('/v1/agents', {
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
  const team = client.getQueryData<TeamAgent[]>(teamKey);
  if (!team?.some((a) => a.id === event.agentId)) return false;
  client.setQueryData<TeamAgent[]>(teamKey, (agents) =>
    agents?.map((a) => (a.id === event.agentId ? { ...a, presence: event.status } : a)),
  );
  return true;
}

/** The agents a conversation can be assigned to: active ones, the caller first, then by name. */
export function assignable(team: readonly TeamAgent[], meId: string | null): TeamAgent[] {
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
