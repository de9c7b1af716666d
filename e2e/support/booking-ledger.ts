/**
 * Books appointments as a client that never gives up on a write would: every booking has its own
 * request id; an answer settles it, no answer (the link or core died) leaves it unacknowledged
 * and it is sent again later with the SAME id. Used by the crash tests to count what was lost
 * or applied twice.
 */
import { randomUUID } from 'node:crypto';
import type { ResponseMessage } from '@shared/contract';
import type { WsClient } from './ws-client';

export interface BookingInput {
  doorId: string;
  carrierName: string;
  reference: string;
  startAt: number;
  durationMin: number;
  loadType: 'palletized';
  pallets: number;
}

/** A door open round the clock, so every booking slot is bookable. */
export async function createBookableDoor(client: WsClient): Promise<string> {
  const r = await client.call('dock.createDoor', {
    name: 'Door 1',
    direction: 'both',
    opensAt: '00:00',
    closesAt: '24:00',
  });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}

export class BookingLedger {
  /** request id → appointment id, for every booking whose answer arrived. */
  readonly acknowledged = new Map<string, string>();
  /** Sent, never answered: to be retried with the same request id. */
  readonly unacknowledged = new Map<string, BookingInput>();
  /**
   * Applied, but core died between the commit and storing the answer: the retry is told
   * `already_applied`. Rare by design; the outbox row with this request id proves it applied once.
   */
  readonly appliedWithoutAnswer = new Set<string>();
  /** Answers that were refusals: each is a bug in this test's setup or in core. */
  readonly refused: string[] = [];
  private next = 0;

  constructor(
    private readonly doorId: string,
    private readonly base = Date.UTC(2031, 0, 1),
  ) {}

  newBooking(): { requestId: string; input: BookingInput } {
    const i = this.next++;
    const requestId = randomUUID();
    // A slot of its own and a unique reference: an appointment applied twice shows up as two rows.
    return {
      requestId,
      input: {
        doorId: this.doorId,
        carrierName: `Carrier ${i % 7}`,
        reference: `REF-${i}-${requestId.slice(0, 8)}`,
        startAt: this.base + i * 15 * 60_000,
        durationMin: 15,
        loadType: 'palletized',
        pallets: i % 30,
      },
    };
  }

  /** Sends one booking; false if no answer came (the socket closed or core stopped). */
  async send(client: WsClient, requestId: string, input: BookingInput): Promise<boolean> {
    this.unacknowledged.set(requestId, input);
    let r: ResponseMessage;
    try {
      r = await client.call('dock.bookAppointment', input, requestId);
    } catch {
      return false;
    }
    if (r.ok) {
      this.acknowledged.set(requestId, (r.value as { id: string }).id);
      this.unacknowledged.delete(requestId);
      return true;
    }
    const details = r.error.details as { outcome?: string; reason?: string } | undefined;
    if (r.error.code === 'unavailable' && details?.outcome) return false;
    this.unacknowledged.delete(requestId);
    if (details?.reason === 'already_applied') {
      this.appliedWithoutAnswer.add(requestId);
      return true;
    }
    this.refused.push(`${r.error.code}: ${r.error.message}`);
    return true;
  }

  /** Sends every unacknowledged booking again, with its own request id. */
  async retryAll(client: WsClient): Promise<void> {
    for (const [requestId, input] of [...this.unacknowledged]) {
      if (!(await this.send(client, requestId, input))) return;
    }
  }

  /** Books new appointments on `workers` parallel streams until `stop()` or a stream's link dies. */
  async burst(client: WsClient, workers: number, stop: () => boolean, max = Infinity): Promise<void> {
    let started = 0;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!stop() && started < max) {
          started++;
          const { requestId, input } = this.newBooking();
          if (!(await this.send(client, requestId, input))) return;
        }
      }),
    );
  }
}

export interface StoreCheck {
  integrity: string;
  appointments: number;
  /** Acknowledged bookings missing from the store (or from the outbox). */
  lost: string[];
  /** References stored more than once: a request applied twice. */
  duplicated: string[];
  /** Appointments without their outbox row or outbox rows without their appointment. */
  halfDone: string[];
  /** Outbox rows whose id is not a request id this client sent. */
  strangers: string[];
  /** Requests told "already applied" that have no outbox row (so were not applied at all). */
  notApplied: string[];
}

/** Opens the data folder's store after the host stopped and counts lost and doubled writes. */
export async function checkStore(dataDir: string, ledger: BookingLedger): Promise<StoreCheck> {
  const { Database } = await import('../../electron/core/db/database');
  const { join } = await import('node:path');
  const db = await Database.open(join(dataDir, 'loadstar.db'));
  try {
    const rows = await db.all<{ id: string; reference: string }>('SELECT id, reference FROM appointments');
    const outbox = await db.all<{ id: string; args: string }>(
      "SELECT id, args FROM outbox WHERE name = 'dock.bookAppointment'",
    );
    const stored = new Set(rows.map((r) => r.id));
    const logged = new Map(outbox.map((r) => [(JSON.parse(r.args) as { resultId: string }).resultId, r.id]));
    const perReference = new Map<string, number>();
    for (const r of rows) perReference.set(r.reference, (perReference.get(r.reference) ?? 0) + 1);
    const sent = new Set([
      ...ledger.acknowledged.keys(),
      ...ledger.unacknowledged.keys(),
      ...ledger.appliedWithoutAnswer,
    ]);
    const outboxIds = new Set(outbox.map((r) => r.id));
    return {
      integrity: await db.integrityCheck(),
      appointments: rows.length,
      lost: [...ledger.acknowledged.values()].filter((id) => !stored.has(id) || !logged.has(id)),
      duplicated: [...perReference].filter(([, n]) => n > 1).map(([ref]) => ref),
      halfDone: [
        ...[...stored].filter((id) => !logged.has(id)),
        ...[...logged.keys()].filter((id) => !stored.has(id)),
      ],
      strangers: outbox.map((r) => r.id).filter((id) => !sent.has(id)),
      notApplied: [...ledger.appliedWithoutAnswer].filter((id) => !outboxIds.has(id)),
    };
  } finally {
    await db.close();
  }
}

/** What is wrong with the store after the crashes: empty when nothing was lost, doubled or torn. */
export function storeProblems(check: StoreCheck): Partial<StoreCheck> {
  const out: Partial<Record<keyof StoreCheck, unknown>> = {};
  if (check.integrity !== 'ok') out.integrity = check.integrity;
  for (const k of ['lost', 'duplicated', 'halfDone', 'strangers', 'notApplied'] as const)
    if (check[k].length) out[k] = check[k];
  return out as Partial<StoreCheck>;
}
