/** Where travel times and distances come from: offline estimate, OSRM, or the input itself. */
export interface Coord {
  lat: number;
  lon: number;
}

/** Row-major n×n; durations in seconds, distances in metres. */
export interface TravelMatrix {
  n: number;
  durations: Float64Array;
  distances: Float64Array;
}

export interface MatrixProvider {
  readonly name: string;
  matrix(coords: Coord[], profile: string, signal?: AbortSignal): Promise<TravelMatrix>;
}

export function matrixFromRows(durations: number[][], distances?: number[][]): TravelMatrix {
  const n = durations.length;
  const d = new Float64Array(n * n);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      d[i * n + j] = durations[i]![j]!;
      // Without distances, travel time stands in so per-km costs and limits still mean something.
      m[i * n + j] = distances ? distances[i]![j]! : durations[i]![j]!;
    }
  }
  return { n, durations: d, distances: m };
}
