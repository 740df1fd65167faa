import { availabilityOf } from './availability.ts';
import type { BusinessHoursStore, StoredBusinessHours } from './business-hours-store.ts';
import type { ConversationRepository } from './conversation-repository.ts';
import { KeptReads } from './kept-reads.ts';
import type { Message } from './message.ts';

/** Whether an agent of the organization can answer now: online, not away, not disabled. */
export interface AgentAvailability {
  anyOnline(organizationId: string): Promise<boolean>;
}

/**
 * Which visitor message a conversation's last away message answered. A claim for the visitor's
 * message at `seq` wins when the conversation never got one, or got its last one before the
 * team's newest message (`teamSeq`); of racing claims, one wins.
 */
export interface AwayReplyClaims {
  claim(
    organizationId: string,
    conversationId: string,
    seq: number,
    teamSeq: number,
  ): Promise<boolean>;
}

export interface AwayReplyOptions {
  hours: Pick<BusinessHoursStore, 'get'>;
  agents: AgentAvailability;
  claims: AwayReplyClaims;
  conversations: Pick<ConversationRepository, 'get'>;
  /** Up to `limit` of the conversation's messages before `beforeSeq`, ascending. */
  recent(
    organizationId: string,
    conversationId: string,
    beforeSeq: number,
    limit: number,
  ): Promise<Pick<Message, 'seq' | 'sender' | 'kind'>[]>;
  /** Appends the away message to the conversation as a `system` message, idempotent on `cid`. */
  send(input: {
    organizationId: string;
    conversationId: string;
    environmentId: string;
    body: string;
    cid: string;
  }): Promise<void>;
  now?: () => Date;
  /**
   * How long a process uses the hours it read before reading them again in the background
   * (default 5 min): changes are announced (`followHoursChanges`) and forgotten at once, so this
   * only covers a lost announcement.
   */
  cacheMs?: number;
}

/** Messages looked back at for the team's newest one; a longer run of visitor text counts as none. */
const LOOK_BACK = 50;
/** Conversations whose environment a process remembers; it starts over when full. */
const MAX_REMEMBERED = 10_000;

/**
 * The away auto-reply: a visitor's message while nobody can answer (outside business hours, or
 * within them with no agent online) gets the environment's away message, once per stretch of
 * the team's silence: on the conversation's first message, or the first after an agent's (or a
 * bot's) reply. The reply is a `system` message, delivered like any other.
 */
export class AwayReplies {
  private readonly environments = new Map<string, string>();
  private readonly hours: KeptReads<StoredBusinessHours | null>;

  constructor(private readonly options: AwayReplyOptions) {
    this.hours = new KeptReads({
      rereadMs: options.cacheMs ?? 300_000,
      maxKept: MAX_REMEMBERED,
    });
  }

  /** Drops what this process remembers of an environment's hours, or of every one's. */
  forget(environmentId?: string): void {
    this.hours.forget(environmentId);
  }

  /**
   * Called once a visitor's message is appended (not for a repeated cid), with the visitor's
   * environment when the caller knows it (a visitor's conversations are in its environment):
   * then the conversation is not looked up.
   */
  async visitorWrote(
    message: Pick<Message, 'organizationId' | 'conversationId' | 'seq'>,
    visitorEnvironmentId?: string,
  ) {
    const { organizationId, conversationId, seq } = message;
    const environmentId =
      visitorEnvironmentId ?? (await this.environmentOf(organizationId, conversationId));
    const hours = await this.hoursOf(organizationId, environmentId);
    if (!hours?.awayMessage) return;
    const now = this.options.now?.() ?? new Date();
    const online = await this.options.agents.anyOnline(organizationId);
    if (availabilityOf(hours, online, now).state === 'online') return;
    const before = await this.options.recent(organizationId, conversationId, seq, LOOK_BACK);
    const team = before.filter(
      (m) => m.kind !== 'note' && (m.sender.type === 'agent' || m.sender.type === 'bot'),
    );
    const teamSeq = team.at(-1)?.seq ?? 0;
    if (!(await this.options.claims.claim(organizationId, conversationId, seq, teamSeq))) return;
    await this.options.send({
      organizationId,
      conversationId,
      environmentId,
      body: hours.awayMessage,
      cid: `away-${seq}`,
    });
  }

  private async environmentOf(organizationId: string, conversationId: string): Promise<string> {
    let id = this.environments.get(conversationId);
    if (!id) {
      const row = await this.options.conversations.get({ organizationId }, conversationId);
      id = row.environment_id;
      if (this.environments.size >= MAX_REMEMBERED) this.environments.clear();
      this.environments.set(conversationId, id);
    }
    return id;
  }

  /** The environment's hours: only the first read waits; later ones refresh in the background. */
  private hoursOf(organizationId: string, environmentId: string) {
    return this.hours.get(environmentId, () =>
      this.options.hours.get(organizationId, environmentId),
    );
  }
}
