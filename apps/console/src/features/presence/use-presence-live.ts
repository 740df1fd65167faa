import { useQueryClient } from '@tanstack/react-query';
import { applyPresence, teamKey } from '../../lib/agents.ts';
import { useRealtimeEvent } from '../../lib/realtime.tsx';
import { useReconnected } from '../../lib/use-reconnected.ts';

/**
 * Teammates' presence from the socket; an agent the cache lacks (just invited) refetches the
 * team, and so does a reconnect (frames sent meanwhile are lost).
 */
export function usePresenceLive(): void {
  const client = useQueryClient();
  useRealtimeEvent('presence', (event) => {
    if (!applyPresence(client, event)) void client.invalidateQueries({ queryKey: teamKey });
  });
  useReconnected(() => void client.invalidateQueries({ queryKey: teamKey }));
}
