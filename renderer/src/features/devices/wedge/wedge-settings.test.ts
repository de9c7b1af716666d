import { describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE_SETTINGS, toWedgeConfig, validateWedgeSettings } from './wedge-settings';

describe('wedge settings', () => {
  it('accepts the defaults and ordinary values', () => {
    expect(validateWedgeSettings(DEFAULT_WEDGE_SETTINGS)).toEqual({});
    expect(validateWedgeSettings({ prefix: '#!', gsPlaceholder: '<GS>', suffix: 'Tab' })).toEqual({});
  });

  it('names the field that is wrong and why', () => {
    expect(validateWedgeSettings({ ...DEFAULT_WEDGE_SETTINGS, prefix: 'x'.repeat(11) })).toEqual({
      prefix: 'length',
    });
    expect(validateWedgeSettings({ ...DEFAULT_WEDGE_SETTINGS, gsPlaceholder: '\u001d' })).toEqual({
      gsPlaceholder: 'control',
    });
    expect(validateWedgeSettings({ prefix: '<GS>#', gsPlaceholder: '<GS>', suffix: 'Enter' })).toEqual({
      gsPlaceholder: 'clash',
    });
  });

  it('maps to the detector config: one suffix, optional prefix and GS placeholder', () => {
    expect(toWedgeConfig({ prefix: '', gsPlaceholder: '|', suffix: 'Tab' })).toMatchObject({
      suffixes: ['Tab'],
      gsPlaceholder: '|',
      prefix: undefined,
    });
    expect(toWedgeConfig({ prefix: '#', gsPlaceholder: '', suffix: 'Enter' })).toMatchObject({
      suffixes: ['Enter'],
      prefix: '#',
      gsPlaceholder: undefined,
    });
  });
});
