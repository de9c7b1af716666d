/**
 * Dispatch operations: a dispatched route or a single order (a *job*) is offered to a driver or a
 * subcontracted carrier with an expiry; the candidate accepts, declines with a reason, or lets it
 * expire. On a decline or expiry the engine offers it to the next best candidate by itself (the
 * solver's insertion cost and the drivers' availability); after `maxAttempts` failed offers or
 * `escalateAfterMin` minutes since the first offer the job is escalated to the dispatcher. A
 * cancelled route's orders are re-inserted into the day's other routes, or marked unassigned
 * with the reason. Instants are UTC epoch ms.
 */
import { z } from 'zod';
import { calendarDate, command, event, mutation, PLANNERS, WRITERS } from './define';

export const DRIVER_STATES = ['available', 'on_break', 'off_shift'] as const;
export type DriverState = (typeof DRIVER_STATES)[number];

export const DISPATCH_JOB_STATES = ['offered', 'assigned', 'escalated', 'unassigned', 'cancelled'] as const;
export type DispatchJobState = (typeof DISPATCH_JOB_STATES)[number];

export const OFFER_STATES = ['open', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

export const ESCALATION_REASONS = ['too_many_failures', 'too_long', 'no_candidate'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** Why an order of a cancelled route could not go onto another route. */
export const UNASSIGNED_DISPATCH_REASONS = ['no_other_route', 'does_not_fit'] as const;
export type UnassignedDispatchReason = (typeof UNASSIGNED_DISPATCH_REASONS)[number];

export const CANDIDATE_KINDS = ['driver', 'carrier'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** Zones are compass sectors round the depot; `central` is within 3 km of it. */
export const ZONES = ['central', 'north', 'east', 'south', 'west'] as const;
export type Zone = (typeof ZONES)[number];

export interface Candidate {
  kind: CandidateKind;
  id: string;
  name: string;
}

export interface DispatchJob {
  id: string;
  date: string;
  kind: 'route' | 'order';
  /** The route's vehicle (a route job, or the route an order job was put on); null for a loose order. */
  vehicleId: string | null;
  label: string;
  orderIds: string[];
  zone: Zone;
  depot: string;
  state: DispatchJobState;
  assignee: Candidate | null;
  /** The open offer, while offered. */
  offerId: string | null;
  /** Offers that were declined or expired. */
  failures: number;
  /** Candidates already asked (`kind:id`): never asked twice for one job. */
  tried: string[];
  firstOfferedAt: number | null;
  /** First planned arrival: an unassigned, offered or escalated job is late once this has passed. */
  startsAt: number | null;
  escalation: EscalationReason | null;
  /** Why it is unassigned or cancelled, in the dispatcher's words or the engine's. */
  reason: string | null;
  reasonCode: UnassignedDispatchReason | 'cancelled' | null;
  updatedAt: number;
}

export interface DispatchOffer {
  id: string;
  jobId: string;
  candidate: Candidate;
  offeredAt: number;
  expiresAt: number;
  state: OfferState;
  reason: string | null;
  answeredAt: number | null;
  /** Insertion cost the candidate was ranked by (minutes added), when there was one. */
  addedMin: number | null;
}

export interface DriverStatus {
  id: string;
  state: DriverState;
  since: number;
}

export interface BoardDriver {
  id: string;
  name: string;
  state: DriverState;
  /** The route job the driver has accepted today, if any. */
  jobId: string | null;
  zone: Zone | null;
}

export interface ZoneHealth {
  zone: Zone;
  /** Orders of active jobs in the zone. */
  orders: number;
  /** Of them, not yet with a driver (offered, escalated, unassigned). */
  waiting: number;
  /** Available drivers whose route is in the zone. */
  drivers: number;
  health: 'ok' | 'at_risk' | 'short';
}

export interface BoardJob extends DispatchJob {
  late: boolean;
  offer: DispatchOffer | null;
}

export interface DispatchBoard {
  date: string;
  now: number;
  counts: { assigned: number; offered: number; unassigned: number; late: number; escalated: number };
  jobs: BoardJob[];
  zones: ZoneHealth[];
  depots: string[];
  drivers: BoardDriver[];
  /** Available drivers with no route today: they can go to any zone. */
  freeDrivers: number;
}

export interface SweepResult {
  expired: number;
  escalated: number;
}

export interface CancelResult {
  job: DispatchJob;
  moved: { orderId: string; toJobId: string; addedMin: number }[];
  unassigned: { orderId: string; jobId: string; reason: UnassignedDispatchReason; message: string }[];
}

const id = z.string().uuid('Not a valid id');
const reason = z.string().trim().min(1, 'Say why').max(200, 'At most 200 characters');
const candidate = z.object({ kind: z.enum(CANDIDATE_KINDS), id: z.string().min(1).max(100) });

export const dispatchCommands = {
  'dispatch.board': command<DispatchBoard>()(
    z.object({ date: calendarDate, zone: z.enum(ZONES).optional(), depot: z.string().max(200).optional() }),
  ),
  'dispatch.offers': command<DispatchOffer[]>()(z.object({ jobId: id })),
  'dispatch.setAvailability': mutation<DriverStatus>()(
    z.object({ driverId: id, state: z.enum(DRIVER_STATES) }),
    PLANNERS,
  ),
  /**
   * Offers a dispatched route (by its vehicle) or one order, or offers an escalated or unassigned
   * job again (`jobId`). Without `candidate` the engine picks the best one.
   */
  'dispatch.offer': mutation<DispatchJob>()(
    z
      .object({
        date: calendarDate,
        vehicleId: id.optional(),
        orderId: id.optional(),
        jobId: id.optional(),
        candidate: candidate.optional(),
        expiresInMin: z.number().int().min(1, 'At least 1 minute').max(24 * 60, 'At most a day').default(15),
      })
      .refine((v) => [v.vehicleId, v.orderId, v.jobId].filter(Boolean).length === 1, {
        message: 'Offer one route (vehicleId), one order (orderId) or one existing job (jobId)',
        params: { reason: 'one_subject' },
      }),
    PLANNERS,
  ),
  'dispatch.accept': mutation<DispatchJob>()(z.object({ offerId: id }), WRITERS),
  'dispatch.decline': mutation<DispatchJob>()(z.object({ offerId: id, reason }), WRITERS),
  /** Expires every offer past its time and escalates jobs offered for too long (the engine runs it every few seconds). */
  'dispatch.sweep': mutation<SweepResult>()(z.object({}), WRITERS),
  'dispatch.cancelRoute': mutation<CancelResult>()(z.object({ jobId: id, reason }), PLANNERS),
};

export const dispatchEvents = {
  /** Jobs, offers or driver states of these days changed (empty: any day). */
  'dispatch.changed': event<{ dates: string[] }>(),
};
