/** Orders of a day: the rules about demand dimensions, references and pickup-delivery pairs. */
import { randomUUID } from 'node:crypto';
import { AppError, type Order, type ParsedInput } from '@shared/contract';
import { undeclaredDimensions } from '@shared/domain/routing/register';
import { parseHhMm } from '@shared/domain/time';
import type { Readable } from '../../db/connection';
import type { Tx } from '../../db/database';
import type { CallContext } from '../../router';
import { change, type PlanningContext } from './context';
import * as repo from './fleet-repo';
import { removeOrdersFromDraft } from './draft-store';
import { readSettings } from './settings';

type OrderInput = ParsedInput<'routes.createOrder'>;

export function windowsFromInput(ws: { from: string; to: string }[]): Order['timeWindows'] {
  return ws.map((w) => ({ from: parseHhMm(w.from)!, to: parseHhMm(w.to)! })).sort((a, b) => a.from - b.from);
}

export class OrdersService {
  constructor(private readonly c: PlanningContext) {}

  list(date: string): Promise<Order[]> {
    return repo.listOrders(this.c.db, this.c.siteId, date);
  }

  async create(input: OrderInput, ctx: CallContext): Promise<Order> {
    const now = this.c.now();
    const order: Order = {
      id: randomUUID(),
      date: input.date,
      reference: input.reference,
      customer: input.customer,
      address: input.address,
      lat: input.lat,
      lon: input.lon,
      kind: input.kind,
      serviceMin: input.serviceMin,
      timeWindows: windowsFromInput(input.timeWindows),
      demand: input.demand,
      skills: [...new Set(input.skills)],
      priority: input.priority,
      pairedOrderId: null,
      phone: input.phone,
      notes: input.notes,
      createdAt: now,
      updatedAt: now,
    };
    return change(
      this.c,
      { name: 'routes.createOrder', args: { ...input, id: order.id }, ctx },
      [input.date],
      (tx) => this.insertChecked(tx, order, input.pairedOrderId),
    );
  }

  /** Inserts one order after every check; used by create and by import (inside its transaction). */
  async insertChecked(tx: Tx, order: Order, pairWith: string | null): Promise<Order> {
    await this.assertDemand(tx, order.demand);
    await this.assertReferenceFree(tx, order.date, order.reference, null);
    await repo.insertOrder(tx, this.c.siteId, order);
    if (pairWith) return this.pair(tx, order, pairWith);
    return order;
  }

  async update(input: ParsedInput<'routes.updateOrder'>, ctx: CallContext): Promise<Order> {
    const dates: string[] = [];
    const result = await change(
      this.c,
      { name: 'routes.updateOrder', args: input, ctx },
      () => dates,
      async (tx) => {
        const current = await this.require(tx, input.id);
        const next: Order = {
          ...current,
          date: input.date ?? current.date,
          reference: input.reference ?? current.reference,
          customer: input.customer ?? current.customer,
          address: input.address ?? current.address,
          lat: input.lat ?? current.lat,
          lon: input.lon ?? current.lon,
          kind: input.kind ?? current.kind,
          serviceMin: input.serviceMin ?? current.serviceMin,
          timeWindows: input.timeWindows ? windowsFromInput(input.timeWindows) : current.timeWindows,
          demand: input.demand ?? current.demand,
          skills: input.skills ? [...new Set(input.skills)] : current.skills,
          priority: input.priority ?? current.priority,
          phone: input.phone ?? current.phone,
          notes: input.notes ?? current.notes,
          updatedAt: this.c.now(),
        };
        if (next.lat === 0 && next.lon === 0)
          throw new AppError(
            'invalid_input',
            'Coordinates 0,0 look like a failed address lookup; enter the real position.',
          );
        if (input.demand) await this.assertDemand(tx, next.demand);
        if (next.reference.toLowerCase() !== current.reference.toLowerCase() || next.date !== current.date)
          await this.assertReferenceFree(tx, next.date, next.reference, next.id);
        dates.push(current.date, next.date);
        const repair =
          input.pairedOrderId !== undefined || next.kind !== current.kind || next.date !== current.date;
        if (repair && current.pairedOrderId)
          await repo.setPairing(tx, current.pairedOrderId, null, next.updatedAt);
        if (repair) next.pairedOrderId = null;
        await repo.updateOrder(tx, this.c.siteId, next);
        if (next.date !== current.date) await removeOrdersFromDraft(tx, this.c, current.date, [current.id]);
        const pairWith = input.pairedOrderId !== undefined ? input.pairedOrderId : repair ? null : undefined;
        if (pairWith) return this.pair(tx, next, pairWith);
        return next;
      },
    );
    return result;
  }

  async remove(id: string, ctx: CallContext): Promise<{ id: string }> {
    const dates: string[] = [];
    return change(
      this.c,
      { name: 'routes.deleteOrder', args: { id }, ctx },
      () => dates,
      async (tx) => {
        const order = await this.require(tx, id);
        dates.push(order.date);
        const removed = [order.id];
        await repo.deleteOrder(tx, id);
        await removeOrdersFromDraft(tx, this.c, order.date, removed);
        return { id };
      },
    );
  }

  private async pair(tx: Tx, order: Order, otherId: string): Promise<Order> {
    if (otherId === order.id) throw new AppError('invalid_input', 'An order cannot be paired with itself.');
    const other = await repo.getOrder(tx, otherId);
    if (!other || other.date !== order.date)
      throw new AppError('invalid_input', 'The order to pair with does not exist on the same day.');
    if (other.kind === order.kind)
      throw new AppError(
        'invalid_input',
        `A pair is one pickup and one delivery; ${order.reference} and ${other.reference} are both ${order.kind === 'delivery' ? 'deliveries' : 'pickups'}.`,
      );
    if (other.pairedOrderId && other.pairedOrderId !== order.id)
      throw new AppError('conflict', `${other.reference} is already paired with another order.`);
    const now = this.c.now();
    await repo.setPairing(tx, order.id, other.id, now);
    await repo.setPairing(tx, other.id, order.id, now);
    return { ...order, pairedOrderId: other.id, updatedAt: now };
  }

  private async require(db: Readable, id: string): Promise<Order> {
    const o = await repo.getOrder(db, id);
    if (!o) throw new AppError('not_found', 'That order no longer exists. Refresh the list.');
    return o;
  }

  private async assertDemand(db: Readable, demand: Record<string, number>): Promise<void> {
    const { dimensions } = await readSettings(db);
    const bad = undeclaredDimensions(demand, dimensions);
    if (bad.length)
      throw new AppError(
        'invalid_input',
        `Demand in undeclared dimension ${bad.join(', ')}; this site measures loads in ${dimensions.join(', ')}.`,
        { field: 'demand', reason: 'undeclared_dimension', dimensions: bad, declared: dimensions },
      );
  }

  private async assertReferenceFree(db: Readable, date: string, reference: string, exceptId: string | null) {
    const found = await repo.findOrderByReference(db, this.c.siteId, date, reference);
    if (found && found.id !== exceptId)
      throw new AppError('conflict', `There is already an order ${found.reference} on ${date}.`, {
        field: 'reference',
        reason: 'reference_taken',
        orderId: found.id,
      });
  }
}
