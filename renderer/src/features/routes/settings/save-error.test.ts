import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api/client';
import { en } from '../../../lib/i18n/en';
import type { Translate } from '../../../lib/i18n';
import { describeSaveError, fieldError } from './save-error';

const t: Translate = (key) => en[key];

describe('describeSaveError', () => {
  it('puts core’s own URL refusal next to the field it names', () => {
    const err = new ApiError({
      code: 'invalid_input',
      message: 'The tile address must contain {z}, {x} and {y}',
      details: { field: 'tileUrl' },
    });
    const e = describeSaveError(err, t);
    expect(e).toEqual({ message: 'The tile address must contain {z}, {x} and {y}', field: 'tileUrl' });
    expect(fieldError(e, 'tileUrl')).toBe(e.message);
    expect(fieldError(e, 'osrmUrl')).toBeUndefined();
  });

  it('turns a schema issue path into a dotted field and shows the issue’s own text', () => {
    const err = new ApiError({
      code: 'invalid_input',
      message: 'depot.lat: Too big',
      details: { issues: [{ path: ['depot', 'lat'], message: 'Too big' }] },
    });
    const e = describeSaveError(err, t);
    expect(e).toEqual({ message: 'Too big', field: 'depot.lat' });
    expect(fieldError(e, 'depot.lat')).toBe('Too big');
    expect(fieldError(e, 'depot')).toBe('Too big');
    expect(fieldError(e, 'depot.lon')).toBeUndefined();
    // A prefix of a name is not the same field.
    expect(fieldError({ message: 'x', field: 'capacityX' }, 'capacity')).toBeUndefined();
  });

  it('gives a role without rights the forbidden message in the operator’s language', () => {
    const err = new ApiError({ code: 'forbidden', message: 'Your role (dispatcher) may not do this.' });
    expect(describeSaveError(err, t)).toEqual({ message: en['rs.error.forbidden'] });
  });

  it('says a taken name at the name field, and keeps other messages as core wrote them', () => {
    const taken = new ApiError({
      code: 'conflict',
      message: 'There is already a vehicle called V1.',
      details: { field: 'name' },
    });
    expect(describeSaveError(taken, t)).toEqual({ message: en['rs.error.nameTaken'], field: 'name' });
    const other = new ApiError({ code: 'unavailable', message: 'The local database is busy.' });
    expect(describeSaveError(other, t)).toEqual({ message: 'The local database is busy.', field: undefined });
    expect(describeSaveError(new Error('socket closed'), t)).toEqual({ message: 'socket closed' });
  });
});
