type Step = () => Promise<void> | void;

/**
 * Undo steps registered as resources are acquired (a temp dir, then the server living in it),
 * run last-first exactly once: after the tests, on a start-up failure, or on SIGINT/SIGTERM.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  add(step: Step): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.toReversed()) {
        try {
          await step();
        } catch (error) {
          // Keep undoing the rest; the error is reported, not hidden.
          console.error('[test] clean-up step failed:', error);
        }
      }
    })();
    return this.running;
  }
}
