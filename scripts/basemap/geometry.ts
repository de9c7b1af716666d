/** Line simplification and stitching for the overview map build (not shipped in the app). */

type Pos = number[];

/**
 * Douglas–Peucker in degrees (longitude scaled by the latitude's cosine, so shapes keep their
 * look). The tolerance may depend on the place, so one region can keep more detail.
 */
export function simplify(line: Pos[], toleranceAt: number | ((p: Pos) => number)): Pos[] {
  const tolOf = typeof toleranceAt === 'number' ? () => toleranceAt : toleranceAt;
  if (line.length <= 3) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = line[a]!;
    const [bx, by] = line[b]!;
    const k = Math.cos((((ay! + by!) / 2) * Math.PI) / 180);
    let worst = -1;
    let worstD = 0;
    for (let i = a + 1; i < b; i++) {
      const d = distance(line[i]!, ax!, ay!, bx!, by!, k);
      if (d > worstD && d > tolOf(line[i]!)) {
        worst = i;
        worstD = d;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return line.filter((_, i) => keep[i]);
}

function distance([px, py]: Pos, ax: number, ay: number, bx: number, by: number, k: number): number {
  const x = (px! - ax) * k;
  const y = py! - ay;
  const dx = (bx - ax) * k;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, (x * dx + y * dy) / len));
  return Math.hypot(x - t * dx, y - t * dy);
}

/** Joins pieces whose ends meet (GMT cuts shores at its bins) into closed rings. */
export function stitch(pieces: Pos[][]): { closed: Pos[][]; open: number } {
  const key = ([x, y]: Pos) => `${x!.toFixed(6)},${y!.toFixed(6)}`;
  const byStart = new Map<string, number[]>();
  pieces.forEach((p, i) => {
    const k = key(p[0]!);
    byStart.set(k, [...(byStart.get(k) ?? []), i]);
  });
  const used = new Uint8Array(pieces.length);
  const closed: Pos[][] = [];
  let open = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const ring = [...pieces[i]!];
    const start = key(ring[0]!);
    for (;;) {
      const end = key(ring[ring.length - 1]!);
      if (end === start && ring.length > 3) break;
      const next = (byStart.get(end) ?? []).find((j) => !used[j]);
      if (next === undefined) break;
      used[next] = 1;
      ring.push(...pieces[next]!.slice(1));
    }
    if (key(ring[ring.length - 1]!) === start && ring.length > 3) closed.push(ring);
    else open++;
  }
  return { closed, open };
}
