import { describe, expect, it } from 'vitest';
import type { Draft } from './plan-edit';
import { keyEdit } from './stop-keys';

const draft: Draft = {
  routes: [
    { vehicleId: 'V1', driverId: null, locked: false, lockedStops: 0, stops: ['a', 'b'] },
    { vehicleId: 'V2', driverId: null, locked: false, lockedStops: 0, stops: ['c'] },
  ],
  unassigned: ['u'],
};

describe('keyEdit', () => {
  it('moves along the route with the layout’s own arrows', () => {
    expect(keyEdit('ArrowDown', true, draft, 'a', 'list')).toEqual({
      kind: 'move',
      stopId: 'a',
      vehicleId: 'V1',
      index: 1,
    });
    expect(keyEdit('ArrowRight', true, draft, 'a', 'timeline')).toEqual({
      kind: 'move',
      stopId: 'a',
      vehicleId: 'V1',
      index: 1,
    });
    expect(keyEdit('ArrowUp', true, draft, 'a', 'list')).toBeNull(); // already first
    expect(keyEdit('ArrowDown', true, draft, 'b', 'list')).toBeNull(); // already last
  });

  it('moves to the neighbouring route at the same position', () => {
    expect(keyEdit('ArrowDown', true, draft, 'b', 'timeline')).toEqual({
      kind: 'move',
      stopId: 'b',
      vehicleId: 'V2',
      index: 1,
    });
    expect(keyEdit('ArrowLeft', true, draft, 'c', 'list')).toEqual({
      kind: 'move',
      stopId: 'c',
      vehicleId: 'V1',
      index: 0,
    });
    expect(keyEdit('ArrowUp', true, draft, 'a', 'timeline')).toBeNull();
  });

  it('brings an unassigned stop onto the last route, and Delete unassigns', () => {
    expect(keyEdit('ArrowUp', true, draft, 'u', 'timeline')).toEqual({
      kind: 'move',
      stopId: 'u',
      vehicleId: 'V2',
      index: 1,
    });
    expect(keyEdit('Delete', false, draft, 'c', 'list')).toEqual({
      kind: 'move',
      stopId: 'c',
      vehicleId: null,
      index: 0,
    });
    expect(keyEdit('Delete', false, draft, 'u', 'list')).toBeNull();
  });

  it('ignores plain arrows (they are for scrolling and focus)', () => {
    expect(keyEdit('ArrowDown', false, draft, 'a', 'list')).toBeNull();
  });
});
