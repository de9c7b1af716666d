/**
 * Exponential back-off with a cap, for reconnecting to devices and servers that went away. With
 * `jitter` each delay is drawn between half and all of the step, so many workstations that lost
 * the same server do not all come back at the same instant.
 */
export class Backoff {
  private current: number;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly jitter: (() => number) | null = null,
  ) {
    this.current = initialMs;
  }

  next(): number {
    const step = this.current;
    this.current = Math.min(this.maxMs, this.current * 2);
    return this.jitter ? Math.round(step / 2 + (step / 2) * this.jitter()) : step;
  }

  reset(): void {
    this.current = this.initialMs;
  }
}

/** A sleep that `wake()` (new work, cancel, shutdown) can cut short. */
export class Waker {
  private wakeUp: (() => void) | null = null;
  private pending = false;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Ends the current sleep, or the next one if none is running. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pending = true;
  }
}
