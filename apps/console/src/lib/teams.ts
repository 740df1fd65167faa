/**
 * The organization's teams as every screen sees them: one cached list (`GET /v1/teams`) that
 * names a conversation's `teamId`, and the mutations of Settings → Teams, which refresh it.
 */
import type {
  Agent,
  AssignmentPolicy,
  AssignmentPolicyUpdate,
  Team,
  TeamCreate,
  TeamList,
  TeamPatch,
} from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from './api.ts';
import { useApi } from './auth.tsx';

export const teamsKey = ['teams'] as const;
const policyKey = (environmentId: string) => ['assignment-policy', environmentId] as const;

export const teamsQuery = (api: Api) =>
  queryOptions({
    queryKey: teamsKey,
    queryFn: async ({ signal }) => (await api.request<TeamList>('/v1/teams', { signal })).items,
    staleTime: 60_000,
  });

export function useTeams() {
  return useQuery(teamsQuery(useApi()));
}

const teamPath = (id: string) => `/v1/teams/${encodeURIComponent(id)}`;
const policyPath = (environmentId: string) =>
  `/v1/environments/${encodeURIComponent(environmentId)}/assignment-policy`;

/** A mutation that refreshes `keys` once it succeeded. */
function useRefreshing<I, O>(fn: (api: Api, input: I) => Promise<O>, keys: readonly unknown[][]) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(api, input),
    onSuccess: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export const useCreateTeam = () =>
  useRefreshing(
    (api, input: TeamCreate) => api.request<Team>('/v1/teams', { method: 'POST', body: input }),
    [[...teamsKey]],
  );
export const useUpdateTeam = () =>
  useRefreshing(
    (api, { id, patch }: { id: string; patch: TeamPatch }) =>
      api.request<Team>(teamPath(id), { method: 'PATCH', body: patch }),
    [[...teamsKey]],
  );
export const useDeleteTeam = () =>
  useRefreshing(
    (api, id: string) => api.request<void>(teamPath(id), { method: 'DELETE' }),
    [[...teamsKey], ['assignment-policy']],
  );
export const useSetCapacity = () =>
  useRefreshing(
    (api, { id, capacity }: { id: string; capacity: number | null }) =>
      api.request<Agent>(`/v1/agents/${encodeURIComponent(id)}/capacity`, {
        method: 'PUT',
        body: { capacity },
      }),
    [['agents']],
  );

export function useAssignmentPolicy(environmentId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: policyKey(environmentId ?? ''),
    queryFn: ({ signal }) =>
      api.request<AssignmentPolicy>(policyPath(environmentId ?? ''), { signal }),
    enabled: environmentId !== undefined,
  });
}

export const useSetAssignmentPolicy = (environmentId: string) =>
  useRefreshing(
    (api, input: AssignmentPolicyUpdate) =>
      api.request<AssignmentPolicy>(policyPath(environmentId), { method: 'PUT', body: input }),
    [[...policyKey(environmentId)]],
  );
