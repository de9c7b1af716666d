import { describe, expect, it } from 'vitest';
import type { Plan, PlanRoute, PlanStop } from '@shared/contract';
import { draftOf, routeInputs, sameRoutes } from './plan-draft';

const metrics = { km: 0, hours: 0, drivingMin: 0, serviceMin: 0, waitingMin: 0, cost: 0, stops: 0 };

function stop(orderId: string | undefined, kind: PlanStop['kind'] = 'delivery'): PlanStop {
  return {
    kind,
    orderId,
    lat: 57.7,
    lon: 14.1,
    arrivalAt: 0,
    waitMin: 0,
    serviceStartAt: 0,
    serviceMin: 10,
    departAt: 0,
    driveMin: 5,
    legKm: 3,
    loadAfter: {},
    locked: false,
    violations: [],
  };
}

function route(vehicleId: string, stops: PlanStop[], extra: Partial<PlanRoute> = {}): PlanRoute {
  return {
    vehicleId,
    vehicleName: vehicleId,
    driverId: null,
    driverName: null,
    locked: false,
    lockedStops: 0,
    departAt: 0,
    returnAt: 0,
    stops,
    returnDriveMin: 0,
    returnKm: 0,
    peakLoad: {},
    capacity: {},
    metrics,
    violations: [],
    path: [],
    ...extra,
  };
}

function plan(routes: PlanRoute[], unassigned: string[] = []): Plan {
  return {
    date: '2026-12-01',
    revision: 3,
    status: 'draft',
    version: null,
    routes,
    unassigned: unassigned.map((orderId) => ({ orderId, reason: 'not_planned', message: '' })),
    summary: { ...metrics, vehicles: 0, served: 0, unassigned: 0, violations: 0 },
    feasible: true,
    depot: { name: 'D', address: '', lat: 57.78, lon: 14.15 },
    matrix: 'haversine',
    updatedAt: 0,
  };
}

describe('draftOf', () => {
  it('keeps order stops in order and leaves breaks and reloads out', () => {
    const p = plan(
      [
        route('V1', [stop('a'), stop(undefined, 'break'), stop('b'), stop(undefined, 'reload')], {
          driverId: 'D1',
          lockedStops: 1,
        }),
      ],
      ['u'],
    );
    expect(draftOf(p, [{ id: 'V1' }])).toEqual({
      routes: [{ vehicleId: 'V1', driverId: 'D1', locked: false, lockedStops: 1, stops: ['a', 'b'] }],
      unassigned: ['u'],
    });
  });

  it('gives every vehicle of the day a row, in the fleet’s order, and keeps routes of vehicles gone since', () => {
    const d = draftOf(plan([route('V2', [stop('a')]), route('OLD', [stop('b')])]), [
      { id: 'V1' },
      { id: 'V2' },
    ]);
    expect(d.routes.map((r) => [r.vehicleId, r.stops])).toEqual([
      ['V1', []],
      ['V2', ['a']],
      ['OLD', ['b']],
    ]);
  });
});

describe('routeInputs', () => {
  it('sends every route, empty ones with their driver, and never a loaded prefix longer than the route', () => {
    const d = draftOf(
      plan([route('V1', [stop('a')], { lockedStops: 4, locked: true }), route('V2', [], { driverId: 'D2' })]),
      [],
    );
    expect(routeInputs(d)).toEqual([
      { vehicleId: 'V1', driverId: null, orderIds: ['a'], locked: true, lockedStops: 1 },
      { vehicleId: 'V2', driverId: 'D2', orderIds: [], locked: false, lockedStops: 0 },
    ]);
  });

  it('compares drafts by their routes, not by the order of the unassigned', () => {
    const a = draftOf(plan([route('V1', [stop('a')])], ['x', 'y']), []);
    const b = draftOf(plan([route('V1', [stop('a')])], ['y', 'x']), []);
    const c = draftOf(plan([route('V1', [stop('a')], { driverId: 'D9' })], ['x', 'y']), []);
    expect(sameRoutes(a, b)).toBe(true);
    expect(sameRoutes(a, c)).toBe(false);
  });
});
