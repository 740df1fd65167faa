import { type Client, type ClientEvents, createClient } from '@flc/sdk';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useAuth } from './auth.tsx';
import { outboxStorage, tokenSubject } from './outbox-storage.ts';

const RealtimeContext = createContext<Client | null>(null);

/**
 * One SDK client per signed-in agent, connected while the console is open. The SDK reconnects,
 * resumes subscriptions by seq and asks `getToken` for a fresh access token after 4001. Messages
 * still waiting for their ack are kept in this tab's session storage, per agent, and sent again
 * (with the same cids, so once) after a reload.
 */
export function RealtimeProvider({ children, url }: { children: ReactNode; url?: string }) {
  const { api, tokens } = useAuth();
  const agentId = tokens ? tokenSubject(tokens.accessToken) : null;
  const signedIn = tokens !== null;
  const [client, setClient] = useState<Client | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    // The SDK asks again only after a 4001 (expired or revoked), repeated failed upgrades or an
    // expiry: then the stored token is no good, so the session is refreshed (or, when it was
    // revoked, ends and the console signs out).
    let asked = false;
    const next = createClient({
      url: url ?? location.origin,
      getToken: async () => {
        const token = asked ? (await api.refresh())?.accessToken : await api.accessToken();
        asked = true;
        if (!token) throw new Error('signed out');
        return token;
      },
      ...(agentId ? { outboxStorage: outboxStorage(sessionStorage, agentId) } : {}),
    });
    next.connect();
    setClient(next);
    return () => {
      next.close();
      setClient(null);
    };
  }, [api, signedIn, agentId, url]);
  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

/** The agent's live connection, null while signed out or before the first render connected it. */
export function useRealtime(): Client | null {
  return useContext(RealtimeContext);
}

/** Calls `handler` for every `event` of the live connection; the latest handler is used. */
export function useRealtimeEvent<K extends keyof ClientEvents>(
  event: K,
  handler: (payload: ClientEvents[K]) => void,
): void {
  const client = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!client) return;
    return client.on(event, (payload) => latest.current(payload));
  }, [client, event]);
}
