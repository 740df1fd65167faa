/**
 * Gathers the lookups made in one turn of the event loop into one query: a connect storm of
 * 10,000 sockets asks the database a few hundred times, not 10,000. The flush waits for
 * `setImmediate`, after the loop's I/O callbacks: every upgrade a poll delivered joins the same
 * batch (a microtask would flush after each one, as runtimes drain microtasks per callback).
 * `load` answers the rows it found by key; a key it did not find resolves to null, and a failed
 * load rejects every lookup of its batch.
 */
export function tickBatch<V>(load: (keys: string[]) => Promise<Map<string, V>>) {
  interface Waiting {
    resolve: (value: V | null) => void;
    reject: (error: unknown) => void;
  }
  let pending: Map<string, Waiting[]> | null = null;

  async function flush(batch: Map<string, Waiting[]>): Promise<void> {
    let found: Map<string, V>;
    try {
      found = await load([...batch.keys()]);
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
      return;
    }
    for (const [key, waiting] of batch) {
      const value = found.get(key) ?? null;
      for (const w of waiting) w.resolve(value);
    }
  }

  return (key: string): Promise<V | null> =>
    new Promise((resolve, reject) => {
      if (!pending) {
        const batch = new Map<string, Waiting[]>();
        pending = batch;
        setImmediate(() => {
          pending = null;
          void flush(batch);
        });
      }
      const waiting = pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else pending.set(key, [{ resolve, reject }]);
    });
}
