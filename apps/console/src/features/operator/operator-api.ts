import type { OperatorSession, Tenant } from '@flc/protocol/resources';
import { useSyncExternalStore } from 'react';
import { type Api, ApiError, type Query } from '../../lib/api.ts';

/**
 * The operator's token lives in sessionStorage, apart from the agent's session (localStorage):
 * it is short-lived, opens /v1/operator only, and dies with the tab.
 */
const KEY = 'flc.operator';
const listeners = new Set<() => void>();

export function operatorToken(): string | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const { token, expiresAt } = JSON.parse(raw) as { token: string; expiresAt: number };
  return expiresAt > Date.now() ? token : null;
}

export function keepOperatorSession(session: OperatorSession | null): void {
  if (session) {
    const expiresAt = Date.now() + session.expiresIn * 1000;
    sessionStorage.setItem(KEY, JSON.stringify({ token: session.accessToken, expiresAt }));
  } else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function useOperatorToken(): string | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, operatorToken);
}

export interface TenantPage {
  items: Tenant[];
  nextCursor: string | null;
}

export const operatorKeys = {
  tenants: (query: Query) => ['operator', 'tenants', query] as const,
};

/**
 * A request as the operator: their bearer, never the agent's session nor its refresh. Operator
 * tokens are not refreshed: a 401 (expired, or the operator disabled) signs the tab out.
 */
export async function asOperator<T>(
  api: Api,
  token: string,
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; query?: Query } = {},
): Promise<T> {
  try {
    return await api.request<T>(path, { ...options, bearer: token });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) keepOperatorSession(null);
    throw error;
  }
}
