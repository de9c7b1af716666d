/** SQL for the working plan of each day and its saved versions. */
import type { Queryable, Readable } from '../../db/connection';
import type { Plan, PlanSummary, PlanVersionInfo, UnassignedCode } from '@shared/contract';

/** One stop in a stored route's layout: an order id, or a break / reload the solver placed. */
export type LayoutItem = string | { break: true } | { reload: true };

/** A route as stored: what the dispatcher edits, plus the solver's break/reload layout if still valid. */
export interface StoredRoute {
  vehicleId: string;
  driverId: string | null;
  orderIds: string[];
  locked: boolean;
  lockedStops: number;
  layout?: LayoutItem[];
}

export type StoredReasons = Record<string, { reason: UnassignedCode; message: string }>;

export interface StoredDraft {
  date: string;
  revision: number;
  routes: StoredRoute[];
  reasons: StoredReasons;
  version: number | null;
  /** Changed since `version` was saved or loaded. */
  modified: boolean;
  updatedAt: number;
}

interface DraftRow {
  date: string;
  revision: number;
  routes: string;
  unassigned_reasons: string;
  version: number | null;
  modified: number;
  updated_at: number;
}

export async function getDraft(db: Readable, siteId: string, date: string): Promise<StoredDraft | undefined> {
  const r = await db.get<DraftRow>(
    'SELECT date, revision, routes, unassigned_reasons, version, modified, updated_at FROM route_plans WHERE site_id = ? AND date = ?',
    [siteId, date],
  );
  return (
    r && {
      date: r.date,
      revision: r.revision,
      routes: JSON.parse(r.routes) as StoredRoute[],
      reasons: JSON.parse(r.unassigned_reasons) as StoredReasons,
      version: r.version,
      modified: r.modified === 1,
      updatedAt: r.updated_at,
    }
  );
}

export async function putDraft(tx: Queryable, siteId: string, d: StoredDraft): Promise<void> {
  await tx.run(
    `INSERT INTO route_plans (site_id, date, revision, routes, unassigned_reasons, version, modified, updated_at)
     VALUES ($site, $date, $revision, $routes, $reasons, $version, $modified, $now)
     ON CONFLICT (site_id, date) DO UPDATE SET revision = $revision, routes = $routes,
       unassigned_reasons = $reasons, version = $version, modified = $modified, updated_at = $now`,
    {
      $site: siteId,
      $date: d.date,
      $revision: d.revision,
      $routes: JSON.stringify(d.routes),
      $reasons: JSON.stringify(d.reasons),
      $version: d.version,
      $modified: d.modified ? 1 : 0,
      $now: d.updatedAt,
    },
  );
}

interface VersionRow {
  date: string;
  version: number;
  status: 'saved' | 'dispatched';
  note: string;
  saved_by: string;
  saved_at: number;
  dispatched_at: number | null;
  summary: string;
}

function toInfo(r: VersionRow): PlanVersionInfo {
  return {
    date: r.date,
    version: r.version,
    status: r.status,
    note: r.note,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
    dispatchedAt: r.dispatched_at,
    summary: JSON.parse(r.summary) as PlanSummary,
  };
}

const INFO_COLUMNS = 'date, version, status, note, saved_by, saved_at, dispatched_at, summary';

export async function listVersions(db: Readable, siteId: string, date: string): Promise<PlanVersionInfo[]> {
  const rows = await db.all<VersionRow>(
    `SELECT ${INFO_COLUMNS} FROM route_plan_versions WHERE site_id = ? AND date = ? ORDER BY version DESC`,
    [siteId, date],
  );
  return rows.map(toInfo);
}

export interface StoredVersion {
  info: PlanVersionInfo;
  routes: StoredRoute[];
  reasons: StoredReasons;
  /** The plan as evaluated when it was saved: what was dispatched and printed. */
  plan: Plan;
}

export async function getVersion(
  db: Readable,
  siteId: string,
  date: string,
  version: number,
): Promise<StoredVersion | undefined> {
  const r = await db.get<VersionRow & { routes: string; unassigned_reasons: string; plan: string }>(
    `SELECT ${INFO_COLUMNS}, routes, unassigned_reasons, plan FROM route_plan_versions
     WHERE site_id = ? AND date = ? AND version = ?`,
    [siteId, date, version],
  );
  return r && fromRow(r);
}

export async function latestDispatched(
  db: Readable,
  siteId: string,
  date: string,
): Promise<StoredVersion | undefined> {
  const r = await db.get<VersionRow & { routes: string; unassigned_reasons: string; plan: string }>(
    `SELECT ${INFO_COLUMNS}, routes, unassigned_reasons, plan FROM route_plan_versions
     WHERE site_id = ? AND date = ? AND status = 'dispatched' ORDER BY version DESC LIMIT 1`,
    [siteId, date],
  );
  return r && fromRow(r);
}

function fromRow(
  r: VersionRow & { routes: string; unassigned_reasons: string; plan: string },
): StoredVersion {
  return {
    info: toInfo(r),
    routes: JSON.parse(r.routes) as StoredRoute[],
    reasons: JSON.parse(r.unassigned_reasons) as StoredReasons,
    plan: JSON.parse(r.plan) as Plan,
  };
}

export async function nextVersionNumber(db: Readable, siteId: string, date: string): Promise<number> {
  const r = await db.get<{ v: number | null }>(
    'SELECT MAX(version) AS v FROM route_plan_versions WHERE site_id = ? AND date = ?',
    [siteId, date],
  );
  return (r?.v ?? 0) + 1;
}

export async function insertVersion(tx: Queryable, siteId: string, v: StoredVersion): Promise<void> {
  await tx.run(
    `INSERT INTO route_plan_versions (site_id, date, version, status, note, routes, unassigned_reasons, plan,
       summary, saved_by, saved_at, dispatched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      siteId,
      v.info.date,
      v.info.version,
      v.info.status,
      v.info.note,
      JSON.stringify(v.routes),
      JSON.stringify(v.reasons),
      JSON.stringify(v.plan),
      JSON.stringify(v.info.summary),
      v.info.savedBy,
      v.info.savedAt,
      v.info.dispatchedAt,
    ],
  );
}
