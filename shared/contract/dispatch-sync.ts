/**
 * The arguments each dispatch step records in the outbox (and the sync server replays): the
 * command's input plus the ids, instants and choices the workstation's engine made.
 */
import { z } from 'zod';
import { calendarDate } from './define';
import { CANDIDATE_KINDS, DRIVER_STATES, ESCALATION_REASONS, UNASSIGNED_DISPATCH_REASONS, ZONES } from './dispatch';

const uuid = z.string().uuid();
const at = z.number().int().min(0);
const MAX_ORDERS = 2000;

const candidate = z.object({
  kind: z.enum(CANDIDATE_KINDS),
  id: z.string().min(1).max(100),
  name: z.string().max(200),
});

/** What happens after an offer fails (or when a job is first offered): the next offer, or escalation. */
export const nextStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('offer'),
    offerId: uuid,
    candidate,
    expiresAt: at,
    addedMin: z.number().nullable(),
  }),
  z.object({ kind: z.literal('escalate'), reason: z.enum(ESCALATION_REASONS) }),
]);
export type NextStep = z.output<typeof nextStep>;

export const newJob = z.object({
  date: calendarDate,
  kind: z.enum(['route', 'order']),
  vehicleId: uuid.nullable(),
  label: z.string().max(200),
  orderIds: z.array(uuid).max(MAX_ORDERS),
  zone: z.enum(ZONES),
  depot: z.string().max(200),
  startsAt: at.nullable(),
});
export type NewJob = z.output<typeof newJob>;

export const dispatchArgs = {
  setAvailability: z.object({ driverId: uuid, state: z.enum(DRIVER_STATES), at }),
  offer: z.object({
    jobId: uuid,
    at,
    /** Present when the job is new (first offer of a route or order). */
    job: newJob.optional(),
    next: nextStep,
  }),
  accept: z.object({ offerId: uuid, at }),
  decline: z.object({ offerId: uuid, reason: z.string().trim().min(1).max(200), at, next: nextStep }),
  expire: z.object({ offerId: uuid, at, next: nextStep }),
  escalate: z.object({ jobId: uuid, at, reason: z.enum(ESCALATION_REASONS) }),
  cancelRoute: z.object({
    jobId: uuid,
    reason: z.string().trim().min(1).max(200),
    at,
    /** Single orders the route's driver had accepted: they leave with the route. */
    orderJobs: z.array(uuid).max(MAX_ORDERS).default([]),
    moves: z.array(z.object({ orderId: uuid, toJobId: uuid, position: z.number().int().min(0) })).max(MAX_ORDERS),
    unassigned: z
      .array(
        z.object({
          orderId: uuid,
          jobId: uuid,
          reasonCode: z.enum(UNASSIGNED_DISPATCH_REASONS),
          message: z.string().max(300),
          label: z.string().max(200),
        }),
      )
      .max(MAX_ORDERS),
  }),
};
