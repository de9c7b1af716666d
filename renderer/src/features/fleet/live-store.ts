/**
 * The live fleet outside React: a snapshot from `fleet.live`, then each pushed batch applied in
 * place. The map's canvas reads it every frame; React components read a version number that
 * changes at most once per batch, so 5,000 vehicles a second never means 5,000 renders.
 */
import type { LiveBatch, LivePosition, LiveStatus } from '@shared/contract';

export interface LiveVehicle {
  trackerId: string;
  vehicleId: string | null;
  name: string;
  plate: string;
  driverName: string | null;
  at: number;
  lat: number;
  lon: number;
  speedKmh: number;
  /** -1: unknown. */
  course: number;
  status: LiveStatus;
}

export class LiveStore {
  readonly vehicles = new Map<string, LiveVehicle>();
  version = 0;
  /** Changes only when vehicles come or go (a snapshot), not when they move. */
  membership = 0;
  private readonly listeners = new Set<() => void>();

  /** The full picture (a new page, a reconnect): replaces everything. */
  snapshot(list: LivePosition[]): void {
    this.vehicles.clear();
    for (const p of list)
      this.vehicles.set(p.trackerId, {
        trackerId: p.trackerId,
        vehicleId: p.vehicleId,
        name: p.name,
        plate: p.plate,
        driverName: p.driverName,
        at: p.at,
        lat: p.lat,
        lon: p.lon,
        speedKmh: p.speedKmh,
        course: p.course ?? -1,
        status: p.status,
      });
    this.membership++;
    this.changed();
  }

  /** One pushed second. A tracker the snapshot did not have is unknown by name until the next one. */
  apply(b: LiveBatch): { unknown: number } {
    let unknown = 0;
    for (let i = 0; i < b.trackerIds.length; i++) {
      const v = this.vehicles.get(b.trackerIds[i]!);
      if (!v) {
        unknown++;
        continue;
      }
      v.at = b.at[i]!;
      v.lat = b.lat[i]!;
      v.lon = b.lon[i]!;
      v.speedKmh = b.speedKmh[i]!;
      v.course = b.course[i]!;
      v.status = b.status[i]!;
    }
    this.changed();
    return { unknown };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

export const STATUS_COLORS: Record<LiveStatus, string> = {
  moving: '#2e9e5b',
  idle: '#d99a1e',
  stopped: '#3b6fd6',
  offline: '#8a96a3',
};
