/**
 * Travel matrices for evaluating plans on the core's thread: the configured provider behind a
 * small cache (every drag re-evaluates the same places), falling back to the straight-line
 * estimate when the routing server fails, so the screen always has numbers and says why.
 */
import type { RoutingSettings } from '@shared/contract';
import { AppError } from '@shared/contract/errors';
import type { MatrixSource } from '../solve';
import { providerFor } from '../solve';
import type { Coord, MatrixProvider, TravelMatrix } from '../matrix/provider';

export function matrixSource(s: RoutingSettings): MatrixSource {
  return s.osrmUrl
    ? { kind: 'osrm', baseUrl: s.osrmUrl, timeoutMs: Math.round(s.osrmTimeoutSec * 1000) }
    : { kind: 'haversine', roadFactor: s.roadFactor };
}

export interface MatrixUse {
  provider: MatrixProvider;
  /** Filled in when the configured server failed during this evaluation. */
  fallback: { note: string } | null;
}

const MAX_ENTRIES = 12;
/** After the routing server fails, evaluations use the estimate at once for this long. */
const RETRY_AFTER_MS = 30_000;

export class MatrixCache {
  private readonly entries = new Map<string, TravelMatrix>();
  private readonly failed = new Map<string, { at: number; note: string }>();

  /** A provider for one evaluation; check `fallback` after using it. */
  forSettings(s: RoutingSettings): MatrixUse {
    const source = matrixSource(s);
    const primary = providerFor(source);
    const offline = providerFor({ kind: 'haversine', roadFactor: s.roadFactor });
    const use: MatrixUse = { provider: primary, fallback: null };
    const sourceKey = JSON.stringify(source);
    use.provider = {
      name: primary.name,
      matrix: async (coords: Coord[], profile: string, signal?: AbortSignal) => {
        const key = `${sourceKey}|${profile}|${coords.map((c) => `${c.lat},${c.lon}`).join(';')}`;
        const hit = this.entries.get(key);
        if (hit) return hit;
        const recent = this.failed.get(sourceKey);
        if (recent && Date.now() - recent.at < RETRY_AFTER_MS) {
          use.fallback = { note: recent.note };
          return offline.matrix(coords, profile, signal);
        }
        let m: TravelMatrix;
        try {
          m = await primary.matrix(coords, profile, signal);
        } catch (e) {
          if (source.kind !== 'osrm' || !(e instanceof AppError)) throw e;
          // Every drag re-evaluates: do not make each one wait for a dead server's timeout.
          this.failed.set(sourceKey, { at: Date.now(), note: e.message });
          use.fallback = { note: e.message };
          return offline.matrix(coords, profile, signal);
        }
        this.failed.delete(sourceKey);
        this.entries.set(key, m);
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
        return m;
      },
    };
    return use;
  }
}
