type Handler<T> = (payload: T) => void;

/** Reports a host handler's exception without unwinding the client's own work. */
const rethrowLater = (error: unknown): void =>
  queueMicrotask(() => {
    throw error;
  });

/** A typed event emitter; `on` returns the function that removes the handler. */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<Handler<never>>>();

  constructor(private readonly report: (error: unknown) => void = rethrowLater) {}

  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler as Handler<never>);
    return () => {
      set.delete(handler as Handler<never>);
    };
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as Handler<Events[K]>)(payload);
      } catch (error) {
        this.report(error);
      }
    }
  }
}
