import type { OperatorSession, Tenant } from '@flc/protocol/resources';
import { useSyncExternalStore } from 'react';
import { type Api, ApiError, type Query, withQuery } from '../../lib/api.ts';

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
  usage: (from: string) => ['operator', 'usage', from] as const,
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

/**
 * Saves a range's usage as the server writes it (CSV or JSON) under the server's file name:
 * fetched with the operator's token (a plain link would carry none).
 */
export async function downloadUsage(
  token: string,
  format: 'csv' | 'json',
  range: { from: string; to: string },
): Promise<void> {
  const res = await fetch(withQuery('/v1/operator/usage', { ...range, format }), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status === 401) keepOperatorSession(null);
  if (!res.ok) throw new ApiError(res.status, 'export_failed', `The export answered ${res.status}`);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
    `usage-${range.from}-${range.to}.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
