/**
 * The workstation's side of sync, as the UI sees it: the server it syncs with, who is signed in,
 * the state of the outbox, and the "Needs attention" inbox of changes the server refused or
 * overrode. The wire protocol with the server is `sync-protocol.ts`.
 */
import { z } from 'zod';
import { ADMINS, boundedRecord, command, event, mutation, ROLES, whileLocked } from './define';
import type { Role } from './define';

export type SyncState = 'local' | 'signedOut' | 'offline' | 'syncing' | 'upToDate' | 'error';

export interface SyncStatus {
  /** local: no server configured (as before sync existed); signedOut: joined, nobody signed in. */
  state: SyncState;
  /** Changes made here that the server has not acknowledged yet. */
  pending: number;
  /** The server's address; null in local-only mode. */
  endpoint: string | null;
  allowInsecure: boolean;
  /** This workstation is registered and its data is the tenant's. */
  registered: boolean;
  tenant: { slug: string; name: string } | null;
  user: { name: string; email: string; role: Role } | null;
  lastSyncAt: number | null;
  /** The server version this workstation's data is at. */
  cursor: number;
  /** Why the last attempt failed, in words for the operator. */
  lastError: string | null;
  /** Unresolved "Needs attention" items of the signed-in user. */
  attention: number;
}

export interface AttentionItem {
  id: number;
  /** rejected: the server refused the change; overridden: another change to a field won. */
  kind: 'rejected' | 'overridden';
  /** The change as recorded here: its command name and arguments. */
  name: string;
  args: unknown;
  actor: string;
  /** When it was made here (epoch ms). */
  madeAt: number;
  code: string | null;
  message: string;
  details: Record<string, unknown> | null;
  entity: string | null;
  entityId: string | null;
  field: string | null;
  yours: unknown;
  theirs: unknown;
  /** For an overridden field: who changed it first, and when. */
  changedBy: string | null;
  changedAt: number | null;
}


export const syncCommands = {
  'sync.status': whileLocked(command<SyncStatus>()(z.object({}))),
  /** Sets the server (empty: local-only mode). Plain http is refused off this machine unless allowed. */
  'sync.configure': mutation<SyncStatus>()(z.object({ serverUrl: z.string().trim().max(500), allowInsecure: z.boolean().default(false) }), ADMINS),
  /** Anyone may sign in (a joined workstation with nobody signed in is read-only). */
  'sync.signIn': mutation<SyncStatus>()(
    z.object({
      tenant: z.string().trim().min(1, 'Enter the tenant').max(64),
      email: z.string().trim().min(3, 'Enter your email').max(254),
      password: z.string().min(1, 'Enter your password').max(512),
    }),
    ROLES,
  ),
  'sync.signOut': mutation<SyncStatus>()(z.object({}), ROLES),
  /**
   * Registers this workstation with the signed-in user's tenant and makes the tenant's data this
   * workstation's: the local dock and route planning data is replaced by the server's.
   */
  'sync.register': mutation<SyncStatus>()(z.object({ name: z.string().trim().min(1, 'Name this workstation').max(120) }), ROLES),
  /** Pull and push now instead of waiting. */
  'sync.now': command<SyncStatus>()(z.object({})),
  'sync.listAttention': command<AttentionItem[]>()(z.object({ includeResolved: z.boolean().default(false) })),
  /** Settles an item: `discard` drops the change for good; `retry` runs it again, with `changes` merged into its arguments. */
  'sync.resolveAttention': mutation<{ resolved: boolean }>()(
    z.object({
      id: z.number().int().positive(),
      action: z.enum(['discard', 'retry', 'seen']),
      /** Field edits for a retry (they are checked again by the command's own schema). */
      changes: boundedRecord(
        z.string().max(40),
        z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
        20,
      ).optional(),
    }),
    ROLES,
  ),
};

export const syncEvents = {
  'sync.changed': event<SyncStatus>(),
};
