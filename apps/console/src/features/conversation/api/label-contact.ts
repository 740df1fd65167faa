import type { Contact } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/auth.tsx';
import { contactKeys } from './get-contact.ts';
import { type LabelToggle, labelPath, toggled } from './label-conversation.ts';

/** PUT or DELETE /v1/contacts/:id/labels/:labelId, shown at once and put back if refused. */
export function useLabelContact(contactId: string) {
  const api = useApi();
  const client = useQueryClient();
  const key = contactKeys.detail(contactId);
  return useMutation({
    mutationFn: (change: LabelToggle) =>
      api.request<Contact>(labelPath('/v1/contacts', contactId, change.labelId), {
        method: change.on ? 'PUT' : 'DELETE',
      }),
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Contact>(key);
      if (before)
        client.setQueryData(key, { ...before, labelIds: toggled(before.labelIds, change) });
      return { before };
    },
    onError: (_error, _change, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSuccess: (contact) => client.setQueryData(key, contact),
  });
}
