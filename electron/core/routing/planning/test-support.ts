/** Test helpers for the planning backend: a core, a date, a small fleet and orders near Jönköping. */
import type { Core } from '../../core';
import { caller, ok } from '../../testing';

export const DATE = '2026-11-23';
export const DEPOT = { name: 'DC', address: 'Torsviksvägen 12', lat: 57.7372, lon: 14.1099 };

export function api(core: Core) {
  const call = caller(core);
  const must = ok(core);
  /** Calls a command that must fail and returns its error body. */
  const fail = async (name: string, input: unknown) => {
    const r = await call(name, input);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.value).slice(0, 200)}`);
    return r.error;
  };
  return { call, ok: must, fail };
}

export function order(reference: string, lat: number, lon: number, extra: Record<string, unknown> = {}) {
  return {
    date: DATE,
    reference,
    customer: `Kund ${reference}`,
    address: `${reference} gatan 1`,
    lat,
    lon,
    ...extra,
  };
}

/** Points on a ring around the depot, ~3–9 km out. */
export function ring(n: number, start = 0) {
  return Array.from({ length: n }, (_, k) => {
    const i = k + start;
    const a = (i * 2.4) % (2 * Math.PI);
    const r = 0.03 + (0.05 * ((i * 7) % 10)) / 10;
    return { lat: DEPOT.lat + r * Math.sin(a), lon: DEPOT.lon + 2 * r * Math.cos(a) };
  });
}

export async function setupFleet(core: Core) {
  const { ok: must } = api(core);
  await must('routes.updateSettings', { depot: DEPOT });
  const van = await must('routes.createVehicle', {
    name: 'Van',
    profile: 'van',
    capacity: { kg: 1000, pallets: 4 },
    shiftStart: '07:00',
    shiftEnd: '17:00',
    costPerKm: 4,
    costPerHour: 380,
  });
  const truck = await must('routes.createVehicle', {
    name: 'Truck',
    profile: 'truck',
    capacity: { kg: 8000, pallets: 16 },
    skills: ['cold_chain'],
    shiftStart: '06:00',
    shiftEnd: '16:00',
    breakWindow: { from: '11:00', to: '13:00' },
    breakMin: 30,
    costPerKm: 9,
    costPerHour: 420,
  });
  const anna = await must('routes.createDriver', { name: 'Anna Lindqvist', phone: '070-1' });
  const erik = await must('routes.createDriver', { name: 'Erik Øster-Łukasz', skills: ['adr'] });
  return { van, truck, anna, erik };
}
