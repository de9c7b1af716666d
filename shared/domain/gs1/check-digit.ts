/**
 * GS1 mod-10 check digits (GTIN, SSCC, GLN): weights 3,1,3,1… from the rightmost data digit.
 * Pure functions on digit strings; a non-digit input yields `null` rather than a throw, so a
 * scanner feeding garbage can never take the caller down.
 */
export function gs1CheckDigit(dataDigits: string): number | null {
  if (dataDigits.length === 0 || !/^\d+$/.test(dataDigits)) return null;
  let sum = 0;
  for (let i = dataDigits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (dataDigits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the correct check digit for the ones before it. */
export function hasValidCheckDigit(digits: string): boolean {
  if (digits.length < 2) return false;
  const expected = gs1CheckDigit(digits.slice(0, -1));
  return expected !== null && expected === digits.charCodeAt(digits.length - 1) - 48;
}

/** Appends the check digit; `null` for non-digit input. */
export function withCheckDigit(dataDigits: string): string | null {
  const check = gs1CheckDigit(dataDigits);
  return check === null ? null : dataDigits + String(check);
}
