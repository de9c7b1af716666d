import { splitAim, type Symbology } from './aim';
import { parseGs1, type Gs1Element } from './parse';

/** The one shape every scanner (serial, keyboard wedge, simulator) delivers to the app. */
export interface ScanEvent {
  /** Which scanner: a configured scanner id, `wedge`, or `sim:…`. */
  source: string;
  symbology: Symbology;
  /** AIM identifier as received, if any. */
  aim: string | null;
  /** The payload exactly as scanned, AIM identifier removed (GS kept as U+001D). */
  raw: string;
  /** Parsed AIs when the payload is a valid GS1 element string, else null. */
  ais: Gs1Element[] | null;
  /** Why a payload the symbology marked as GS1 did not parse; null otherwise. */
  gs1Error: string | null;
  /** Epoch milliseconds when the scan was complete. */
  at: number;
}

/**
 * Builds a scan event. With an AIM identifier saying GS1 the payload must parse, and a failure is
 * reported in `gs1Error`; without one, GS1 parsing is tried and kept only when it succeeds, so a
 * plain order number is not flagged as "bad GS1".
 */
export function toScanEvent(source: string, scanned: string, at: number, referenceYear?: number): ScanEvent {
  const { aim, symbology, gs1, data } = splitAim(scanned);
  const options = referenceYear === undefined ? {} : { referenceYear };
  const looksGs1 = gs1 || data.includes('\u001d') || data.startsWith('(');
  const parsed = looksGs1 || /^\d{16,}$/.test(data) ? parseGs1(data, options) : null;
  return {
    source,
    symbology,
    aim,
    raw: data,
    ais: parsed?.ok ? parsed.elements : null,
    gs1Error: parsed && !parsed.ok && looksGs1 ? parsed.reason : null,
    at,
  };
}
