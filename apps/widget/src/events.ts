type Handler<T> = (payload: T) => void;

/** A typed event map; a throwing handler (the host page's) is reported, never breaks the widget. */
export class Events<M> {
  private readonly handlers = new Map<keyof M, Set<Handler<never>>>();

  on<K extends keyof M>(event: K, handler: Handler<M[K]>): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  emit<K extends keyof M>(event: K, payload: M[K]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) {
      try {
        (handler as Handler<M[K]>)(payload);
      } catch (error) {
        console.error(`[FLC] a "${String(event)}" handler threw`, error);
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
