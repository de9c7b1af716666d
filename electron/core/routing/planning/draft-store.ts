/** Small, shared edits of a day's stored draft (inside the caller's write transaction). */
import type { Tx } from '../../db/database';
import type { PlanningContext } from './context';
import { getDraft, putDraft, type StoredDraft, type StoredRoute } from './plans-repo';

export function emptyDraft(date: string, now: number): StoredDraft {
  return { date, revision: 0, routes: [], reasons: {}, version: null, modified: false, updatedAt: now };
}

/** A route's solver layout stays only while its orders are exactly the ones it was made for. */
export function withRoute(route: StoredRoute, orderIds: string[]): StoredRoute {
  const same =
    orderIds.length === route.orderIds.length && orderIds.every((id, i) => id === route.orderIds[i]);
  const next: StoredRoute = { ...route, orderIds, lockedStops: Math.min(route.lockedStops, orderIds.length) };
  if (!same) delete next.layout;
  return next;
}

/** Takes deleted or moved orders off the day's draft. */
export async function removeOrdersFromDraft(
  tx: Tx,
  c: PlanningContext,
  date: string,
  orderIds: string[],
): Promise<void> {
  const draft = await getDraft(tx, c.siteId, date);
  if (!draft) return;
  const gone = new Set(orderIds);
  if (!draft.routes.some((r) => r.orderIds.some((id) => gone.has(id)))) return;
  const routes = draft.routes.map((r) =>
    withRoute(
      r,
      r.orderIds.filter((id) => !gone.has(id)),
    ),
  );
  const reasons = Object.fromEntries(Object.entries(draft.reasons).filter(([id]) => !gone.has(id)));
  await putDraft(tx, c.siteId, {
    ...draft,
    routes,
    reasons,
    revision: draft.revision + 1,
    modified: true,
    updatedAt: c.now(),
  });
}
