/**
 * Gathers the lookups made in one tick into one query: a connect storm of 10,000 sockets asks
 * the database a few hundred times, not 10,000. `load` answers the rows it found by key; a key
 * it did not find resolves to null.
 */
export function tickBatch<V>(load: (keys: string[]) => Promise<Map<string, V>>) {
  let pending: Map<string, ((value: V | null) => void)[]> | null = null;
  let failures: ((error: unknown) => void)[] = [];

  async function flush(): Promise<void> {
    const batch = pending;
    const rejects = failures;
    pending = null;
    failures = [];
    if (!batch) return;
    try {
      const found = await load([...batch.keys()]);
      for (const [key, resolvers] of batch) {
        for (const resolve of resolvers) resolve(found.get(key) ?? null);
      }
    } catch (error) {
      for (const reject of rejects) reject(error);
    }
  }

  return (key: string): Promise<V | null> =>
    new Promise((resolve, reject) => {
      if (!pending) {
        pending = new Map();
        queueMicrotask(() => void flush());
      }
      const waiting = pending.get(key);
      if (waiting) waiting.push(resolve);
      else pending.set(key, [resolve]);
      failures.push(reject);
    });
}
