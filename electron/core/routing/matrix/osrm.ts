import { z } from 'zod';
import { AppError } from '@shared/contract/errors';
import type { Coord, MatrixProvider, TravelMatrix } from './provider';

export interface OsrmOptions {
  /** e.g. http://127.0.0.1:5000 */
  baseUrl: string;
  /** Loadstar profile → OSRM profile name in the URL; OSRM servers usually serve one, `driving`. */
  profiles?: Record<string, string>;
  timeoutMs?: number;
}

const row = z.array(z.number().min(0).nullable());
const tableAnswer = z.object({
  code: z.string(),
  message: z.string().optional(),
  durations: z.array(row).optional(),
  distances: z.array(row).optional(),
});

/** Client for OSRM's `/table/v1/{profile}/{coords}` service; any failure is an `unavailable` error. */
export function osrmProvider(opts: OsrmOptions): MatrixProvider {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    name: 'osrm',
    async matrix(coords: Coord[], profile: string, signal?: AbortSignal): Promise<TravelMatrix> {
      const n = coords.length;
      const osrmProfile = opts.profiles?.[profile] ?? 'driving';
      const path = coords.map((c) => `${c.lon.toFixed(6)},${c.lat.toFixed(6)}`).join(';');
      const url = `${base}/table/v1/${encodeURIComponent(osrmProfile)}/${path}?annotations=duration,distance`;
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let body: unknown;
      try {
        const res = await fetch(url, { signal: combined });
        const text = await res.text();
        try {
          body = JSON.parse(text);
        } catch {
          throw fail(
            `the routing server at ${base} answered something that is not JSON (HTTP ${res.status})`,
          );
        }
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (timeout.aborted)
          throw fail(`the routing server at ${base} did not answer within ${timeoutMs / 1000} s`);
        if (signal?.aborted) throw new AppError('unavailable', 'Travel-time lookup was cancelled.');
        throw fail(`cannot reach the routing server at ${base} (${(e as Error).message})`);
      }
      const parsed = tableAnswer.safeParse(body);
      if (!parsed.success) throw fail(`the routing server at ${base} answered in an unexpected format`);
      const a = parsed.data;
      if (a.code !== 'Ok')
        throw fail(`the routing server refused the request: ${a.code}${a.message ? ` – ${a.message}` : ''}`);
      const durations = toMatrix(a.durations, n, 'durations', base);
      const distances = a.distances ? toMatrix(a.distances, n, 'distances', base) : durations.slice();
      return { n, durations, distances };
    },
  };
}

function toMatrix(
  rows: (number | null)[][] | undefined,
  n: number,
  what: string,
  base: string,
): Float64Array {
  if (!rows || rows.length !== n || rows.some((r) => r.length !== n)) {
    throw fail(`the routing server at ${base} returned ${what} of the wrong size`);
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = rows[i]![j];
      // OSRM writes null when no road connects two points; planning over it would be fiction.
      if (v === null || v === undefined)
        throw fail(`no road found between stops ${i} and ${j} (routing server at ${base})`);
      out[i * n + j] = v;
    }
  }
  return out;
}

function fail(message: string): AppError {
  return new AppError(
    'unavailable',
    `Travel times unavailable: ${message}. Check the routing server setting or use the offline estimate.`,
  );
}
