import { toScanEvent, type Gs1Element } from '@shared/domain/gs1';

export interface ScannedCodes {
  sscc?: string;
  gtin?: string;
  lot?: string;
}

/** What a scan says about a pallet: its SSCC (AI 00), GTIN (01) and lot (10); a bare 18-digit code is an SSCC. */
export function codesOf(ais: Gs1Element[] | null, raw: string): ScannedCodes {
  if (!ais) return /^\d{18}$/.test(raw) ? { sscc: raw } : {};
  const get = (ai: string) => ais.find((e) => e.ai === ai)?.value;
  const out: ScannedCodes = {};
  const sscc = get('00');
  const gtin = get('01') ?? get('02');
  const lot = get('10');
  if (sscc) out.sscc = sscc;
  if (gtin) out.gtin = gtin.replace(/^0+(?=\d{8,14}$)/, '').padStart(8, '0');
  if (lot) out.lot = lot;
  return out;
}

export function codesOfText(source: string, text: string): ScannedCodes {
  const scan = toScanEvent(source, text, Date.now());
  return codesOf(scan.ais, scan.raw);
}
