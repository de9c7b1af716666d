import { describe, expect, it } from 'vitest';
import { simplify, stitch } from './geometry';

describe('overview map build geometry', () => {
  it('simplifies within the tolerance and keeps the ends', () => {
    const line = [
      [0, 0],
      [1, 0.001],
      [2, 0],
      [3, 1],
      [4, 0],
    ];
    expect(simplify(line, 0.01)).toEqual([
      [0, 0],
      [2, 0],
      [3, 1],
      [4, 0],
    ]);
    // A place-dependent tolerance keeps more where it is small.
    expect(simplify(line, ([x]) => (x! < 1.5 ? 0 : 0.01))).toHaveLength(5);
  });

  it('joins bin pieces end to start into closed rings and counts what stays open', () => {
    const pieces = [
      [
        [0, 0],
        [1, 0],
      ],
      [
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [1, 0],
        [1, 1],
      ],
      [
        [5, 5],
        [6, 6],
      ],
    ];
    const { closed, open } = stitch(pieces);
    expect(closed).toEqual([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ]);
    expect(open).toBe(1);
  });
});
