/**
 * When to start core again after it died: at once after a long healthy run, with a growing pause
 * when it keeps dying soon after start (a broken data file must not make it spin). Shared by the
 * host's supervisor and Electron's main so both behave alike.
 */
export interface RestartPolicy {
  /** Milliseconds to wait before the next start, given how long the last one ran. */
  delayAfter(ranMs: number): number;
}

export function restartPolicy(
  options: { healthyMs?: number; firstMs?: number; maxMs?: number } = {},
): RestartPolicy {
  const healthyMs = options.healthyMs ?? 30_000;
  const firstMs = options.firstMs ?? 250;
  const maxMs = options.maxMs ?? 15_000;
  let quickFailures = 0;
  return {
    delayAfter(ranMs) {
      if (ranMs >= healthyMs) quickFailures = 0;
      const delay = Math.min(maxMs, firstMs * 2 ** quickFailures);
      quickFailures++;
      return delay;
    },
  };
}
