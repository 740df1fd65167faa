import {
  type Bus,
  type BusEvent,
  inboxEventConversation,
  mentionTarget,
  type Topic,
  type Unsubscribe,
} from '@flc/core';
import type { InboxFilter } from '@flc/protocol';

/**
 * What a transport offers for one-to-many delivery in native code: a socket joins a channel, and
 * one publish writes the same bytes to every socket in it (uWS's and Bun's topic pub/sub, the
 * loop over the sockets in C++/Zig instead of JavaScript).
 */
export interface NativeFanout {
  publish(channel: string, frame: string): void;
}

/** A socket as an inbox member: joined natively, or written to one by one. */
export interface InboxMember {
  /** The agent on the socket: a mention goes to its agent's sockets only. */
  agentId: string;
  /** Joins the channel in the transport; false when it cannot (then `deliver` is called). */
  join(channel: string): boolean;
  leave(channel: string): void;
  deliver(frame: string): void;
  /** The inbox was interrupted (events lost): the member must reload. */
  interrupted(): void;
}

/**
 * Inboxes with fewer sockets on the node are written socket by socket: there a publish saves
 * little, and it would cost each socket a write of its own instead of riding on the one write a
 * transport may make per socket and turn.
 */
export const NATIVE_FANOUT_MIN = 8;

interface Group {
  channel: string;
  members: Set<InboxMember>;
  /** Members the transport could not join natively. */
  manual: Set<InboxMember>;
  subscribed: Promise<Unsubscribe>;
  /**
   * Conversations whose event went out within the current window, with the newest event held
   * back since (null when none came). See `coalesceMs`.
   */
  held: Map<string, string | null>;
  sweep: ReturnType<typeof setInterval> | null;
  /** Members that narrowed their inbox (written one by one, never joined natively). */
  narrowed: Map<InboxMember, InboxFilter>;
  /**
   * While some member narrowed: where each conversation was at its last event, so that the
   * event taking it out of a member's view still reaches that member.
   */
  places: Map<string, Place>;
}

/** What an inbox filter looks at in a conversation's summary. */
interface Place {
  environmentId: string;
  teamId: string | null;
  assigneeId: string | null;
}

/** Conversations whose place is remembered per inbox; the oldest are forgotten beyond. */
const MAX_PLACES = 50_000;

/** Whether a conversation at `place` is in the view of `agentId`'s `filter`. */
export function inView(filter: InboxFilter, agentId: string, place: Place): boolean {
  if (filter.environmentIds && !filter.environmentIds.includes(place.environmentId)) return false;
  if (filter.teamIds && (place.teamId === null || !filter.teamIds.includes(place.teamId))) {
    return false;
  }
  switch (filter.assignee) {
    case 'me':
      return place.assigneeId === agentId;
    case 'unassigned':
      return place.assigneeId === null;
    case 'me_or_unassigned':
      return place.assigneeId === null || place.assigneeId === agentId;
    default:
      return true;
  }
}

/** The conversation and its place in an inbox `conversation` frame; null for another frame. */
function placeOf(frame: string): { id: string; place: Place } | null {
  if (!frame.startsWith('{"t":"conversation"')) return null;
  const { conversation: c } = JSON.parse(frame) as {
    conversation: Place & { id: string };
  };
  return {
    id: c.id,
    place: { environmentId: c.environmentId, teamId: c.teamId, assigneeId: c.assigneeId },
  };
}

/**
 * One bus subscription per organization inbox on this node, whatever its number of agent
 * sockets: each event is published once to the inbox's channel, so a tenant with hundreds of
 * agents costs one JavaScript call per event, not one per socket.
 */
export class InboxFanout {
  private readonly groups = new Map<string, Group>();
  private native: NativeFanout | null = null;

  /**
   * `coalesceMs`: a conversation's first inbox event goes out at once; more events of it within
   * the window are held, and only the newest goes out when it ends (an event carries the whole
   * summary, so the newest one is the state). 0 sends every event.
   */
  constructor(
    private readonly bus: Bus,
    private readonly coalesceMs = 0,
  ) {}

  /** The transport's publish; until it is set every member is written to one by one. */
  useNative(native: NativeFanout): void {
    this.native = native;
  }

