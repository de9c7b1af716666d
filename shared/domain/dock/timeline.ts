/**
 * An appointment's timeline (scheduled → arrived → at door → loading/unloading → done →
 * departed), each step stamped with when and by whom or which device; the gate pass code that
 * checks a truck in and out by scan; dwell per step and arrival against the slot.
 */
import { AppError, STAGES, type Appointment, type Stage, type StageEvent } from '../../contract';
import type { DockArgs } from '../../contract/sync-mutators';
import type { DockEnv, DockStore } from './store';

export function stageOf(a: Pick<Appointment, 'timeline'>): Stage {
  return a.timeline?.at(-1)?.stage ?? 'scheduled';
}

const order = (s: Stage) => STAGES.indexOf(s);

export async function advanceStage(
  s: DockStore,
  env: DockEnv,
  args: DockArgs<'dock.advanceStage'>,
): Promise<Appointment> {
  const current = await s.getAppointment(args.id);
  if (!current) throw new AppError('not_found', 'That appointment does not exist any more. Refresh the board.');
  if (current.status !== 'booked') {
    throw new AppError('conflict', `Appointment ${current.reference} is cancelled.`, { reason: 'cancelled' });
  }
  const now = stageOf(current);
  if (order(args.stage) <= order(now)) {
    throw new AppError('conflict', `${current.reference} is already ${now.replace('_', ' ')}; a step is never undone.`, {
      reason: 'stage_order',
      stage: now,
    });
  }
  const step: StageEvent = { at: args.at, by: args.by, stage: args.stage, source: args.source };
  const next: Appointment = { ...current, timeline: [...(current.timeline ?? []), step] };
  await s.updateAppointment(next, env.now);
  env.touched?.push(current.startAt);
  return next;
}

const GATE_CODE = /^GP([0-9A-F]{8})([0-9A-F]{4})(?:-(\d{2})(\d{2})(\d{2}))?$/;

/**
 * The gate pass code: `GP` and the first 12 hex digits of the appointment's id, and for an
 * occurrence of a series (whose ids share the series' id) `-YYMMDD` of its date. Fits Code 128
 * and QR alike; 48 random bits tell appointments apart (an ambiguous scan is refused).
 */
export function gateCode(a: Pick<Appointment, 'id' | 'seriesId' | 'occurrenceDate'>): string {
  const hex = a.id.replace(/-/g, '').slice(0, 12).toUpperCase();
  return a.seriesId && a.occurrenceDate ? `GP${hex}-${a.occurrenceDate.slice(2).replace(/-/g, '')}` : `GP${hex}`;
}

/** The id prefix (`xxxxxxxx-xxxx`, lower case) and the occurrence date a code names, or null. */
export function parseGateCode(code: string): { idPrefix: string; date: string | null } | null {
  const m = GATE_CODE.exec(code.trim().toUpperCase());
  if (!m) return null;
  return {
    idPrefix: `${m[1]}-${m[2]}`.toLowerCase(),
    date: m[3] ? `20${m[3]}-${m[4]}-${m[5]}` : null,
  };
}

/** What a scan of a gate pass does to an appointment at this stage, or why it does nothing. */
export function scanStep(a: Appointment): 'arrived' | 'departed' {
  const stage = stageOf(a);
  if (a.status !== 'booked') throw new AppError('conflict', `${a.reference} is cancelled.`, { reason: 'cancelled' });
  if (stage === 'scheduled') return 'arrived';
  if (stage === 'done') return 'departed';
  if (stage === 'departed') {
    throw new AppError('conflict', `${a.reference} has already departed.`, { reason: 'stage_order', stage });
  }
  throw new AppError(
    'conflict',
    `${a.reference} is checked in (${stage.replace('_', ' ')}). Mark it done before checking it out.`,
    { reason: 'not_done', stage },
  );
}

export interface TimelineStep {
  stage: Stage;
  at: number;
  by: string;
  source: StageEvent['source'];
  /** How long it stayed in this step: until the next, or until `now` for the current one (null once departed). */
  dwellMs: number | null;
}

/** The steps with their dwell, and arrival against the slot (minutes; positive is late). */
export function timelineSummary(a: Appointment, now: number): { steps: TimelineStep[]; arrivalMin: number | null } {
  const events = a.timeline ?? [];
  const steps = events.map((e, i) => {
    const next = events[i + 1];
    const dwellMs = next ? next.at - e.at : e.stage === 'departed' ? null : Math.max(0, now - e.at);
    return { stage: e.stage, at: e.at, by: e.by, source: e.source, dwellMs };
  });
  const arrived = events[0];
  return { steps, arrivalMin: arrived ? Math.round((arrived.at - a.startAt) / 60_000) : null };
}
