/** One colour per route, distinct on the map and readable behind white stop numbers. */
const PALETTE = [
  '#1f6fb2',
  '#d2581c',
  '#2e8b57',
  '#8e44ad',
  '#c0392b',
  '#b8860b',
  '#16808f',
  '#c2185b',
  '#556b2f',
  '#5d4037',
];

export function routeColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
