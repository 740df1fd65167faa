import type { Client, Message, MessageChange } from '@flc/sdk';
import type { WidgetApi } from './api.ts';
import type { VisitorAuth } from './auth.ts';
import type { Timeline } from './timeline.ts';

export interface MessageEditsOptions {
  api: WidgetApi;
  auth: VisitorAuth;
  timeline: Timeline;
  /** The conversation the widget follows, once there is one. */
  conversation(): string | null;
  changed(): void;
  report(error: unknown): void;
}

/**
 * The visitor's edits and deletes of its own messages (REST), and everyone's, heard live on the
 * socket: both land in the timeline, where the newest change of a message wins.
 */
export class MessageEdits {
  constructor(private readonly o: MessageEditsOptions) {}

  follow(client: Client): void {
    const apply = (change: MessageChange) => {
      if (change.conversationId !== this.o.conversation()) return;
      this.o.timeline.change(change);
      this.o.changed();
    };
    client.on('message.updated', apply);
    client.on('message.deleted', apply);
  }

  /** True once the server took it; false (and reported) when it refused or could not be reached. */
  edit(seq: number, body: string): Promise<boolean> {
    return this.run((token, id) => this.o.api.editMessage(token, id, seq, body));
  }

  remove(seq: number): Promise<boolean> {
    return this.run((token, id) => this.o.api.deleteMessage(token, id, seq));
  }

  private async run(call: (token: string, id: string) => Promise<Message>): Promise<boolean> {
    const id = this.o.conversation();
    if (!id) return false;
    try {
      const changed = await this.o.auth.authed((token) => call(token, id));
      this.o.timeline.add([changed]);
      this.o.changed();
      return true;
    } catch (error) {
      this.o.report(error);
      return false;
    }
  }
}
