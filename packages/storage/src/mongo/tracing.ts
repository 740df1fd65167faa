/**
 * A span per MongoDB command, as a child of the active span (see @flc/telemetry), from the
 * driver's own command monitoring: turned on (`monitorCommands`) only when tracing is, so a
 * client without tracing emits no events at all. The driver runs a command in its caller's
 * async context, so the active span is the caller's. A span names the command and its
 * collection, never the command's document.
 */
import { startChildSpan, type TraceSpan } from '@flc/telemetry';
import type {
  CommandFailedEvent,
  CommandStartedEvent,
  CommandSucceededEvent,
  MongoClient,
} from 'mongodb';

export function traceMongo(client: MongoClient): void {
  // By request id: a reply names the command it answers by it (unique per connection).
  const spans = new Map<string, TraceSpan>();
  const key = (e: { connectionId?: unknown; requestId: number }) =>
    `${String(e.connectionId)}:${e.requestId}`;
  client.on('commandStarted', (event: CommandStartedEvent) => {
    const collection = event.command[event.commandName];
    const attributes: Record<string, string> = {
      'db.system': 'mongodb',
      'db.system.name': 'mongodb',
      'db.operation': event.commandName,
      'db.operation.name': event.commandName,
      'db.namespace': event.databaseName,
    };
    if (typeof collection === 'string') attributes['db.collection.name'] = collection;
    const name =
      typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName;
    const span = startChildSpan(name, attributes);
    if (span) spans.set(key(event), span);
  });
  const end = (event: CommandSucceededEvent | CommandFailedEvent, failure?: unknown) => {
    const span = spans.get(key(event));
    if (!span) return;
    spans.delete(key(event));
    if (failure !== undefined) span.fail(failure);
    span.end();
  };
  client.on('commandSucceeded', (event) => end(event));
  client.on('commandFailed', (event) => end(event, event.failure));
}
