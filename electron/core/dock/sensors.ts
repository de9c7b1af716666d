/**
 * The door hardware drives the dock: the Modbus door controller's inputs (via `devices.door`
 * events) move a checked-in truck to "at door" when its trailer is present and the door opens,
 * and raise alerts: a truck checked in but not at its door after N minutes, a trailer at a door
 * nobody is checked in for, a door open with no trailer, a door open with the restraint not
 * engaged. An alert clears itself when the condition goes away and stays listed until someone
 * acknowledges it.
 */
import { randomUUID } from 'node:crypto';
import type { Appointment, DockAlert, DockAlertKind, DoorIo } from '@shared/contract';
import { AppError } from '@shared/contract';
import { stageOf } from '@shared/domain/dock/timeline';
import type { Database } from '../db/database';
import { recordMutation } from '../db/outbox';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { CallContext } from '../router';
import { listAppointmentsBetween } from './appointments-repo';
import type { DockService } from './dock-service';

/** How long before and after its slot a truck at a door counts as that slot's. */
const SLOT_REACH_MS = 2 * 3_600_000;
const HOUR = 3_600_000;

interface AlertRow {
  id: string;
  kind: DockAlertKind;
  door_id: string | null;
  door_name: string | null;
  appointment_id: string | null;
  reference: string | null;
  message: string;
  raised_at: number;
  cleared_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
}

const SELECT = `SELECT x.id, x.kind, x.door_id, d.name AS door_name, x.appointment_id, a.reference, x.message, x.raised_at,
  x.cleared_at, x.acknowledged_at, x.acknowledged_by
  FROM dock_alerts x LEFT JOIN doors d ON d.id = x.door_id LEFT JOIN appointments a ON a.id = x.appointment_id`;

const toAlert = (r: AlertRow): DockAlert => ({
  id: r.id,
  kind: r.kind,
  doorId: r.door_id,
  doorName: r.door_name ?? '',
  appointmentId: r.appointment_id,
  reference: r.reference,
  message: r.message,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
});

export interface DockSensorsDeps {
  db: Database;
  events: EventBus;
  logger: Logger;
  now: () => number;
  dock: DockService;
  localContext(): CallContext;
  /** Minutes a checked-in truck may take to reach its door before the alert. */
  notAtDoorMin: number;
}

export class DockSensors {
  /** Door inputs as last reported, by door id. */
  private readonly doors = new Map<string, DoorIo>();
  /** One evaluation at a time, in the order the events came. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: DockSensorsDeps) {}

  /** A door's inputs changed (a `devices.door` event). */
  onDoor(io: DoorIo): Promise<void> {
    this.doors.set(io.doorId, io);
    this.chain = this.chain
      .then(() => this.evaluateDoor(io))
      .catch((err: unknown) => this.deps.logger.error('dock sensor evaluation failed', { err: String(err) }));
    return this.chain;
  }

  /** Resolves once every door event so far has been evaluated (before the database closes). */
  settled(): Promise<void> {
    return this.chain;
  }

  private near(): Promise<Appointment[]> {
    const now = this.deps.now();
    return listAppointmentsBetween(this.deps.db, now - 24 * HOUR, now + 24 * HOUR);
  }

  private async evaluateDoor(io: DoorIo): Promise<void> {
    if (io.health !== 'ok') return;
    const now = this.deps.now();
    const onDoor = (await this.near()).filter((a) => a.doorId === io.doorId);
    const checkedIn = onDoor.filter((a) => ['arrived', 'at_door', 'loading', 'done'].includes(stageOf(a)));
    // Trailer present and door open: the checked-in truck for this door (or the one whose slot
    // it is, if it came without scanning its pass) is at its door.
    if (io.trailerPresent && io.doorOpen && !checkedIn.some((a) => stageOf(a) !== 'arrived')) {
      // A truck checked in for this door comes first; only without one, the slot nearest now.
      const byNearness = (x: Appointment, y: Appointment) => Math.abs(x.startAt - now) - Math.abs(y.startAt - now);
      const candidates = [
        ...checkedIn.filter((a) => stageOf(a) === 'arrived').sort(byNearness),
        ...onDoor
          .filter((a) => stageOf(a) === 'scheduled' && Math.abs(a.startAt - now) <= SLOT_REACH_MS)
          .sort(byNearness),
      ];
      const target = candidates[0];
      if (target) {
        try {
          await this.deps.dock.advanceStage(
            { id: target.id, stage: 'at_door', source: 'sensor', by: `${io.doorName} sensors` },
            this.deps.localContext(),
          );
          checkedIn.push(target);
        } catch (err) {
          this.deps.logger.warn('sensor could not move the appointment to at door', { id: target.id, err: String(err) });
        }
      }
    }
    const expected =
      checkedIn.length > 0 || onDoor.some((a) => Math.abs(a.startAt - now) <= SLOT_REACH_MS && stageOf(a) === 'scheduled');
    let raised = 0;
    raised += await this.setAlert(
      'wrong_door',
      io.doorId,
      null,
      io.trailerPresent && !expected,
      `A trailer is at ${io.doorName}, but no truck is checked in or due there.`,
    );
    raised += await this.setAlert(
      'open_no_trailer',
      io.doorId,
      null,
      io.doorOpen && !io.trailerPresent,
      `${io.doorName} is open with no trailer at it.`,
    );
    raised += await this.setAlert(
      'restraint_open',
      io.doorId,
      null,
      io.doorOpen && !io.restraintEngaged,
      `${io.doorName} is open and its trailer restraint is not engaged.`,
    );
    await this.checkNotAtDoor();
    if (raised) this.deps.events.emit('dock.alerts', { raised });
  }

