import { withCheckDigit } from './check-digit';

export interface SsccParts {
  /** 0–9, chosen by the company to widen its serial range. */
  extension: number;
  /** The GS1 company prefix, 6–12 digits, as licensed (leading zeros matter). */
  companyPrefix: string;
  /** Serial reference; must fit in the 16 − prefix length digits left over. */
  serial: number;
}

export type SsccResult = { ok: true; sscc: string } | { ok: false; reason: string };

/** Largest serial reference that fits for a company prefix (9 999 999 999 for a 6-digit prefix…). */
export function maxSsccSerial(companyPrefix: string): number {
  return 10 ** (16 - companyPrefix.length) - 1;
}

/**
 * SSCC = extension digit + company prefix + serial reference (17 digits together) + check digit.
 * Returns a reason instead of throwing: the caller turns it into an operator-facing error.
 */
export function buildSscc(parts: SsccParts): SsccResult {
  const { extension, companyPrefix, serial } = parts;
  if (!Number.isInteger(extension) || extension < 0 || extension > 9) {
    return { ok: false, reason: `SSCC extension digit must be 0–9, got ${String(extension)}` };
  }
  if (!/^\d{6,12}$/.test(companyPrefix)) {
    return { ok: false, reason: `GS1 company prefix must be 6 to 12 digits, got "${companyPrefix}"` };
  }
  const max = maxSsccSerial(companyPrefix);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > max) {
    return {
      ok: false,
      reason: `SSCC serial ${String(serial)} does not fit after company prefix ${companyPrefix} (0–${max}); use another extension digit`,
    };
  }
  const body = `${extension}${companyPrefix}${String(serial).padStart(16 - companyPrefix.length, '0')}`;
  return { ok: true, sscc: withCheckDigit(body) ?? body };
}
