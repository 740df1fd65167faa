/**
 * Runs `work` after the key's earlier work (done or failed) and lets the key go after: one
 * writer at a time per key (a conversation) in this process, in the order they queued.
 */
export function inTurn<T>(
  turns: Map<string, Promise<unknown>>,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  const mine = (turns.get(key) ?? Promise.resolve()).then(work, work);
  turns.set(key, mine);
  const forget = () => {
    if (turns.get(key) === mine) turns.delete(key);
  };
  mine.then(forget, forget);
  return mine;
}
