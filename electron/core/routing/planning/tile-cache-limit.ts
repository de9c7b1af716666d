/**
 * Keeps the map-tile cache in the data folder under a size limit by dropping the tiles used
 * longest ago, so a dispatcher who pans over half of Europe does not fill the workstation's disk,
 * while the area they work in (used most recently) stays available offline. Use is remembered in
 * memory and, across restarts, in each file's modification time (to the hour).
 */
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log';

/** Pruning goes this far below the limit, so it does not run again at the next tile. */
const PRUNE_TO = 0.9;
const STORED_USE_PRECISION_MS = 3_600_000;

interface Entry {
  bytes: number;
  usedAt: number;
  /** When the use was last written to the file's mtime. */
  storedAt: number;
}

export class TileCacheLimit {
  private files: Map<string, Entry> | null = null;
  private loading: Promise<Map<string, Entry>> | null = null;
  private pruning: Promise<void> | null = null;
  private total = 0;
  private clock = 0;

  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  /** A cached tile was served. */
  async used(file: string): Promise<void> {
    const entry = (await this.index()).get(file);
    if (!entry) return;
    const stored = entry.storedAt;
    entry.usedAt = this.tick();
    // The file time only has to survive a restart: an hour's precision spares a write per tile.
    if (Date.now() - stored < STORED_USE_PRECISION_MS) return;
    entry.storedAt = Date.now();
    const at = new Date();
    await utimes(file, at, at).catch(() => undefined);
  }

  /** A tile was written to the cache. */
  async added(file: string, bytes: number): Promise<void> {
    const files = await this.index();
    this.total += bytes - (files.get(file)?.bytes ?? 0);
    files.set(file, { bytes, usedAt: this.tick(), storedAt: Date.now() });
    if (this.total > this.maxBytes && !this.pruning)
      this.pruning = this.prune(files).finally(() => (this.pruning = null));
    await this.pruning;
  }

  /** Bytes the cache holds now (as far as this process knows). */
  async size(): Promise<number> {
    await this.index();
    return this.total;
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }

  private index(): Promise<Map<string, Entry>> {
    if (this.files) return Promise.resolve(this.files);
    this.loading ??= this.scan().then((files) => (this.files = files));
    return this.loading;
  }

  private async scan(): Promise<Map<string, Entry>> {
    const files = new Map<string, Entry>();
    const names = await readdir(this.root, { recursive: true }).catch(() => [] as string[]);
    for (const name of names) {
      if (name.endsWith('.tmp')) continue;
      const path = join(this.root, name);
      const s = await stat(path).catch(() => null);
      if (!s?.isFile()) continue;
      files.set(path, { bytes: s.size, usedAt: s.mtimeMs, storedAt: s.mtimeMs });
      this.total += s.size;
      this.clock = Math.max(this.clock, s.mtimeMs);
    }
    return files;
  }

  private async prune(files: Map<string, Entry>): Promise<void> {
    const oldest = [...files].sort((a, b) => a[1].usedAt - b[1].usedAt);
    const before = this.total;
    let removed = 0;
    for (const [path, entry] of oldest) {
      if (this.total <= this.maxBytes * PRUNE_TO) break;
      await rm(path, { force: true }).catch(() => undefined);
      files.delete(path);
      this.total -= entry.bytes;
      removed++;
    }
    this.logger.info('map tile cache pruned', { removed, bytesBefore: before, bytesAfter: this.total });
  }
}
