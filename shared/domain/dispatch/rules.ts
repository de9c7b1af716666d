/**
 * The dispatch steps as state changes on jobs, offers and driver states. The workstation's engine
 * decides (which candidate next, when to escalate, where a cancelled route's orders go) and
 * records its decision in the arguments; these rules check the step is still possible and apply
 * it, the same on the workstation (and when sync replays pending changes) and on the sync server.
 * Every rule reads and writes records by id only, so both stores are a key-value lookup.
 */
import { AppError } from '../../contract/errors';
import type { DispatchJob, DispatchOffer, DriverStatus } from '../../contract/dispatch';
import type { DispatchArgs, SyncedArgs } from '../../contract/sync-mutators';
import type { NewJob, NextStep } from '../../contract/dispatch-sync';

export interface DispatchStore {
  getJob(id: string): Promise<DispatchJob | undefined>;
  putJob(job: DispatchJob): Promise<void>;
  getOffer(id: string): Promise<DispatchOffer | undefined>;
  putOffer(offer: DispatchOffer): Promise<void>;
  getDriverStatus(id: string): Promise<DriverStatus | undefined>;
  putDriverStatus(status: DriverStatus): Promise<void>;
}

export const candidateKey = (c: { kind: string; id: string }) => `${c.kind}:${c.id}`;

/** A job as it is made: nobody asked yet. */
export function blankJob(id: string, j: NewJob, at: number): DispatchJob {
  return {
    id,
    ...j,
    state: 'unassigned',
    assignee: null,
    offerId: null,
    failures: 0,
    tried: [],
    firstOfferedAt: null,
    escalation: null,
    reason: null,
    reasonCode: null,
    updatedAt: at,
  };
}

/** Jobs that can still change hands (a cancelled job is done). */
const ACTIVE = new Set(['offered', 'assigned', 'escalated', 'unassigned']);

export async function setAvailability(
  s: DispatchStore,
  args: DispatchArgs<'dispatch.setAvailability'>,
): Promise<DriverStatus> {
  const status: DriverStatus = { id: args.driverId, state: args.state, since: args.at };
  await s.putDriverStatus(status);
  return status;
}

export async function offer(s: DispatchStore, args: DispatchArgs<'dispatch.offer'>): Promise<DispatchJob> {
  let job = await s.getJob(args.jobId);
  if (args.job) {
    if (job) throw new AppError('conflict', 'That job was already offered. Refresh the board.', { reason: 'job_exists' });
    job = blankJob(args.jobId, args.job, args.at);
  } else {
    if (!job) throw new AppError('not_found', 'That job no longer exists. Refresh the board.');
    if (job.state !== 'escalated' && job.state !== 'unassigned')
      throw new AppError(
        'conflict',
        job.state === 'offered'
          ? 'This job is already on offer. Wait for the answer or let it expire.'
          : job.state === 'assigned'
            ? `This job is already accepted by ${job.assignee?.name ?? 'someone'}.`
            : 'This job was cancelled.',
        { reason: `job_${job.state}` },
      );
    // The dispatcher takes it over: a fresh round of attempts and time.
    job = { ...job, failures: 0, firstOfferedAt: null, escalation: null };
  }
  return applyNext(s, job, args.next, args.at);
}

export async function accept(s: DispatchStore, args: DispatchArgs<'dispatch.accept'>): Promise<DispatchJob> {
  const { offer: o, job } = await openOffer(s, args.offerId, args.at);
  await s.putOffer({ ...o, state: 'accepted', answeredAt: args.at });
  const next: DispatchJob = {
    ...job,
    state: 'assigned',
    assignee: o.candidate,
    offerId: null,
    escalation: null,
    updatedAt: args.at,
  };
  await s.putJob(next);
  return next;
}

export async function decline(s: DispatchStore, args: DispatchArgs<'dispatch.decline'>): Promise<DispatchJob> {
  const { offer: o, job } = await openOffer(s, args.offerId, args.at);
  await s.putOffer({ ...o, state: 'declined', reason: args.reason, answeredAt: args.at });
  return applyNext(s, { ...job, failures: job.failures + 1, offerId: null }, args.next, args.at);
}

