/**
 * The wire protocol between a workstation's core and the sync server (`server/`), declared once
 * for both sides. Replicache's model: the client pushes its outbox as named mutations with a
 * per-client, gapless mutation id; the server runs each in its own transaction (idempotent by
 * client id + mutation id) and either applies it or records a rejection, advancing the client's
 * last mutation id either way; the client pulls rows changed since its cursor, then rebases its
 * still-pending mutations on top.
 *
 * HTTP, JSON bodies, `Authorization: Bearer <token>`:
 *   POST /v1/login            LoginRequest          -> LoginResponse       (session token)
 *   POST /v1/devices          RegisterDeviceRequest -> RegisterDeviceResponse (device token)
 *   POST /v1/logout           {}                    -> {}
 *   POST /v1/push             PushRequest           -> PushResponse
 *   POST /v1/pull             PullRequest           -> PullResponse
 *   GET  /v1/poke  (WebSocket, token in Sec-WebSocket-Protocol or ?token=) -> PokeMessage frames
 * Errors: HTTP 4xx/5xx with a SyncErrorBody.
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

export interface LoginResponse {
  sessionToken: string;
  expiresAt: number;
  tenant: { id: string; name: string };
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
  /** Who did it at the workstation, and when (client clock, epoch ms). */
  actor: z.string().min(1).max(120),
  at: z.number().int().nonnegative(),
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
  actor: string;
  /** An `ErrorCode` from ./errors (conflict, forbidden, not_found, invalid_input…). */
  code: string;
  message: string;
  details?: Record<string, unknown>;
  at: number;
}

export interface PushResponse {
  /** The highest mutation id of this client the server has processed (applied or rejected). */
  lastMutationId: number;
  /** Rejections among the mutations of this push (also returned by later pulls until seen). */
  rejections: MutationRejection[];
}

/** The kinds of rows that sync; everything else (devices, print queue, scans) stays local. */
export const SYNCED_ENTITIES = [
  'door',
  'carrier',
  'appointment',
  'order',
  'vehicle',
  'driver',
  'plan',
  'planVersion',
] as const;
export type SyncedEntity = (typeof SYNCED_ENTITIES)[number];

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
  changedBy?: Record<string, { actor: string; at: number }>;
}

export interface PullResponse {
  cursor: number;
  /** More rows are waiting past `cursor`: pull again before rebasing. */
  more: boolean;
  rows: PulledRow[];
  /** This client's last processed mutation id: pending mutations above it still need pushing. */
  lastMutationId: number;
  /** This client's rejections not yet acknowledged with `ackRejectionsUpTo`. */
  rejections: MutationRejection[];
}

export interface PokeMessage {
  type: 'poke';
  /** The tenant's newest version: a client whose cursor is below it should pull. */
  version: number;
}

export interface SyncErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
