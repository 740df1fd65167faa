import { type WebhookEnvelope, webhookHeaders } from '@flc/core';

/** One request as a test receiver saw it. */
export interface Arrival {
  eventId: string;
  type: string;
  body: WebhookEnvelope;
  raw: string;
  timestamp: string | null;
  signature: string | null;
  /** `performance.now()` at arrival. */
  at: number;
  /** The same event was answered with a 2xx before: an idempotent receiver skips it. */
  repeat: boolean;
}

export interface ReceiverOptions {
  /**
   * The answer to an event not yet processed, given how many times it came before: a Response,
   * or a promise of one (to answer late). Default 200.
   */
  respond?: (arrival: Arrival, previousArrivals: number) => Response | Promise<Response>;
}

/**
 * A tenant's webhook endpoint for tests, on loopback: it records every request, and like a
 * receiver that honours `X-FLC-Event-Id`, processes each event once: a repeat of an event it
 * answered with a 2xx is answered 200 again and not processed. `until` waits for a state the
 * arrivals reach, re-checked on each arrival and answer (no polling).
 */
export function startReceiver(options: ReceiverOptions = {}) {
  const arrivals: Arrival[] = [];
  /** Events processed, in the order they were (each once). */
  const processed: Arrival[] = [];
  const done = new Set<string>();
  const seen = new Map<string, number>();
  let inFlight = 0;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const wake of waiters) wake();
  };
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const raw = await request.text();
      const body = JSON.parse(raw) as WebhookEnvelope;
      const eventId = request.headers.get(webhookHeaders.eventId) ?? '';
      const arrival: Arrival = {
        eventId,
        type: body.type,
        body,
        raw,
        timestamp: request.headers.get(webhookHeaders.timestamp),
        signature: request.headers.get(webhookHeaders.signature),
        at: performance.now(),
        repeat: done.has(eventId),
      };
      arrivals.push(arrival);
      const previous = seen.get(eventId) ?? 0;
      seen.set(eventId, previous + 1);
      inFlight += 1;
      changed();
      try {
        if (arrival.repeat) return new Response('seen');
        const response = (await options.respond?.(arrival, previous)) ?? new Response('ok');
        if (response.status >= 200 && response.status < 300 && !done.has(eventId)) {
          done.add(eventId);
          processed.push(arrival);
        }
        return response;
      } finally {
        inFlight -= 1;
        changed();
      }
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/hook`,
    arrivals,
    processed,
    get inFlight() {
      return inFlight;
    },
    /** Resolves once `check()` holds; fails with `what` after `timeoutMs`. */
    until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        const wake = () => {
          if (!check()) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
    },
    close: () => server.stop(true),
  };
}

export type Receiver = ReturnType<typeof startReceiver>;