/**
 * An offer past its expiry. Two workstations may both notice it: the second finds it closed and
 * changes nothing (no refusal for either).
 */
export async function expire(
  s: DispatchStore,
  args: DispatchArgs<'dispatch.expire'>,
): Promise<DispatchJob | null> {
  const o = await s.getOffer(args.offerId);
  if (!o) throw new AppError('not_found', 'That offer no longer exists.');
  if (o.state !== 'open') return null;
  if (args.at < o.expiresAt)
    throw new AppError('conflict', 'That offer has not expired yet.', { reason: 'not_expired', expiresAt: o.expiresAt });
  const job = await requireJob(s, o.jobId);
  await s.putOffer({ ...o, state: 'expired', answeredAt: args.at });
  if (job.offerId !== o.id) return job;
  return applyNext(s, { ...job, failures: job.failures + 1, offerId: null }, args.next, args.at);
}

/** Escalates an offered job (its open offer is withdrawn); an already settled job is left alone. */
export async function escalate(
  s: DispatchStore,
  args: DispatchArgs<'dispatch.escalate'>,
): Promise<DispatchJob | null> {
  const job = await requireJob(s, args.jobId);
  if (job.state !== 'offered') return null;
  return applyNext(s, await withdraw(s, job, args.at), { kind: 'escalate', reason: args.reason }, args.at);
}

export async function cancelRoute(
  s: DispatchStore,
  args: DispatchArgs<'dispatch.cancelRoute'>,
): Promise<DispatchJob> {
  const job = await requireJob(s, args.jobId);
  if (job.kind !== 'route') throw new AppError('invalid_input', 'Only a route can be cancelled this way.');
  if (job.state === 'cancelled') throw new AppError('conflict', 'This route is already cancelled.', { reason: 'job_cancelled' });
  const orderJobs: DispatchJob[] = [];
  for (const id of args.orderJobs) {
    const j = await requireJob(s, id);
    if (j.kind !== 'order' || j.state !== 'assigned' || j.assignee?.id !== job.assignee?.id)
      throw new AppError('conflict', 'The route changed while it was being cancelled. Try again.', { reason: 'orders_changed' });
    orderJobs.push(j);
  }
  const leaving = new Set([...job.orderIds, ...orderJobs.flatMap((j) => j.orderIds)]);
  const accounted = [...args.moves.map((m) => m.orderId), ...args.unassigned.map((u) => u.orderId)];
  if (accounted.length !== leaving.size || !accounted.every((id) => leaving.has(id)))
    throw new AppError('conflict', 'The route changed while it was being cancelled. Try again.', { reason: 'orders_changed' });
  const cancelled: DispatchJob = {
    ...(await withdraw(s, job, args.at)),
    state: 'cancelled',
    orderIds: [],
    reason: args.reason,
    reasonCode: 'cancelled',
    updatedAt: args.at,
  };
  await s.putJob(cancelled);
  for (const j of orderJobs)
    await s.putJob({ ...j, state: 'cancelled', orderIds: [], reason: args.reason, reasonCode: 'cancelled', updatedAt: args.at });
  const targets = new Map<string, DispatchJob>();
  for (const m of args.moves) {
    const t = targets.get(m.toJobId) ?? (await requireJob(s, m.toJobId));
    if (t.kind !== 'route' || !ACTIVE.has(t.state) || t.id === job.id)
      throw new AppError('conflict', `${t.label} can no longer take orders. Try the cancellation again.`, {
        reason: 'target_inactive',
      });
    const orderIds = [...t.orderIds];
    orderIds.splice(Math.min(m.position, orderIds.length), 0, m.orderId);
    targets.set(t.id, { ...t, orderIds, updatedAt: args.at });
  }
  for (const t of targets.values()) await s.putJob(t);
  for (const u of args.unassigned) {
    if (await s.getJob(u.jobId)) throw new AppError('conflict', 'That job already exists.', { reason: 'job_exists' });
    await s.putJob({
      id: u.jobId,
      date: job.date,
      kind: 'order',
      vehicleId: null,
      label: u.label,
      orderIds: [u.orderId],
      zone: job.zone,
      depot: job.depot,
      state: 'unassigned',
      assignee: null,
      offerId: null,
      failures: 0,
      tried: [],
      firstOfferedAt: null,
      startsAt: job.startsAt,
      escalation: null,
      reason: u.message,
      reasonCode: u.reasonCode,
      updatedAt: args.at,
    });
  }
  return cancelled;
}

