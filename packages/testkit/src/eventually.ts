/**
 * Resolves once `check` answers true, asking again every 25 ms: for states no event announces
 * (an acknowledgement in Redis, a row count, a metric). Fails with `what` after `timeoutMs`.
 */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}
