import type {
  CannedResponse,
  CannedResponseCreate,
  CannedResponsePatch,
  Page,
} from '@flc/protocol/resources';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

const BASE = '/v1/canned-responses';
/** More than anyone keeps; the pages stop there rather than loop on a broken cursor. */
const MAX_PAGES = 20;

export const CANNED_FIELDS = [
  'shortcut',
  'title',
  'body',
] as const satisfies (keyof CannedResponseCreate)[];

export const cannedKeys = { all: () => ['canned-responses'] as const };

/** Every response the agent sees (organization-wide and its own), by shortcut. */
export async function getCannedResponses(api: Api): Promise<CannedResponse[]> {
  const all: CannedResponse[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const res: Page<CannedResponse> = await api.request<Page<CannedResponse>>(BASE, {
      query: { limit: 100, cursor },
    });
    all.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export const cannedResponsesQuery = (api: Api) =>
  queryOptions({
    queryKey: cannedKeys.all(),
    queryFn: () => getCannedResponses(api),
    // The picker opens on a keystroke: what was loaded a minute ago is good enough.
    staleTime: 60_000,
  });

export function useCannedResponses() {
  return useQuery(cannedResponsesQuery(useApi()));
}

function useCannedMutation<I, O>(fn: (api: Api, input: I) => Promise<O>) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(api, input),
    onSuccess: () => client.invalidateQueries({ queryKey: cannedKeys.all() }),
  });
}

export const useCreateCannedResponse = () =>
  useCannedMutation((api, input: CannedResponseCreate) =>
    api.request<CannedResponse>(BASE, { method: 'POST', body: input }),
  );

export const useUpdateCannedResponse = () =>
  useCannedMutation((api, { id, patch }: { id: string; patch: CannedResponsePatch }) =>
    api.request<CannedResponse>(`${BASE}/${id}`, { method: 'PATCH', body: patch }),
  );

export const useDeleteCannedResponse = () =>
  useCannedMutation((api, id: string) => api.request<void>(`${BASE}/${id}`, { method: 'DELETE' }));
