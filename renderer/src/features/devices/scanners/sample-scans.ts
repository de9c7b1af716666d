import { withCheckDigit } from '@shared/domain/gs1';

const GS = '\u001d';

/**
 * Scans to try in simulated mode: what pallets, cartons and gate passes carry, and the bad data
 * operators meet (a misprinted check digit, an AI nobody knows). Built, not hard-coded, so the
 * SSCC always has a valid check digit.
 */
export function sampleScans(appointmentRef: string | null): { key: SampleKey; data: string }[] {
  const sscc = withCheckDigit('00735000000000421')!;
  const gtin = withCheckDigit('0735000012345')!;
  const badSscc = sscc.slice(0, -1) + String((Number(sscc.slice(-1)) + 1) % 10);
  return [
    { key: 'sscc', data: `]C100${sscc}${GS}3712` },
    { key: 'carton', data: `]C101${gtin}10LOT-42${GS}15271231` },
    ...(appointmentRef
      ? [{ key: 'appointment' as const, data: `]Q1loadstar:appointment:APT-${appointmentRef}` }]
      : []),
    { key: 'badCheck', data: `]C100${badSscc}` },
    { key: 'unknownAi', data: `]C1991234` },
  ];
}

export type SampleKey = 'sscc' | 'carton' | 'appointment' | 'badCheck' | 'unknownAi';
