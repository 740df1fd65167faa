import type { ConversationStatus } from '@flc/protocol/resources';
import {
  type AssigneeFilter,
  type ConversationFilters,
  defaultFilters,
} from '../../lib/conversations.ts';

const statuses: readonly ConversationStatus[] = ['open', 'snoozed', 'closed'];
const assignees: readonly AssigneeFilter[] = ['all', 'me', 'none'];

/**
 * The inbox's filters from the URL (`?status=&assignee=&env=&label=`): bookmarkable, back-button
 * safe.
 */
export function filtersFrom(search: URLSearchParams): ConversationFilters {
  const status = search.get('status');
  const assignee = search.get('assignee');
  const env = search.get('env');
  const label = search.get('label');
  return {
    status: statuses.includes(status as ConversationStatus)
      ? (status as ConversationStatus)
      : defaultFilters.status,
    assignee: assignees.includes(assignee as AssigneeFilter)
      ? (assignee as AssigneeFilter)
      : defaultFilters.assignee,
    environmentId: env || null,
    labelId: label || null,
  };
}

/** The query string for `filters`, leaving out the defaults ('' when all are). */
export function filtersSearch(filters: ConversationFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== defaultFilters.status) params.set('status', filters.status);
  if (filters.assignee !== defaultFilters.assignee) params.set('assignee', filters.assignee);
  if (filters.environmentId) params.set('env', filters.environmentId);
  if (filters.labelId) params.set('label', filters.labelId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The inbox URL of a conversation (or none), keeping the filters. */
export const inboxHref = (conversationId: string | null, filters: ConversationFilters) =>
  `/inbox${conversationId ? `/${encodeURIComponent(conversationId)}` : ''}${filtersSearch(filters)}`;
