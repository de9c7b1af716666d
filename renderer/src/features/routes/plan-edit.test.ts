import { describe, expect, it } from 'vitest';
import { applyEdit, locate, record, redo, startHistory, undo, type Draft } from './plan-edit';

const draft: Draft = {
  routes: [
    { vehicleId: 'V1', driverId: null, locked: false, lockedStops: 0, stops: ['a', 'b', 'c'] },
    { vehicleId: 'V2', driverId: 'D1', locked: false, lockedStops: 0, stops: ['d'] },
    { vehicleId: 'V3', driverId: null, locked: true, lockedStops: 0, stops: ['e'] },
  ],
  unassigned: ['u'],
};

function moved(edit: Parameters<typeof applyEdit>[1]): Draft {
  const r = applyEdit(draft, edit);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.draft;
}

describe('applyEdit', () => {
  it('moves a stop between routes at the given position', () => {
    const next = moved({ kind: 'move', stopId: 'b', vehicleId: 'V2', index: 0 });
    expect(next.routes[0]!.stops).toEqual(['a', 'c']);
    expect(next.routes[1]!.stops).toEqual(['b', 'd']);
    expect(draft.routes[0]!.stops).toEqual(['a', 'b', 'c']); // the original is untouched
  });

  it('reorders within a route, counting the index after the stop left', () => {
    expect(moved({ kind: 'move', stopId: 'a', vehicleId: 'V1', index: 2 }).routes[0]!.stops).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(moved({ kind: 'move', stopId: 'c', vehicleId: 'V1', index: 0 }).routes[0]!.stops).toEqual([
      'c',
      'a',
      'b',
    ]);
  });

  it('clamps an index past the end to the end', () => {
    expect(moved({ kind: 'move', stopId: 'a', vehicleId: 'V2', index: 99 }).routes[1]!.stops).toEqual([
      'd',
      'a',
    ]);
  });

  it('unassigns a stop and assigns an unassigned one', () => {
    const out = moved({ kind: 'move', stopId: 'd', vehicleId: null, index: 0 });
    expect(out.routes[1]!.stops).toEqual([]);
    expect(out.unassigned).toEqual(['d', 'u']);
    const back = moved({ kind: 'move', stopId: 'u', vehicleId: 'V1', index: 1 });
    expect(back.unassigned).toEqual([]);
    expect(back.routes[0]!.stops).toEqual(['a', 'u', 'b', 'c']);
  });

  it('refuses to take a stop off, or put one on, a locked route', () => {
    expect(applyEdit(draft, { kind: 'move', stopId: 'e', vehicleId: 'V1', index: 0 })).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(applyEdit(draft, { kind: 'move', stopId: 'a', vehicleId: 'V3', index: 0 })).toEqual({
      ok: false,
      reason: 'locked',
    });
  });

  it('keeps a loaded prefix in place: its stops stay, nothing is put before them', () => {
    const loaded: Draft = {
      ...draft,
      routes: draft.routes.map((r) => (r.vehicleId === 'V1' ? { ...r, lockedStops: 1 } : r)),
    };
    expect(applyEdit(loaded, { kind: 'move', stopId: 'a', vehicleId: 'V2', index: 0 })).toMatchObject({
      reason: 'locked',
    });
    expect(applyEdit(loaded, { kind: 'move', stopId: 'd', vehicleId: 'V1', index: 0 })).toMatchObject({
      reason: 'locked',
    });
    const after = applyEdit(loaded, { kind: 'move', stopId: 'd', vehicleId: 'V1', index: 1 });
    expect(after.ok && after.draft.routes[0]!.stops).toEqual(['a', 'd', 'b', 'c']);
  });

  it('says when nothing would change or the ids are unknown', () => {
    expect(applyEdit(draft, { kind: 'move', stopId: 'b', vehicleId: 'V1', index: 1 })).toMatchObject({
      reason: 'no_change',
    });
    expect(applyEdit(draft, { kind: 'move', stopId: 'zz', vehicleId: 'V1', index: 0 })).toMatchObject({
      reason: 'unknown_stop',
    });
    expect(applyEdit(draft, { kind: 'move', stopId: 'a', vehicleId: 'V9', index: 0 })).toMatchObject({
      reason: 'unknown_vehicle',
    });
    expect(applyEdit(draft, { kind: 'lock', vehicleId: 'V3', locked: true })).toMatchObject({
      reason: 'no_change',
    });
  });

  it('locks a route and assigns a driver without touching its stops', () => {
    const locked = moved({ kind: 'lock', vehicleId: 'V1', locked: true });
    expect(locked.routes[0]).toMatchObject({ locked: true, stops: ['a', 'b', 'c'] });
    const driven = moved({ kind: 'driver', vehicleId: 'V1', driverId: 'D7' });
    expect(driven.routes[0]!.driverId).toBe('D7');
  });

  it('keeps every stop exactly once through any move', () => {
    const all = (d: Draft) => [...d.routes.flatMap((r) => r.stops), ...d.unassigned].sort();
    let d = draft;
    const moves: [string, string | null, number][] = [
      ['a', 'V2', 1],
      ['u', 'V1', 0],
      ['d', null, 5],
      ['c', 'V2', 0],
    ];
    for (const [stopId, vehicleId, index] of moves) {
      const r = applyEdit(d, { kind: 'move', stopId, vehicleId, index });
      if (r.ok) d = r.draft;
      expect(all(d)).toEqual(['a', 'b', 'c', 'd', 'e', 'u']);
    }
  });
});

describe('history', () => {
  it('undoes and redoes in order, and a new edit clears the redo list', () => {
    const one = moved({ kind: 'move', stopId: 'a', vehicleId: 'V2', index: 0 });
    const two = applyEdit(one, { kind: 'lock', vehicleId: 'V2', locked: true });
    if (!two.ok) throw new Error('refused');
    let h = record(record(startHistory(draft), one), two.draft);
    expect(h.present).toBe(two.draft);
    h = undo(h);
    expect(h.present).toBe(one);
    h = undo(h);
    expect(h.present).toBe(draft);
    expect(undo(h)).toBe(h); // nothing left to undo
    h = redo(h);
    expect(h.present).toBe(one);
    h = record(h, draft);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it('locates a stop', () => {
    expect(locate(draft, 'c')).toEqual({ vehicleId: 'V1', index: 2 });
    expect(locate(draft, 'u')).toEqual({ vehicleId: null, index: 0 });
    expect(locate(draft, 'nope')).toBeNull();
  });
});