  /** Resolves once `member` receives the organization's inbox events. */
  async join(organizationId: string, member: InboxMember): Promise<void> {
    let group = this.groups.get(organizationId);
    if (!group) {
      const topic: Topic = { kind: 'organization', organizationId };
      const created: Group = {
        channel: `inbox:${organizationId}`,
        members: new Set(),
        manual: new Set(),
        held: new Map(),
        sweep: null,
        narrowed: new Map(),
        places: new Map(),
        subscribed: this.bus.subscribe(topic, (event) => this.event(created, event)),
      };
      group = created;
      this.groups.set(organizationId, created);
      created.subscribed.catch(() => {
        if (this.groups.get(organizationId) === created) this.groups.delete(organizationId);
      });
    }
    await group.subscribed;
    group.members.add(member);
    if (!this.native || !member.join(group.channel)) group.manual.add(member);
  }

  /**
   * Narrows the inbox events `member` gets to the conversations in `filter`'s view, or with
   * null widens them to all again; false when it is not a member.
   */
  narrow(organizationId: string, member: InboxMember, filter: InboxFilter | null): boolean {
    const group = this.groups.get(organizationId);
    if (!group?.members.has(member)) return false;
    if (filter) {
      if (!group.manual.has(member)) {
        member.leave(group.channel);
        group.manual.add(member);
      }
      group.narrowed.set(member, filter);
      return true;
    }
    if (!group.narrowed.delete(member)) return true;
    if (group.narrowed.size === 0) group.places.clear();
    if (this.native && member.join(group.channel)) group.manual.delete(member);
    return true;
  }

  /** Resolves once the node's subscription is gone, when `member` was the last one. */
  async leave(organizationId: string, member: InboxMember): Promise<void> {
    const group = this.groups.get(organizationId);
    if (!group?.members.delete(member)) return;
    group.narrowed.delete(member);
    if (group.narrowed.size === 0) group.places.clear();
    if (!group.manual.delete(member)) member.leave(group.channel);
    if (group.members.size > 0) return;
    this.groups.delete(organizationId);
    if (group.sweep) clearInterval(group.sweep);
    (await group.subscribed)();
  }

  private event(group: Group, event: BusEvent): void {
    if (event.type === 'reset') {
      for (const member of [...group.members]) member.interrupted();
      return;
    }
    // Rare, and for one agent: written to its sockets alone, never published to the inbox.
    const mentioned = mentionTarget(event.frame);
    if (mentioned !== null) {
      for (const member of group.members)
        if (member.agentId === mentioned) member.deliver(event.frame);
      return;
    }
    const conversationId = this.coalesceMs > 0 ? inboxEventConversation(event.frame) : null;
    if (conversationId !== null && group.held.has(conversationId)) {
      group.held.set(conversationId, event.frame);
      return;
    }
    if (conversationId !== null) this.hold(group, conversationId);
    this.publish(group, event.frame);
  }

  /** Opens a window for the conversation; the group's sweep ends it. */
  private hold(group: Group, conversationId: string): void {
    group.held.set(conversationId, null);
    if (group.sweep) return;
    group.sweep = setInterval(() => {
      // A window with a newer event sends it and opens another; a quiet one ends.
      for (const [id, frame] of group.held) {
        if (frame === null) group.held.delete(id);
        else {
          group.held.set(id, null);
          this.publish(group, frame);
        }
      }
      if (group.held.size === 0 && group.sweep) {
        clearInterval(group.sweep);
        group.sweep = null;
      }
    }, this.coalesceMs);
    group.sweep.unref?.();
  }

  private publish(group: Group, frame: string): void {
    const joined = group.members.size - group.manual.size;
    const narrowed = group.narrowed.size > 0 ? this.narrowedView(group, frame) : null;
    const deliver = (member: InboxMember) => {
      if (!narrowed?.(member)) member.deliver(frame);
    };
    if (this.native && joined >= NATIVE_FANOUT_MIN) {
      this.native.publish(group.channel, frame);
      for (const member of group.manual) deliver(member);
    } else {
      for (const member of group.members) deliver(member);
    }
  }

  /**
   * For an inbox event while some members narrowed: which of those it skips. A member gets the
   * conversation's event when the conversation is in its view now, or was at its last event
   * (so the event that takes it out of the view arrives too).
   */
  private narrowedView(group: Group, frame: string): (member: InboxMember) => boolean {
    const at = placeOf(frame);
    if (!at) return () => false;
    const before = group.places.get(at.id);
    group.places.delete(at.id);
    group.places.set(at.id, at.place);
    if (group.places.size > MAX_PLACES) {
      const oldest = group.places.keys().next().value;
      if (oldest !== undefined) group.places.delete(oldest);
    }
    return (member) => {
      const filter = group.narrowed.get(member);
      if (!filter) return false;
      const shown =
        inView(filter, member.agentId, at.place) ||
        (before !== undefined && inView(filter, member.agentId, before));
      return !shown;
    };
  }
}
