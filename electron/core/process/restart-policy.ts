/**
 * When to start core again after it died: at once (a short pause) after a run in which it served
 * requests or lived long, with a growing pause while it keeps dying without serving anything (a
 * broken data file or a failing start must not make it spin). Shared by the host's supervisor
 * and Electron's main so both behave alike.
 */
export interface RestartPolicy {
  /** Milliseconds to wait before the next start, given how the last run went. */
  delayAfter(run: { ranMs: number; answered: number }): number;
}

export function restartPolicy(
  options: { healthyMs?: number; firstMs?: number; maxMs?: number } = {},
): RestartPolicy {
  const healthyMs = options.healthyMs ?? 30_000;
  const firstMs = options.firstMs ?? 250;
  const maxMs = options.maxMs ?? 15_000;
  let quickFailures = 0;
  return {
    delayAfter({ ranMs, answered }) {
      if (ranMs >= healthyMs || answered > 0) quickFailures = 0;
      const delay = Math.min(maxMs, firstMs * 2 ** quickFailures);
      quickFailures++;
      return delay;
    },
  };
}
