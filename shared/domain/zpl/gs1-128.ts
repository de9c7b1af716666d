import { AppError } from '../../contract/errors';
import { encodeGs1, GS, parseGs1 } from '../gs1';

export interface Gs1ElementInput {
  ai: string;
  value: string;
}

/** Zebra `^BC` invocation codes (mode N). */
const START_C_FNC1 = '>;>8';
const FNC1 = '>8';
const TO_B = '>6';
const TO_C = '>5';

/**
 * Validates GS1 elements with the same parser scans go through, so we never print a symbol we
 * would reject when scanning it back. Throws `invalid_input` naming the bad field.
 */
export function validateGs1Elements(elements: readonly Gs1ElementInput[]): void {
  if (elements.length === 0)
    throw new AppError('invalid_input', 'A GS1-128 barcode needs at least one element');
  const parsed = parseGs1(encodeGs1(elements));
  if (!parsed.ok)
    throw new AppError('invalid_input', `Cannot print this GS1 barcode: ${parsed.reason}`, { elements });
  const roundTrip = parsed.elements.map((e) => e.ai).join(',');
  if (roundTrip !== elements.map((e) => e.ai).join(',')) {
    throw new AppError('invalid_input', 'Cannot print this GS1 barcode: a value contains another AI', {
      elements,
    });
  }
}

/**
 * Builds `^BC` field data: start C + FNC1, digit pairs in subset C, `>6` to subset B for letters
 * or an odd digit, `>5` back to C for runs of 4+ digits, and `>8` (FNC1) after each
 * variable-length field that is not last. Returns the data (unescaped) and its symbol count.
 */
export function gs1_128Data(elements: readonly Gs1ElementInput[]): { data: string; symbols: number } {
  validateGs1Elements(elements);
  // Tokens: each character, with GS standing for FNC1.
  const stream = encodeGs1(elements);
  let out = START_C_FNC1;
  let symbols = 2;
  let mode: 'B' | 'C' = 'C';
  let i = 0;
  const digitRun = (from: number): number => {
    let n = 0;
    while (from + n < stream.length && /\d/.test(stream[from + n] ?? '')) n++;
    return n;
  };
  while (i < stream.length) {
    const ch = stream[i] ?? '';
    if (ch === GS) {
      out += FNC1;
      symbols++;
      i++;
      continue;
    }
    const run = digitRun(i);
    if (mode === 'C') {
      if (run >= 2) {
        out += stream.slice(i, i + 2);
        symbols++;
        i += 2;
        continue;
      }
      out += TO_B;
      symbols++;
      mode = 'B';
      continue;
    }
    // Mode B: go back to C for an even run of 4+ digits (odd runs send their first digit in B).
    if (run >= 4 && run % 2 === 0) {
      out += TO_C;
      symbols++;
      mode = 'C';
      continue;
    }
    out += ch === '>' ? '><' : ch;
    symbols++;
    i++;
  }
  // Check symbol and stop are added by the printer.
  return { data: out, symbols: symbols + 2 };
}

/** Human-readable line under the barcode: `(00) 123456789012345675 (10) LOT1`. */
export function gs1HumanReadable(elements: readonly Gs1ElementInput[]): string {
  return elements.map((e) => `(${e.ai}) ${e.value}`).join(' ');
}