async function requireJob(s: DispatchStore, id: string): Promise<DispatchJob> {
  const job = await s.getJob(id);
  if (!job) throw new AppError('not_found', 'That job no longer exists. Refresh the board.');
  return job;
}

/** The offer, still open and not past its expiry, and its job. */
async function openOffer(s: DispatchStore, offerId: string, at: number) {
  const o = await s.getOffer(offerId);
  if (!o) throw new AppError('not_found', 'That offer no longer exists. Refresh the board.');
  if (o.state !== 'open')
    throw new AppError('conflict', `This offer was already ${o.state}.`, { reason: `offer_${o.state}` });
  if (at > o.expiresAt)
    throw new AppError('conflict', 'This offer has expired; it goes to the next candidate.', {
      reason: 'offer_expired',
      expiresAt: o.expiresAt,
    });
  const job = await requireJob(s, o.jobId);
  return { offer: o, job };
}

/** Closes the job's open offer, if any, as withdrawn. */
async function withdraw(s: DispatchStore, job: DispatchJob, at: number): Promise<DispatchJob> {
  if (!job.offerId) return job;
  const o = await s.getOffer(job.offerId);
  if (o?.state === 'open') await s.putOffer({ ...o, state: 'withdrawn', answeredAt: at });
  return { ...job, offerId: null };
}

async function applyNext(s: DispatchStore, job: DispatchJob, next: NextStep, at: number): Promise<DispatchJob> {
  if (next.kind === 'escalate') {
    const escalated: DispatchJob = { ...job, state: 'escalated', offerId: null, escalation: next.reason, updatedAt: at };
    await s.putJob(escalated);
    return escalated;
  }
  const key = candidateKey(next.candidate);
  if (await s.getOffer(next.offerId)) throw new AppError('conflict', 'That offer already exists.', { reason: 'offer_exists' });
  if (next.expiresAt <= at) throw new AppError('invalid_input', 'An offer must expire after it is made.');
  if (next.candidate.kind === 'driver') {
    const status = await s.getDriverStatus(next.candidate.id);
    if (status && status.state !== 'available')
      throw new AppError(
        'conflict',
        `${next.candidate.name} is ${status.state === 'on_break' ? 'on a break' : 'off shift'}; offer it to someone else.`,
        { reason: 'driver_unavailable' },
      );
  }
  const o: DispatchOffer = {
    id: next.offerId,
    jobId: job.id,
    candidate: next.candidate,
    offeredAt: at,
    expiresAt: next.expiresAt,
    state: 'open',
    reason: null,
    answeredAt: null,
    addedMin: next.addedMin,
  };
  await s.putOffer(o);
  const offered: DispatchJob = {
    ...job,
    state: 'offered',
    offerId: o.id,
    assignee: null,
    tried: job.tried.includes(key) ? job.tried : [...job.tried, key],
    firstOfferedAt: job.firstOfferedAt ?? at,
    escalation: null,
    updatedAt: at,
  };
  await s.putJob(offered);
  return offered;
}

/** The rules by outbox name, for the sync server and the workstation's replay. */
export const dispatchRules: {
  [N in `dispatch.${string}` & keyof SyncedArgsMap]: (s: DispatchStore, args: SyncedArgsMap[N]) => Promise<unknown>;
} = {
  'dispatch.setAvailability': setAvailability,
  'dispatch.offer': offer,
  'dispatch.accept': accept,
  'dispatch.decline': decline,
  'dispatch.expire': expire,
  'dispatch.escalate': escalate,
  'dispatch.cancelRoute': cancelRoute,
};

type SyncedArgsMap = {
  [N in
    | 'dispatch.setAvailability'
    | 'dispatch.offer'
    | 'dispatch.accept'
    | 'dispatch.decline'
    | 'dispatch.expire'
    | 'dispatch.escalate'
    | 'dispatch.cancelRoute']: SyncedArgs<N>;
};
