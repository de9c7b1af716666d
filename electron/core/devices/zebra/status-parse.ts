/** Pure parsers for Zebra status replies (`~HS`, `~HQES`, `~HI`); byte fixtures test them. */
import type { PrinterStatus } from '@shared/contract/devices-types';

const STX = '\u0002';
const ETX = '\u0003';

export type { PrinterStatus };

/** STX…ETX frames in a reply, without the framing bytes. */
export function frames(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`${STX}([^${STX}${ETX}]*)${ETX}`, 'g');
  for (const m of text.matchAll(re)) out.push(m[1] ?? '');
  return out;
}

export function countFrames(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === ETX) n++;
  return n;
}

function flag(v: string | undefined): boolean {
  return v?.trim() === '1';
}

/** `~HS`: three frames; see protocols.md for the field positions. */
export function parseHostStatus(text: string): PrinterStatus | null {
  const [s1, s2] = frames(text).map((f) => f.split(','));
  if (!s1 || !s2 || s1.length < 12 || s2.length < 9) return null;
  const status: PrinterStatus = {
    paperOut: flag(s1[1]),
    paused: flag(s1[2]),
    bufferFull: flag(s1[5]),
    formatsInBuffer: toInt(s1[4]),
    headOpen: flag(s2[2]),
    ribbonOut: flag(s2[3]),
    labelsRemaining: toInt(s2[8]),
    errors: [],
    warnings: [],
    source: '~HS',
  };
  if (flag(s1[9])) status.errors.push('corrupt RAM');
  if (flag(s1[10])) status.warnings.push('under temperature');
  if (flag(s1[11])) status.errors.push('over temperature');
  return describe(status);
}

const ERROR_BITS: ReadonlyArray<[number, string]> = [
  [0x1, 'media out'],
  [0x2, 'ribbon out'],
  [0x4, 'head open'],
  [0x8, 'cutter fault'],
  [0x10, 'head over temperature'],
  [0x20, 'motor over temperature'],
  [0x40, 'bad head element'],
  [0x80, 'head detection error'],
  [0x100, 'invalid firmware configuration'],
  [0x200, 'thermistor open'],
  [0x10000, 'paused'],
];
const WARNING_BITS: ReadonlyArray<[number, string]> = [
  [0x1, 'calibrate media'],
  [0x2, 'clean print head'],
  [0x4, 'replace print head'],
  [0x8, 'paper near end'],
];
// Whitespace varies between firmware versions, hence the loose regex.
const HQES =
  /ERRORS:\s*([01])\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})[\s\S]*?WARNINGS:\s*([01])\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})/;

/** `~HQES`: error/warning groups as hex bit masks. */
export function parseExtendedStatus(text: string): PrinterStatus | null {
  const m = HQES.exec(text);
  if (!m) return null;
  const errors = parseInt(m[3] ?? '0', 16);
  const warnings = parseInt(m[6] ?? '0', 16);
  const status: PrinterStatus = {
    paperOut: (errors & 0x1) !== 0,
    ribbonOut: (errors & 0x2) !== 0,
    headOpen: (errors & 0x4) !== 0,
    paused: (errors & 0x10000) !== 0,
    bufferFull: false,
    labelsRemaining: null,
    formatsInBuffer: null,
    errors: ERROR_BITS.filter(([bit]) => (errors & bit) !== 0 && ![0x1, 0x2, 0x4, 0x10000].includes(bit)).map(
      ([, t]) => t,
    ),
    warnings: WARNING_BITS.filter(([bit]) => (warnings & bit) !== 0).map(([, t]) => t),
    source: '~HQES',
  };
  return describe(status);
}

export interface PrinterInfo {
  model: string;
  firmware: string;
  dotsPerMm: number | null;
  memoryBytes: number | null;
}

/** `~HI`: `ZD420-203dpi ZPL,V93.20.15Z,8,4194304`. */
export function parseHostIdentification(text: string): PrinterInfo | null {
  const body = frames(text)[0];
  if (body === undefined) return null;
  const [model, firmware, dpmm, memory] = body.split(',').map((s) => s.trim());
  if (!model || !firmware) return null;
  return { model, firmware, dotsPerMm: toInt(dpmm), memoryBytes: toInt(memory) };
}

/** Adds the named conditions to `errors` so the UI has one list of reasons. */
function describe(status: PrinterStatus): PrinterStatus {
  const named: Array<[boolean, string]> = [
    [status.paperOut, 'paper out'],
    [status.ribbonOut, 'ribbon out'],
    [status.headOpen, 'head open'],
    [status.paused, 'paused'],
    [status.bufferFull, 'receive buffer full'],
  ];
  status.errors.unshift(...named.filter(([on]) => on).map(([, t]) => t));
  return status;
}

/** Conditions that make sending pointless until someone fixes the printer (or it catches up). */
export function holdReason(status: PrinterStatus): string | null {
  if (status.paperOut) return 'paper out: load labels';
  if (status.ribbonOut) return 'ribbon out: load a ribbon';
  if (status.headOpen) return 'print head open: close the head';
  if (status.paused) return 'paused: press pause on the printer to resume';
  if (status.bufferFull) return 'receive buffer full: waiting for the printer to catch up';
  const hard = status.errors.find(
    (e) => !['paper out', 'ribbon out', 'head open', 'paused', 'receive buffer full'].includes(e),
  );
  return hard ? `${hard}: check the printer` : null;
}

function toInt(v: string | undefined): number | null {
  const n = Number.parseInt((v ?? '').trim(), 10);
  return Number.isFinite(n) ? n : null;
}
