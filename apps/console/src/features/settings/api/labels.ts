import type { Label, LabelCreate, LabelPatch } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { labelsKey } from '../../../lib/labels.ts';

export const LABEL_FIELDS = [
  'name',
  'color',
  'description',
] as const satisfies (keyof LabelCreate)[];

const path = (id: string) => `/v1/labels/${encodeURIComponent(id)}`;

export const createLabel = (api: Api, input: LabelCreate) =>
  api.request<Label>('/v1/labels', { method: 'POST', body: input });

export const updateLabel = (api: Api, id: string, patch: LabelPatch) =>
  api.request<Label>(path(id), { method: 'PATCH', body: patch });

export const deleteLabel = (api: Api, id: string) =>
  api.request<void>(path(id), { method: 'DELETE' });

/** Every change refreshes the one labels list, and with it every chip and the inbox filter. */
function useLabelMutation<I, O>(fn: (api: Api, input: I) => Promise<O>) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fn(api, input),
    onSuccess: () => client.invalidateQueries({ queryKey: labelsKey }),
  });
}

export const useCreateLabel = () => useLabelMutation(createLabel);
export const useUpdateLabel = () =>
  useLabelMutation((api, { id, patch }: { id: string; patch: LabelPatch }) =>
    updateLabel(api, id, patch),
  );
export const useDeleteLabel = () => useLabelMutation(deleteLabel);
