import type { EventBus } from '../../event-bus';

type Part = 'printers' | 'scanners' | 'doors' | 'jobs';

/**
 * `devices.changed` makes every open Devices screen refetch its `devices.*` queries, so it is
 * coalesced: at most one per interval, naming every part that changed meanwhile. Fine-grained
 * events (`devices.job`, `devices.door`, …) carry the live detail in between.
 */
export class ChangeNotifier {
  private parts = new Set<Part>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: EventBus,
    private readonly intervalMs = 500,
  ) {}

  notify(part: Part): void {
    this.parts.add(part);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.parts.size === 0) return;
    const payload = Object.fromEntries([...this.parts].map((p) => [p, true]));
    this.parts = new Set();
    this.events.emit('devices.changed', payload);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.parts.clear();
  }
}
