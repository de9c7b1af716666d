/** Settings shared by the partition test's orchestrator and its client processes. */
export interface ClientConfig {
  index: number;
  seed: number;
  /** How many times this client was started before (a new random stream each start). */
  incarnation: number;
  dataDir: string;
  serverUrl: string;
  login: { tenant: string; email: string; password: string };
  timeZone: string;
  day: string;
  doorIds: string[];
  generate: boolean;
  /**
   * A dispatcher: plans a day of its own and offers its routes (others only answer offers), and
   * edits geofences and alert rules (operators may not).
   */
  planner: boolean;
}

/** Short timings so a partitioned client retries within seconds, not minutes. */
export const PARTITION_CLIENT_ENGINE = {
  periodicMs: 3_000,
  backoff: { initialMs: 100, maxMs: 2_000 },
  requestTimeoutMs: 5_000,
};

export const PARTITION_TIME_ZONE = 'Europe/Stockholm';
