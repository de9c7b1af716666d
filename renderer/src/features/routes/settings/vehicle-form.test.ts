import { describe, expect, it } from 'vitest';
import type { Vehicle } from '@shared/contract';
import { changedFields, parseList, parseNumber } from './form-values';
import { vehicleFromForm, vehicleToForm } from './vehicle-form';

const DIMS = ['kg', 'm3', 'pallets'];

const vehicle: Vehicle = {
  id: 'v1',
  name: 'Van 1',
  plate: 'ABC123',
  profile: 'truck',
  capacity: { kg: 1200, pallets: 8 },
  skills: ['cold_chain', 'tail_lift'],
  shiftStart: 360,
  shiftEnd: 1080,
  breakWindow: { from: 690, to: 780 },
  breakMin: 45,
  maxDurationMin: 600,
  maxDistanceKm: null,
  fixedCost: 300,
  costPerKm: 4.5,
  costPerHour: 350,
  maxTrips: 2,
  reloadMin: 20,
  active: true,
  planning: true,
  available: true,
};

describe('vehicle form', () => {
  it('round-trips a vehicle into the command input without changing anything', () => {
    const parsed = vehicleFromForm(vehicleToForm(vehicle, 'sv-SE'), DIMS, 'sv-SE');
    expect(parsed).toEqual({
      input: {
        name: 'Van 1',
        plate: 'ABC123',
        profile: 'truck',
        capacity: { kg: 1200, pallets: 8 },
        skills: ['cold_chain', 'tail_lift'],
        shiftStart: '06:00',
        shiftEnd: '18:00',
        breakWindow: { from: '11:30', to: '13:00' },
        breakMin: 45,
        maxDurationMin: 600,
        maxDistanceKm: null,
        fixedCost: 300,
        costPerKm: 4.5,
        costPerHour: 350,
        maxTrips: 2,
        reloadMin: 20,
        active: true,
        planning: true,
      },
    });
  });

  it('leaves an empty capacity box out (no limit) and reads a decimal comma', () => {
    const form = {
      ...vehicleToForm(undefined, 'sv-SE'),
      name: 'New',
      capacity: { kg: '', m3: '12,5', pallets: '' },
    };
    const parsed = vehicleFromForm(form, DIMS, 'sv-SE');
    expect('input' in parsed && parsed.input.capacity).toEqual({ m3: 12.5 });
    expect('input' in parsed && parsed.input.breakWindow).toBeNull();
  });

  it('names the box that is not a number instead of sending a guess', () => {
    const form = vehicleToForm(vehicle, 'sv-SE');
    expect(vehicleFromForm({ ...form, capacity: { kg: '12 kg' } }, DIMS, 'sv-SE')).toEqual({
      badField: 'capacity.kg',
    });
    expect(vehicleFromForm({ ...form, costPerKm: 'abc' }, DIMS, 'sv-SE')).toEqual({ badField: 'costPerKm' });
    expect(vehicleFromForm({ ...form, maxTrips: '' }, DIMS, 'sv-SE')).toEqual({ badField: 'maxTrips' });
    // Without a break the break length does not matter.
    expect('input' in vehicleFromForm({ ...form, hasBreak: false, breakMin: '' }, DIMS, 'sv-SE')).toBe(true);
  });
});

describe('form values', () => {
  it('parses lists and numbers as operators type them', () => {
    expect(parseList(' adr, cold_chain ,, adr ')).toEqual(['adr', 'cold_chain']);
    expect(parseNumber('', 'sv-SE')).toBeNull();
    expect(parseNumber(' 1,3 ', 'sv-SE')).toBe(1.3);
    expect(parseNumber('1.3.4', 'sv-SE')).toBeNaN();
  });

  it('sends only what changed', () => {
    const a = { depot: { name: 'A', lat: 1 }, tileUrl: 'x', roadFactor: 1.3 };
    expect(changedFields(a, { ...a, depot: { name: 'A', lat: 2 } })).toEqual({
      depot: { name: 'A', lat: 2 },
    });
    expect(changedFields(a, structuredClone(a))).toEqual({});
  });
});
