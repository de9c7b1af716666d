/**
 * Dragging a stop with the pointer, shared by the stop lists and the timeline. A drop zone is
 * any element with `data-drop-vehicle` (a vehicle id, or "" for the unassigned list) and
 * `data-axis` ("x" for timeline lanes, "y" for lists); its stops carry `data-stop-id`. The
 * insertion index is how many of the zone's other stops lie before the pointer.
 */
import { useRef, useState, type PointerEvent } from 'react';

export interface DropTarget {
  vehicleId: string | null;
  index: number;
}

export interface DragState {
  stopId: string;
  dx: number;
  dy: number;
  target: DropTarget | null;
}

/** Where a drop at (x, y) lands, ignoring the dragged stop itself. */
export function dropTargetAt(x: number, y: number, stopId: string): DropTarget | null {
  // The dragged stop follows the pointer, so it is under it: look through it.
  const zone = document
    .elementsFromPoint(x, y)
    .filter((el) => el.closest<HTMLElement>('[data-stop-id]')?.dataset.stopId !== stopId)
    .map((el) => el.closest<HTMLElement>('[data-drop-vehicle]'))
    .find((el): el is HTMLElement => el !== null);
  if (!zone) return null;
  const axis = zone.dataset.axis === 'x' ? 'x' : 'y';
  const at = axis === 'x' ? x : y;
  let index = 0;
  for (const el of zone.querySelectorAll<HTMLElement>('[data-stop-id]')) {
    if (el.dataset.stopId === stopId) continue;
    const box = el.getBoundingClientRect();
    const mid = axis === 'x' ? box.left + box.width / 2 : box.top + box.height / 2;
    if (mid < at) index++;
  }
  const vehicle = zone.dataset.dropVehicle ?? '';
  return { vehicleId: vehicle === '' ? null : vehicle, index };
}

const THRESHOLD = 5;

export function useStopDrag(
  onDrop: (stopId: string, target: DropTarget) => void,
  onTap: (stopId: string) => void,
) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const origin = useRef<{ x: number; y: number; moved: boolean } | null>(null);

  const handlers = (stopId: string, disabled = false) => ({
    onPointerDown(e: PointerEvent<HTMLElement>) {
      if (e.button !== 0) return;
      if (disabled) return onTap(stopId);
      // No text selection while dragging; the stop still takes the focus, as a click would give it.
      e.preventDefault();
      e.currentTarget.focus();
      e.currentTarget.setPointerCapture(e.pointerId);
      origin.current = { x: e.clientX, y: e.clientY, moved: false };
      setDrag({ stopId, dx: 0, dy: 0, target: null });
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      const o = origin.current;
      if (!o) return;
      const dx = e.clientX - o.x;
      const dy = e.clientY - o.y;
      o.moved = o.moved || Math.abs(dx) > THRESHOLD || Math.abs(dy) > THRESHOLD;
      if (o.moved) setDrag({ stopId, dx, dy, target: dropTargetAt(e.clientX, e.clientY, stopId) });
    },
    onPointerUp(e: PointerEvent<HTMLElement>) {
      const o = origin.current;
      origin.current = null;
      setDrag(null);
      if (!o) return;
      if (!o.moved) return onTap(stopId);
      const target = dropTargetAt(e.clientX, e.clientY, stopId);
      if (target) onDrop(stopId, target);
    },
    onPointerCancel() {
      origin.current = null;
      setDrag(null);
    },
  });

  return { drag, handlers };
}
