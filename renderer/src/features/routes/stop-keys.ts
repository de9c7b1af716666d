/** Moving a focused stop with the keyboard: the same edits a drag makes. */
import type { Draft, Edit } from './plan-edit';
import { locate } from './plan-edit';

export type Layout = 'list' | 'timeline';

/**
 * Shift+arrows move the stop: along its route (↑/↓ in a list, ←/→ on the timeline) or to the
 * neighbouring route, same position; Delete takes it off its route.
 */
export function keyEdit(
  key: string,
  shift: boolean,
  draft: Draft,
  stopId: string,
  layout: Layout,
): Edit | null {
  const at = locate(draft, stopId);
  if (!at) return null;
  if (key === 'Delete' || key === 'Backspace')
    return at.vehicleId === null ? null : { kind: 'move', stopId, vehicleId: null, index: 0 };
  if (!shift) return null;
  const [back, forth, prevRoute, nextRoute] =
    layout === 'list'
      ? ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']
      : ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
  if (at.vehicleId !== null && (key === back || key === forth)) {
    const index = at.index + (key === back ? -1 : 1);
    const len = draft.routes.find((r) => r.vehicleId === at.vehicleId)!.stops.length;
    return index < 0 || index >= len ? null : { kind: 'move', stopId, vehicleId: at.vehicleId, index };
  }
  if (key === prevRoute || key === nextRoute) {
    const row =
      at.vehicleId === null
        ? draft.routes.length
        : draft.routes.findIndex((r) => r.vehicleId === at.vehicleId);
    const target = draft.routes[row + (key === prevRoute ? -1 : 1)];
    if (!target) return null;
    return {
      kind: 'move',
      stopId,
      vehicleId: target.vehicleId,
      index: at.vehicleId === null ? target.stops.length : at.index,
    };
  }
  return null;
}
