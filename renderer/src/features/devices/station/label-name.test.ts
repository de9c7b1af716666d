import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../lib/i18n';
import { sv } from '../../../lib/i18n/sv';
import { stationLabelName } from './label-name';

const t: Translate = (key, values) =>
  sv[key].replace(/\{(\w+)\}/g, (_, n: string) => String(values?.[n] ?? ''));
const printed = (template: string, title: string) => ({
  jobId: 'j',
  template,
  title,
  printerId: 'p',
  printerName: 'P',
});

describe('stationLabelName', () => {
  it('names station labels in the operator language, keeping the subject', () => {
    expect(stationLabelName(printed('sscc-pallet', 'Pallet 007350000000004214'), t)).toBe(
      'Pall 007350000000004214',
    );
    expect(stationLabelName(printed('gate-pass', 'Gate pass APT-PO-1'), t)).toBe('Grindpass APT-PO-1');
    expect(stationLabelName(printed('shipping', 'Shipping SO-1'), t)).toBe('Fraktsedel SO-1');
  });
  it('keeps a title it does not recognise as it is', () => {
    expect(stationLabelName(printed('door-label', 'Door D01'), t)).toBe('Door D01');
    expect(stationLabelName(printed('sscc-pallet', 'Custom title'), t)).toBe('Custom title');
  });
});
