import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { navigate } from '../../../lib/router.tsx';

/** Everything the platform holds about the contact (`GET /v1/contacts/:id/export`), as JSON text. */
export async function exportContact(api: Api, id: string): Promise<string> {
  const data = await api.request<unknown>(`/v1/contacts/${encodeURIComponent(id)}/export`);
  return JSON.stringify(data, null, 2);
}

/** Erases the contact from every store (`DELETE /v1/contacts/:id`); the inbox forgets it. */
export function useEraseContact() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request<void>(`/v1/contacts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      // Its conversations are gone too: back to the inbox, which no longer lists them.
      navigate('/inbox');
      return client.invalidateQueries({ queryKey: ['conversations'] });
    },
  });
}
