import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES, UNASSIGNED_CODES, VIOLATION_CODES } from '@shared/contract';
import type { Translate } from '../../lib/i18n';
import { routesEn, routesSv } from './messages';
import { importErrorText } from './import-error-text';
import { unassignedText, violationText } from './violation-text';

/** Renders with the real dictionaries, so a missing or mistyped key shows up as a failure. */
function translator(dict: Record<string, string>): Translate {
  return (key, values) => {
    const text = dict[key];
    if (text === undefined) throw new Error(`no message ${key}`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`));
  };
}

describe('violation and unassigned texts', () => {
  for (const [lang, dict] of [
    ['en', routesEn],
    ['sv', routesSv],
  ] as const) {
    const t = translator(dict);
    it(`says every violation in ${lang} with its facts filled in`, () => {
      for (const code of VIOLATION_CODES) {
        const text = violationText(
          {
            code,
            message: 'core said so',
            dimension: 'kg',
            amount: 1200,
            limit: 1000,
            minutesOver: 12,
            skill: 'adr',
          },
          t,
        );
        if (code === 'other') expect(text).toBe('core said so');
        else expect(text, code).not.toBe('core said so');
        expect(text, code).not.toMatch(/\{\w+\}/);
      }
      expect(
        violationText({ code: 'capacity', message: '', dimension: 'kg', amount: 1200, limit: 1000 }, t),
      ).toContain('1200');
      expect(violationText({ code: 'late', message: '', minutesOver: 12.4 }, t)).toContain('12');
    });

    it(`says every import row problem in ${lang}, quoting the cell`, () => {
      for (const code of IMPORT_ERROR_CODES) {
        const text = importErrorText(
          { row: 3, column: 'Lat', code, value: '57,8x', message: 'core said so' },
          t,
        );
        expect(text, code).not.toBe('core said so');
        expect(text, code).not.toMatch(/\{\w+\}/);
      }
      expect(importErrorText({ row: 3, code: 'not_a_number', value: 'abc', message: '' }, t)).toContain(
        'abc',
      );
      // Without the value (an older core) or without a code, core's own sentence is shown.
      expect(importErrorText({ row: 3, code: 'bad_time', message: 'core said so' }, t)).toBe('core said so');
      expect(importErrorText({ row: 3, message: 'core said so' }, t)).toBe('core said so');
    });

    it(`says every unassigned reason in ${lang}`, () => {
      for (const reason of UNASSIGNED_CODES) {
        const text = unassignedText({ orderId: 'o', reason, message: 'core said so' }, t);
        expect(text, reason).not.toBe('core said so');
      }
    });
  }
});
