/**
 * Plausible driving without a road map: a street grid laid over southern Jönköping (south of lake
 * Vättern), its crossings nudged a little so streets are not ruler-straight, with faster arterial
 * rows and columns. A vehicle drives crossing to crossing toward a destination, slows for turns,
 * waits at a few crossings, stays a while at each destination, then picks the next one. Seeded,
 * so the demo history and the simulator are the same every time for the same seed.
 */
import { bearingDeg, distanceM } from '@shared/domain/geo';

export interface CityGrid {
  south: number;
  west: number;
  rows: number;
  cols: number;
  /** Degrees between streets. */
  dLat: number;
  dLon: number;
}

export const JONKOPING: CityGrid = {
  south: 57.728,
  west: 14.085,
  rows: 14,
  cols: 22,
  dLat: 0.0038,
  dLon: 0.0078,
};
/** The DC of the routing demo, where the demo fleet sleeps. */
export const DEPOT = { lat: 57.7372, lon: 14.1099 };

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Node = [number, number];

export function crossing(g: CityGrid, r: number, c: number): [number, number] {
  // A fixed nudge per crossing (same for every vehicle): up to a sixth of a block.
  const fract = (x: number) => x - Math.floor(x);
  const j = fract(Math.sin(r * 12.9898 + c * 78.233) * 43758.5453);
  const k = fract(Math.sin(r * 39.3467 + c * 11.135) * 24634.6345);
  return [g.south + r * g.dLat + (j - 0.5) * g.dLat * 0.33, g.west + c * g.dLon + (k - 0.5) * g.dLon * 0.33];
}

const arterial = (i: number) => i % 5 === 2;

export interface Sample {
  lat: number;
  lon: number;
  speedKmh: number;
  course: number;
}

/** One simulated vehicle; `step(seconds)` advances it and says where it is. */
export class CityDriver {
  private node: Node;
  private path: Node[] = [];
  private pos: [number, number];
  private speed = 0;
  private course = 0;
  private dwell = 0;

  constructor(
    private readonly g: CityGrid,
    private readonly rnd: () => number,
    start?: Node,
  ) {
    this.node = start ?? [Math.floor(rnd() * g.rows), Math.floor(rnd() * g.cols)];
    this.pos = crossing(g, ...this.node);
    // A short random wait so a fleet does not set off in step.
    this.dwell = rnd() * 20;
  }

  get parked(): boolean {
    return this.dwell > 0;
  }

  /** Stay put for `seconds` (a night at the depot, a long delivery). */
  park(seconds: number): void {
    this.dwell = Math.max(this.dwell, seconds);
    this.speed = 0;
  }

  step(dt: number): Sample {
    let left = dt;
    while (left > 0) {
      if (this.dwell > 0) {
        const wait = Math.min(this.dwell, left);
        this.dwell -= wait;
        left -= wait;
        this.speed = 0;
        continue;
      }
      if (this.path.length === 0) this.plan();
      const next = this.path[0]!;
      const target = crossing(this.g, ...next);
      const d = distanceM(this.pos[0], this.pos[1], target[0], target[1]);
      const limit =
        (arterial(next[0]) && next[0] === this.node[0]) || (arterial(next[1]) && next[1] === this.node[1])
          ? 70
          : 45;
      // Ease toward the limit, slower near a turn.
      const turning = this.path.length > 1 && d < 60;
      const wanted = (turning ? 20 : limit) * (0.85 + this.rnd() * 0.2);
      this.speed += Math.max(-12, Math.min(6, wanted - this.speed)) * Math.min(1, left);
      const mps = Math.max(2, this.speed / 3.6);
      const move = Math.min(d, mps * left);
      if (d > 0.5) this.course = bearingDeg(this.pos[0], this.pos[1], target[0], target[1]);
      const f = d > 0 ? move / d : 1;
      this.pos = [this.pos[0] + (target[0] - this.pos[0]) * f, this.pos[1] + (target[1] - this.pos[1]) * f];
      left -= move / mps;
      if (move >= d - 0.01) {
        this.node = next;
        this.path.shift();
        if (this.path.length === 0) this.dwell = 120 + this.rnd() * 900;
        // Now and then a red light.
        else if (this.rnd() < 0.12) this.dwell = 10 + this.rnd() * 40;
      }
    }
    return {
      lat: this.pos[0],
      lon: this.pos[1],
      speedKmh: this.dwell > 0 ? 0 : Math.max(0, this.speed),
      course: this.course,
    };
  }

  /** A route along the streets to a random crossing: mostly toward it, sometimes a detour. */
  private plan(): void {
    const dest: Node = [Math.floor(this.rnd() * this.g.rows), Math.floor(this.rnd() * this.g.cols)];
    let [r, c] = this.node;
    const path: Node[] = [];
    while (r !== dest[0] || c !== dest[1]) {
      const goRow = r !== dest[0] && (c === dest[1] || this.rnd() < 0.5);
      if (goRow) r += Math.sign(dest[0] - r);
      else c += Math.sign(dest[1] - c);
      path.push([r, c]);
    }
    this.path = path.length ? path : [[Math.min(this.g.rows - 1, r + 1), c]];
  }
}

/** The grid crossing nearest a point (where a simulated vehicle picks up from a stored fix). */
export function nearestCrossing(g: CityGrid, lat: number, lon: number): [number, number] {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  return [clamp((lat - g.south) / g.dLat, g.rows - 1), clamp((lon - g.west) / g.dLon, g.cols - 1)];
}
