/**
 * The dispatcher's edits to a plan, as pure functions over a draft (which stop is on which
 * route in which order, which routes are locked), and an undo/redo history of drafts. Core
 * evaluates every draft; this module only decides what an edit means.
 */

export interface DraftRoute {
  vehicleId: string;
  driverId: string | null;
  locked: boolean;
  /** The first N stops are already loaded: they stay where they are. */
  lockedStops: number;
  stops: string[];
}

export interface Draft {
  routes: DraftRoute[];
  unassigned: string[];
}

export type Edit =
  /** Put a stop at `index` of a vehicle's route, or back among the unassigned (`vehicleId` null). */
  | { kind: 'move'; stopId: string; vehicleId: string | null; index: number }
  | { kind: 'lock'; vehicleId: string; locked: boolean }
  | { kind: 'driver'; vehicleId: string; driverId: string | null };

export type EditRefusal = 'locked' | 'unknown_stop' | 'unknown_vehicle' | 'no_change';

export type EditResult = { ok: true; draft: Draft } | { ok: false; reason: EditRefusal };

/** Where a stop is now: on a route (with its position) or unassigned. */
export function locate(draft: Draft, stopId: string): { vehicleId: string | null; index: number } | null {
  for (const r of draft.routes) {
    const index = r.stops.indexOf(stopId);
    if (index >= 0) return { vehicleId: r.vehicleId, index };
  }
  const index = draft.unassigned.indexOf(stopId);
  return index >= 0 ? { vehicleId: null, index } : null;
}

export function applyEdit(draft: Draft, edit: Edit): EditResult {
  const route = (id: string | null) => (id === null ? null : draft.routes.find((r) => r.vehicleId === id));
  if (edit.kind === 'lock' || edit.kind === 'driver') {
    const r = route(edit.vehicleId);
    if (!r) return { ok: false, reason: 'unknown_vehicle' };
    const next = edit.kind === 'lock' ? { ...r, locked: edit.locked } : { ...r, driverId: edit.driverId };
    if (next.locked === r.locked && next.driverId === r.driverId) return { ok: false, reason: 'no_change' };
    return { ok: true, draft: { ...draft, routes: draft.routes.map((x) => (x === r ? next : x)) } };
  }
  const from = locate(draft, edit.stopId);
  if (!from) return { ok: false, reason: 'unknown_stop' };
  const source = route(from.vehicleId);
  const target = route(edit.vehicleId);
  if (edit.vehicleId !== null && !target) return { ok: false, reason: 'unknown_vehicle' };
  // A locked route is what the driver has already loaded: nothing leaves it or joins it, and
  // nothing moves into or out of a route's loaded prefix.
  if (source?.locked || target?.locked) return { ok: false, reason: 'locked' };
  if (source && from.index < source.lockedStops) return { ok: false, reason: 'locked' };
  if (target && edit.index < target.lockedStops) return { ok: false, reason: 'locked' };

  const without = (list: string[]) => list.filter((id) => id !== edit.stopId);
  const insert = (list: string[], index: number) => {
    const out = [...list];
    out.splice(Math.max(0, Math.min(index, out.length)), 0, edit.stopId);
    return out;
  };
  // `index` counts positions in the target list as it is *after* the stop left it.
  const targetList = edit.vehicleId === null ? without(draft.unassigned) : without(target!.stops);
  const placed = insert(targetList, edit.index);
  if (from.vehicleId === edit.vehicleId && placed.indexOf(edit.stopId) === from.index)
    return { ok: false, reason: 'no_change' };

  const routes = draft.routes.map((r) => {
    if (r.vehicleId === edit.vehicleId) return { ...r, stops: placed };
    if (r.vehicleId === from.vehicleId) return { ...r, stops: without(r.stops) };
    return r;
  });
  const unassigned =
    edit.vehicleId === null ? placed : from.vehicleId === null ? without(draft.unassigned) : draft.unassigned;
  return { ok: true, draft: { routes, unassigned } };
}

export interface History {
  past: Draft[];
  present: Draft;
  future: Draft[];
}

/** Deep enough for a day's editing session; older steps fall off. */
const LIMIT = 100;

export function startHistory(draft: Draft): History {
  return { past: [], present: draft, future: [] };
}

export function record(h: History, draft: Draft): History {
  return { past: [...h.past, h.present].slice(-LIMIT), present: draft, future: [] };
}

export function undo(h: History): History {
  const previous = h.past[h.past.length - 1];
  if (!previous) return h;
  return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] };
}

export function redo(h: History): History {
  const next = h.future[0];
  if (!next) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1) };
}
