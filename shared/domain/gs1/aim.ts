/**
 * AIM symbology identifiers (`]cm`) that scanners prepend when configured to. They tell us the
 * symbology and, crucially, whether the data is a GS1 element string (the symbol began with FNC1).
 */
export type Symbology =
  | 'code128'
  | 'gs1-128'
  | 'datamatrix'
  | 'gs1-datamatrix'
  | 'qr'
  | 'gs1-qr'
  | 'gs1-databar'
  | 'ean-13'
  | 'ean-8'
  | 'unknown';

export interface AimInfo {
  /** The identifier as received, e.g. `]C1`; null when the scan had none. */
  aim: string | null;
  symbology: Symbology;
  /** True when the identifier says the payload is a GS1 element string. */
  gs1: boolean;
  /** The payload with the identifier removed. */
  data: string;
}

const KNOWN: Readonly<Record<string, { symbology: Symbology; gs1: boolean }>> = {
  ']C0': { symbology: 'code128', gs1: false },
  ']C1': { symbology: 'gs1-128', gs1: true },
  ']d1': { symbology: 'datamatrix', gs1: false },
  ']d2': { symbology: 'gs1-datamatrix', gs1: true },
  ']Q1': { symbology: 'qr', gs1: false },
  ']Q3': { symbology: 'gs1-qr', gs1: true },
  ']e0': { symbology: 'gs1-databar', gs1: true },
  ']E0': { symbology: 'ean-13', gs1: false },
  ']E4': { symbology: 'ean-8', gs1: false },
};

/** Splits an AIM identifier off a scan. Unknown identifiers are kept (symbology `unknown`). */
export function splitAim(raw: string): AimInfo {
  if (raw.length >= 3 && raw[0] === ']' && /^[A-Za-z][0-9A-Za-z]$/.test(raw.slice(1, 3))) {
    const aim = raw.slice(0, 3);
    const known = KNOWN[aim];
    return { aim, symbology: known?.symbology ?? 'unknown', gs1: known?.gs1 ?? false, data: raw.slice(3) };
  }
  return { aim: null, symbology: 'unknown', gs1: false, data: raw };
}
