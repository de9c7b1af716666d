/**
 * Deletes positions older than the retention setting, a slice at a time: one tracker and at most
 * 20,000 rows per transaction, so live ingestion never waits long behind the clean-up.
 */
import type { Database } from '../db/database';
import type { Logger } from '../log';
import { deleteOlder } from './store/positions-repo';
import type { TrackerRow } from './store/trackers-repo';

const SLICE = 20_000;
const EVERY_MS = 60 * 60_000;
const FIRST_AFTER_MS = 60_000;

export class Retention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly trackers: () => TrackerRow[],
    private readonly days: () => number,
  ) {}

  start(): void {
    const run = () => {
      void this.runOnce().catch((err: unknown) =>
        this.logger.warn('position clean-up failed', { error: String(err) }),
      );
      this.timer = setTimeout(run, EVERY_MS);
    };
    this.timer = setTimeout(run, FIRST_AFTER_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Deletes what is too old now; resolves with how many positions went. */
  runOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<number> {
    const before = this.now() - this.days() * 86_400_000;
    let total = 0;
    for (const t of this.trackers()) {
      for (;;) {
        const n = await this.db.write((tx) => deleteOlder(tx, t.key, before, SLICE));
        total += n;
        if (n < SLICE) break;
      }
    }
    if (total) this.logger.info('old positions deleted', { total, before });
    return total;
  }
}
