import { describe, expect, it } from 'vitest';
import { commands, inputIssue, type CommandName } from '@shared/contract';
import { ApiError } from '../api/client';
import type { Translate } from '../i18n';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { issueText, reasonText, refusalField, refusalText } from '.';

const translate =
  (dict: Record<string, string>): Translate =>
  (key, values) =>
    dict[key]!.replace(/\{(\w+)\}/g, (_, n: string) => String(values?.[n] ?? `{${n}}`));
const tEn = translate(en);
const tSv = translate(sv);

/** What core answers for this input: the contract's own schema, mapped as the router maps it. */
function refusal(name: CommandName, input: unknown): ApiError {
  const parsed = (
    commands[name].input as { safeParse(i: unknown): { success: boolean; error?: { issues: never[] } } }
  ).safeParse(input);
  if (parsed.success) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
  return new ApiError({
    code: 'invalid_input',
    message: 'core text',
    details: { issues: parsed.error!.issues.map(inputIssue) },
  });
}

describe('core refusals in the operator’s language', () => {
  it('words the schema’s bounds in Swedish, at the field they name', () => {
    const empty = refusal('routes.createVehicle', { name: '' });
    expect(refusalField(empty)).toBe('name');
    expect(refusalText(empty, tSv)).toBe('Fyll i det här.');
    expect(refusalText(empty, tEn)).toBe('Fill this in.');

    const trips = refusal('routes.createVehicle', { name: 'V', maxTrips: 11 });
    expect(refusalField(trips)).toBe('maxTrips');
    expect(refusalText(trips, tSv)).toBe('Ange 10 eller mindre.');

    const lat = refusal('routes.updateSettings', { depot: { name: 'DC', address: '', lat: 91, lon: 14 } });
    expect(refusalField(lat)).toBe('depot.lat');
    expect(refusalText(lat, tSv)).toBe('Ange 90 eller mindre.');

    const text = refusal('routes.createVehicle', { name: 'V', maxTrips: 'two' });
    expect(refusalText(text, tSv)).toBe('Ange ett tal.');
  });

  it('words the contract’s own rules by their reason', () => {
    const shift = refusal('routes.createVehicle', { name: 'V', shiftStart: '17:00', shiftEnd: '07:00' });
    expect(refusalField(shift)).toBe('shiftEnd');
    expect(refusalText(shift, tSv)).toBe('Passet måste sluta efter att det börjar.');
    const nullIsland = refusal('routes.createOrder', {
      date: '2026-11-23',
      reference: 'R',
      customer: 'C',
      lat: 0,
      lon: 0,
    });
    expect(refusalText(nullIsland, tSv)).toMatch(/^Koordinaterna 0,0/);
    // Named rules stand on their own (a box at the foot of a form); bare bounds need their field.
    expect(reasonText(nullIsland, tSv)).toMatch(/^Koordinaterna 0,0/);
    expect(reasonText(refusal('routes.createVehicle', { name: '' }), tSv)).toBeNull();
  });

  it('words core’s field rules with the values it sent, and keeps core’s text for anything else', () => {
    const dims = new ApiError({
      code: 'invalid_input',
      message: 'Capacity in undeclared dimension m3; use kg, pallets.',
      details: {
        field: 'capacity',
        reason: 'undeclared_dimension',
        dimensions: ['m3'],
        declared: ['kg', 'pallets'],
      },
    });
    expect(refusalText(dims, tSv)).toBe(
      'm3 är inte en dimension som anläggningen mäter last i; använd kg, pallets.',
    );
    const tile = new ApiError({
      code: 'invalid_input',
      message: 'The tile address must contain {z}, {x} and {y}',
      details: { field: 'tileUrl', reason: 'tile_placeholders' },
    });
    expect(refusalText(tile, tSv)).toBe('Adressen till kartbrickor måste innehålla {z}, {x} och {y}.');
    const other = new ApiError({
      code: 'unavailable',
      message: 'The local database is busy.',
      details: { reason: 'busy' },
    });
    expect(refusalText(other, tSv)).toBe('The local database is busy.');
    expect(refusalText(new Error('socket closed'), tSv)).toBeNull();
    // An issue code the UI does not know keeps core's text.
    expect(issueText({ path: ['x'], message: 'Odd.', code: 'something_new' }, tSv)).toBe('Odd.');
  });
});
