/**
 * The wire protocol between a workstation's core and the sync server (`server/`), declared once
 * for both sides. Replicache's model: the client pushes its outbox as named mutations with a
 * per-client, gapless mutation id; the server runs each in its own transaction (idempotent by
 * client id + mutation id) and either applies it or records a rejection, advancing the client's
 * last mutation id either way; the client pulls rows changed since its cursor, then rebases its
 * still-pending mutations on top.
 *
 * HTTP, JSON bodies, `Authorization: Bearer <token>`:
 *   POST /v1/login            LoginRequest          -> LoginResponse       (session token; with the
 *                             workstation's device token as Bearer, the user may author its pushes)
 *   POST /v1/devices          RegisterDeviceRequest -> RegisterDeviceResponse (session token; gives a device token)
 *   POST /v1/logout           {}                    -> {}                  (session token)
 *   POST /v1/push             PushRequest           -> PushResponse        (device token)
 *   POST /v1/pull             PullRequest           -> PullResponse        (device token)
 *   GET  /v1/poke  WebSocket, device token as Bearer -> PokeMessage frames
 * Errors: HTTP 4xx/5xx with a SyncErrorBody whose code is an `ErrorCode` (401: forbidden with
 * details.reason `unauthenticated`; 413 and 400: invalid_input; 429: unavailable, `rate_limited`;
 * 409: conflict, `mutation_gap`).
 */
import { z } from 'zod';
import type { Role } from './define';

/** Bounded so a body limit can be set from it: a batch is at most this many mutations. */
export const PUSH_BATCH_MAX = 500;
export const PULL_PAGE_MAX = 5_000;

const uuid = z.string().uuid();
const name = z.string().min(1).max(64).regex(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/);

export const loginRequest = z.object({
  tenant: z.string().min(1).max(64),
  email: z.string().email().max(254),
  password: z.string().min(1).max(512),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export interface SyncUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface SyncTenant {
  id: string;
  slug: string;
  name: string;
  /** The site's IANA zone: opening hours and days are reckoned in it on every workstation. */
  timeZone: string;
}

export interface LoginResponse {
  sessionToken: string;
  expiresAt: number;
  tenant: SyncTenant;
  user: SyncUser;
}

export const registerDeviceRequest = z.object({
  /** The workstation's own id (a UUID kept in its data folder); it becomes the push clientId. */
  clientId: uuid,
  name: z.string().min(1).max(120),
});
export type RegisterDeviceRequest = z.infer<typeof registerDeviceRequest>;

export interface RegisterDeviceResponse {
  deviceToken: string;
  clientId: string;
}

export const pushedMutation = z.object({
  /** The client's outbox `seq`: 1, 2, 3… per client, never reused, never skipped. */
  id: z.number().int().positive(),
  /** The outbox row's UUID (also the command's request id): for tracing and the audit trail. */
  requestId: uuid,
  name,
  args: z.unknown(),
  /** Who did it at the workstation (display name), and when (client clock, epoch ms). */
  actor: z.string().min(1).max(120),
  /** The signed-in user who did it: must have signed in on this workstation; their role guards it. */
  userId: uuid,
  at: z.number().int().nonnegative(),
  /**
   * The pull cursor when it was made: server changes past it were not seen. A field such a change
   * set wins over this mutation's value, and the author is told (a `FieldOverride`).
   */
  baseVersion: z.number().int().nonnegative(),
});
export type PushedMutation = z.infer<typeof pushedMutation>;

export const pushRequest = z.object({
  clientId: uuid,
  mutations: z.array(pushedMutation).min(1).max(PUSH_BATCH_MAX),
});
export type PushRequest = z.infer<typeof pushRequest>;

export interface MutationRejection {
  clientId: string;
  mutationId: number;
  requestId: string;
  name: string;
  /** The author (display name as the server knows the user). */
  actor: string;
  /** An `ErrorCode` from ./errors (conflict, forbidden, not_found, invalid_input…). */
  code: string;
  message: string;
  details?: Record<string, unknown>;
  at: number;
}

/** A field this client's mutation set that an unseen concurrent change had set first: theirs stays. */
export interface FieldOverride {
  clientId: string;
  mutationId: number;
  name: string;
  entity: string;
  entityId: string;
  field: string;
  yours: unknown;
  theirs: unknown;
  /** Who changed it first, and when (server clock, epoch ms). */
  by: string;
  at: number;
}

export interface PushResponse {
  /** The highest mutation id of this client the server has processed (applied or rejected). */
  lastMutationId: number;
  /** Rejections among the mutations of this push (also returned by later pulls until seen). */
  rejections: MutationRejection[];
  overrides: FieldOverride[];
}

/** The kinds of rows that sync; everything else (devices, print queue, scans) stays local. */
export type SyncedEntity = string;

/** Who changed a field last on the server. */
export interface FieldChange {
  actor: string;
  at: number;
  version: number;
  clientId: string;
}

export const pullRequest = z.object({
  clientId: uuid,
  /** The `cursor` of the last pull applied; null (or 0) pulls everything. */
  cursor: z.number().int().nonnegative().nullable(),
  limit: z.number().int().min(1).max(PULL_PAGE_MAX).optional(),
  /** Rejections up to this mutation id have been shown to their authors: stop returning them. */
  ackRejectionsUpTo: z.number().int().nonnegative().optional(),
});
export type PullRequest = z.infer<typeof pullRequest>;

export interface PulledRow {
  entity: SyncedEntity;
  id: string;
  /** The tenant's version sequence value of this row's last change. */
  version: number;
  /** Null when the row was deleted. */
  data: Record<string, unknown> | null;
  /** Per field: who changed it last on the server and when, for "changed by Anna at 10:42". */
  changedBy?: Record<string, FieldChange>;
}

export interface PullResponse {
  cursor: number;
  /** More rows are waiting past `cursor`: pull again before rebasing. */
  more: boolean;
  rows: PulledRow[];
  /** This client's last processed mutation id: pending mutations above it still need pushing. */
  lastMutationId: number;
  /** This client's rejections and overridden fields not yet acknowledged with `ackRejectionsUpTo`. */
  rejections: MutationRejection[];
  overrides: FieldOverride[];
}

export interface PokeMessage {
  type: 'poke';
  /** The tenant's newest version: a client whose cursor is below it should pull. */
  version: number;
}

export interface SyncErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