  /** Trucks checked in longer than the allowed minutes and not at their door yet. */
  async checkNotAtDoor(): Promise<void> {
    const now = this.deps.now();
    const limit = this.deps.notAtDoorMin * 60_000;
    const near = await this.near();
    let raised = 0;
    for (const a of near) {
      const stage = stageOf(a);
      const arrivedAt = a.timeline?.[0]?.at ?? now;
      raised += await this.setAlert(
        'not_at_door',
        a.doorId,
        a.id,
        stage === 'arrived' && now - arrivedAt >= limit,
        `${a.reference} checked in ${Math.round((now - arrivedAt) / 60_000)} min ago and is not at its door yet.`,
      );
    }
    // Appointments no longer near (cancelled, moved away) clear their alert too.
    const open = await this.deps.db.all<{ id: string; appointment_id: string }>(
      "SELECT id, appointment_id FROM dock_alerts WHERE kind = 'not_at_door' AND cleared_at IS NULL",
    );
    const live = new Set(near.filter((a) => stageOf(a) === 'arrived').map((a) => a.id));
    for (const o of open) {
      if (!live.has(o.appointment_id)) {
        await this.deps.db.write((tx) => tx.run('UPDATE dock_alerts SET cleared_at = ? WHERE id = ?', [now, o.id]));
      }
    }
    if (raised) this.deps.events.emit('dock.alerts', { raised });
  }

  /** Raises the alert if `on` and none is open, clears the open one if not; 1 when it raised one. */
  private async setAlert(
    kind: DockAlertKind,
    doorId: string | null,
    appointmentId: string | null,
    on: boolean,
    message: string,
  ): Promise<number> {
    const now = this.deps.now();
    const open = await this.deps.db.get<{ id: string }>(
      `SELECT id FROM dock_alerts WHERE kind = ? AND coalesce(door_id, '') = ? AND coalesce(appointment_id, '') = ?
         AND cleared_at IS NULL`,
      [kind, doorId ?? '', appointmentId ?? ''],
    );
    if (on && !open) {
      await this.deps.db.write((tx) =>
        tx.run(
          'INSERT INTO dock_alerts (id, kind, door_id, appointment_id, message, raised_at) VALUES (?, ?, ?, ?, ?, ?)',
          [randomUUID(), kind, doorId, appointmentId, message, now],
        ),
      );
      return 1;
    }
    if (!on && open) {
      await this.deps.db.write((tx) => tx.run('UPDATE dock_alerts SET cleared_at = ? WHERE id = ?', [now, open.id]));
      this.deps.events.emit('dock.alerts', { raised: 0 });
    }
    return 0;
  }

  async list(includeAcknowledged: boolean): Promise<DockAlert[]> {
    await this.checkNotAtDoor();
    const rows = await this.deps.db.all<AlertRow>(
      `${SELECT} WHERE (? OR x.acknowledged_at IS NULL) ORDER BY x.raised_at DESC, x.id LIMIT 200`,
      [includeAcknowledged ? 1 : 0],
    );
    return rows.map(toAlert);
  }

  async acknowledge(id: string, ctx: CallContext): Promise<DockAlert> {
    const now = this.deps.now();
    const alert = await this.deps.db.write(async (tx) => {
      const found = await tx.get<AlertRow>(`${SELECT} WHERE x.id = ?`, [id]);
      if (!found) throw new AppError('not_found', 'That alert does not exist any more. Refresh the list.');
      if (found.acknowledged_at !== null) {
        throw new AppError('conflict', `Already acknowledged by ${found.acknowledged_by ?? 'someone'}.`);
      }
      await tx.run('UPDATE dock_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?', [now, ctx.actor, id]);
      await recordMutation(tx, { name: 'dock.acknowledgeAlert', args: { id }, actor: ctx.actor, userId: ctx.userId, at: now });
      return toAlert({ ...found, acknowledged_at: now, acknowledged_by: ctx.actor });
    });
    this.deps.events.emit('dock.alerts', { raised: 0 });
    return alert;
  }
}
