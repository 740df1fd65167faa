import { errorReporter } from '@flc/log';
import type { ConversationRow } from './conversation-repository.ts';
import type { ConversationService } from './conversation-service.ts';
import { startRounds } from './rounds.ts';

/** Where snoozed conversations wake up: the store, with their webhook events (see ConversationChanges). */
export interface SnoozeWaker {
  /**
   * Opens at most `limit` snoozed conversations whose time has passed (as of `now`, else the
   * store's clock), each with its `conversation.updated` webhook event, and answers them. Safe
   * from several processes at once: each conversation wakes once.
   */
  wake(limit: number, now?: Date): Promise<ConversationRow[]>;
}

export interface SnoozeAlarmOptions {
  /** Wakes what is due and tells the agents (`conversation` event `updated`). */
  conversations: Pick<ConversationService, 'wakeSnoozed'>;
  /** Between the end of one round and the next (default 5 s). */
  everyMs?: number;
  /** Conversations per statement; a round repeats while a statement fills it (default 100). */
  batch?: number;
  onError?: (error: unknown) => void;
}

export interface SnoozeAlarm {
  /** One round now (as of `now`, else the store's clock); answers how many woke up. */
  tick(now?: Date): Promise<number>;
  /** No more rounds; resolves once the round in flight is done. */
  stop(): Promise<void>;
}

/**
 * Wakes snoozed conversations whose time has passed, every few seconds, and tells the agents.
 * Any number of processes may run one against the same database. Rounds never overlap; a
 * failed round is reported and the next one tries again.
 */
export function startSnoozeAlarm(options: SnoozeAlarmOptions): SnoozeAlarm {
  const { conversations } = options;
  const batch = options.batch ?? 100;
  const onError = options.onError ?? errorReporter('snooze', 'waking snoozed conversations failed');
  async function round(now?: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const woken = await conversations.wakeSnoozed(batch, now, onError);
      total += woken;
      if (woken < batch) return total;
    }
  }
  return startRounds(round, 0, options.everyMs ?? 5_000, onError);
}
