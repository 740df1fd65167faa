import { useEffect, useRef } from 'react';
import { useRealtime, useRealtimeEvent } from './realtime.tsx';

/**
 * Calls `handler` each time the socket is open again after having been open: events sent while
 * it was down are not replayed, so what they would have changed must be fetched again.
 */
export function useReconnected(handler: () => void): void {
  const client = useRealtime();
  const wasOpen = useRef(false);
  useEffect(() => {
    wasOpen.current = client?.state === 'open';
  }, [client]);
  useRealtimeEvent('state', (change) => {
    if (change.state !== 'open') return;
    if (wasOpen.current) handler();
    wasOpen.current = true;
  });
}
