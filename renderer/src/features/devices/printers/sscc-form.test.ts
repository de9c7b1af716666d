import { describe, expect, it } from 'vitest';
import { checkSsccForm } from './SsccSettingsForm';

describe('checkSsccForm', () => {
  it('takes a 6–12 digit prefix with its leading zeros and one extension digit', () => {
    expect(checkSsccForm('0735000', '0')).toEqual({});
    expect(checkSsccForm('073500000012', '9')).toEqual({});
  });
  it('names the wrong field', () => {
    expect(checkSsccForm('12345', '0')).toEqual({ prefix: 'digits' });
    expect(checkSsccForm('0735000A', '10')).toEqual({ prefix: 'digits', extension: 'digit' });
    expect(checkSsccForm('0735000', '')).toEqual({ extension: 'digit' });
  });
});
