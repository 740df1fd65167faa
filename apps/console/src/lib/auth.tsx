import type { Agent, Organization, Role } from '@flc/protocol/resources';
import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';
import { Api } from './api.ts';
import { navigate } from './router.tsx';
import { SessionStore, type Tokens } from './session.ts';

export interface Me {
  agent: Agent;
  organization: Organization;
}

interface AuthContextValue {
  api: Api;
  /** The signed-in agent's tokens, null when signed out. */
  tokens: Tokens | null;
  /** Stores a new session (after sign up, log in or accepting an invitation). */
  signIn(tokens: Tokens): void;
  /** Revokes the refresh token on the server, forgets the session and every cached answer. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children, api }: { children: ReactNode; api?: Api }) {
  const client = useQueryClient();
  const value = useMemo(() => {
    const theApi = api ?? new Api(new SessionStore(localStorage));
    return {
      api: theApi,
      tokens: null,
      signIn: (tokens: Tokens) => {
        // Another agent may have been signed in here (an invitation opened in the same browser).
        client.clear();
        theApi.session.set(tokens);
      },
      signOut: () => signOut(theApi, client),
    };
  }, [api, client]);
  const tokens = useSyncExternalStore(
    (listener) => value.api.session.subscribe(listener),
    () => value.api.session.get(),
  );
  // Signed out (by a dead refresh token, here or in another tab): drop every cached answer.
  // Only on the change: clearing on a signed-out first render would drop the queries the public
  // pages just started (their effects run before this one), leaving them waiting forever.
  const signedIn = useRef(tokens !== null);
  useEffect(() => {
    if (!tokens && signedIn.current) client.clear();
    signedIn.current = tokens !== null;
  }, [tokens, client]);
  return <AuthContext.Provider value={{ ...value, tokens }}>{children}</AuthContext.Provider>;
}

async function signOut(api: Api, client: QueryClient): Promise<void> {
  const tokens = api.session.get();
  api.session.set(null);
  client.clear();
  // A chosen log out starts afresh at /login, not at a `next` that belonged to this agent.
  navigate('/login', { replace: true });
  if (!tokens) return;
  // Best effort: the session is gone here whatever the server answers.
  await api
    .request('/v1/auth/logout', {
      method: 'POST',
      body: { refreshToken: tokens.refreshToken },
      anonymous: true,
    })
    .catch(() => {});
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an <AuthProvider>');
  return value;
}

export function useApi(): Api {
  return useAuth().api;
}

export const meQuery = (api: Api) =>
  queryOptions({
    queryKey: ['me'] as const,
    queryFn: () => api.request<Me>('/v1/me'),
    staleTime: 60_000,
  });

/** The signed-in agent and organization. */
export function useMe() {
  return useQuery(meQuery(useApi()));
}

export const canManage = (role: Role | undefined) => role === 'owner' || role === 'admin';
