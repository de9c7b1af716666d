import { describe, expect, it } from 'vitest';
import { normalizeTime } from './time-field';

describe('normalizeTime', () => {
  it.each([
    ['07:45', '07:45'],
    ['7:45', '07:45'],
    ['7.45', '07:45'],
    ['0745', '07:45'],
    ['745', '07:45'],
    [' 23:59 ', '23:59'],
    ['00:00', '00:00'],
  ])('reads %j as %s', (text, time) => expect(normalizeTime(text)).toBe(time));

  it.each(['', '7', '24:00', '12:60', '25:00', 'ab:cd', '7:5', '07:45pm'])('refuses %j', (text) =>
    expect(normalizeTime(text)).toBeNull(),
  );

  it('takes 24:00 only as an end of day', () => {
    expect(normalizeTime('24:00', true)).toBe('24:00');
    expect(normalizeTime('24:01', true)).toBeNull();
  });
});
