import type { Symbology } from '../domain/gs1/aim';
import type { Gs1Element } from '../domain/gs1/parse';

/** The devices domain's values as the commands answer them (see devices.ts for the commands). */

// ---------- printers ----------

export const PRINTER_DPIS = [203, 300, 600] as const;
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const JOB_STATES = ['queued', 'sending', 'printed', 'failed', 'cancelled', 'uncertain'] as const;
export const MAX_COPIES = 500;
export const MAX_BATCH_LABELS = 5000;

export type PrinterDpi = (typeof PRINTER_DPIS)[number];
export type JobState = (typeof JOB_STATES)[number];

export type PrinterTransport =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  /** A USB (or other) character device such as /dev/usb/lp0. */
  | { kind: 'device'; path: string }
  /** A raw CUPS queue, printed with `lp -o raw`. */
  | { kind: 'cups'; queue: string };

/** Parsed `~HS` (or `~HQES`) reply. */
export interface PrinterStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  bufferFull: boolean;
  labelsRemaining: number | null;
  formatsInBuffer: number | null;
  /** Every error condition in plain words. */
  errors: string[];
  warnings: string[];
  source: '~HS' | '~HQES';
}

export type PrinterActivity = 'idle' | 'printing' | 'held' | 'offline' | 'error';

/** What a printer and its queue are doing, as last seen. */
export interface PrinterRuntime {
  printerId: string;
  activity: PrinterActivity;
  /** Why the queue is held / offline, in words an operator can act on. */
  reason: string | null;
  /** Null until polled, or when the link cannot report status (device file, CUPS). */
  status: PrinterStatus | null;
  at: number;
}

export interface Printer {
  id: string;
  name: string;
  transport: PrinterTransport;
  /** "tcp 127.0.0.1:9100", "serial /dev/ttyUSB0 @9600", … */
  transportLabel: string;
  dpi: PrinterDpi;
  labelWidthMm: number;
  labelHeightMm: number;
  /** Template id per use, e.g. `{ default: 'shipping' }`. `default` is what test print / station use. */
  defaultTemplates: Record<string, string>;
  active: boolean;
  /** Drives a simulator of simulated-devices mode, not hardware. */
  simulated: boolean;
  runtime: PrinterRuntime;
  /** Jobs still queued or being sent. */
  pending: number;
}

/**
 * Why a job failed / is uncertain / went back to the queue, as a closed set the UI phrases
 * (`reason` keeps core's English words): `connection_lost` = the link broke after data was sent,
 * `interrupted` = Loadstar stopped mid-send, `printer_refused` = the print system refused it,
 * `not_sent` = nothing reached the printer (retried), `cancelled` = cancelled in Loadstar.
 */
export const JOB_REASONS = [
  'connection_lost',
  'interrupted',
  'printer_refused',
  'not_sent',
  'cancelled',
] as const;
export type JobReason = (typeof JOB_REASONS)[number];

export interface PrintJob {
  id: string;
  seq: number;
  printerId: string;
  batchId: string | null;
  template: string | null;
  title: string;
  state: JobState;
  /** Why it failed / is uncertain / was cancelled / was put back in the queue (English). */
  reason: string | null;
  /** The same as a code; null for jobs from before codes existed, or without a reason. */
  reasonCode?: JobReason | null;
  attempts: number;
  /** The job this one reprints. */
  reprintOf: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  finishedAt: number | null;
}

export interface BatchProgress {
  batchId: string;
  printerId: string;
  title: string;
  total: number;
  counts: Record<JobState, number>;
  /** No job of the batch is still queued or being sent. */
  done: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** One line for the operator: what works or what to fix. */
  message: string;
  model: string | null;
  firmware: string | null;
  status: PrinterStatus | null;
  reachable: boolean;
}

export interface LabelTemplateInfo {
  id: string;
  title: string;
  designSize: { widthMm: number; heightMm: number };
  fields: Array<{ key: string; label: string; required: boolean; maxLength: number; multiline: boolean }>;
}

export interface LabelPreview {
  /** `data:image/png;base64,…`, one per label in the ZPL (usually one). */
  images: string[];
  widthMm: number;
  heightMm: number;
  dpi: PrinterDpi;
  /** The ZPL that was rendered (escaped field data included), for the "show ZPL" toggle. */
  zpl: string;
}

export interface JobPage {
  jobs: PrintJob[];
  /** Pass as `beforeSeq` for the next (older) page; null when there is none. */
  nextBeforeSeq: number | null;
}

// ---------- scanners ----------

export type ScannerFraming = 'cr' | 'crlf';

export interface ScannerStatus {
  scannerId: string;
  state: 'connecting' | 'connected' | 'disconnected' | 'stopped' | 'unavailable';
  reason: string | null;
}

export interface Scanner {
  id: string;
  name: string;
  path: string;
  baudRate: number;
  framing: ScannerFraming;
  /** Stripped from the start of each scan; '' for none. A scan without it is rejected. */
  prefix: string;
  /** Text the scanner sends for GS (FNC1), replaced by U+001D; '' for none. */
  gsPlaceholder: string;
  active: boolean;
  simulated: boolean;
  status: ScannerStatus;
}

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  /** `udev`: SerialPort.list(); `dev-scan`: the /dev/tty* fallback where udev is missing. */
  source: 'udev' | 'dev-scan';
}

/** One scan of the single scan stream (serial scanner, keyboard wedge, simulator). */
export interface ScanRecord {
  id: string;
  /** Scanner id, `wedge` or `sim`. */
  source: string;
  /** The scanner's name, "Keyboard scanner", … */
  sourceName: string;
  symbology: Symbology;
  aim: string | null;
  /** As scanned, AIM identifier removed, GS kept as U+001D. */
  raw: string;
  ais: Gs1Element[] | null;
  gs1Error: string | null;
  at: number;
}

/** A serial line that was refused (garbage, overlong): the scanner keeps working. */
export interface ScanRejection {
  scannerId: string;
  message: string;
  at: number;
}

export interface WedgeSettings {
  prefix: string;
  gsPlaceholder: string;
  suffix: 'Enter' | 'Tab';
}

// ---------- dock I/O ----------

export type LightColour = 'green' | 'red' | 'off';

export interface DoorLights {
  insideGreen: boolean;
  insideRed: boolean;
  outsideGreen: boolean;
  outsideRed: boolean;
}

/** What a door's I/O module reports about it: the interlock rules decide on these. */
export interface DoorInputs {
  doorOpen: boolean;
  doorClosed: boolean;
  trailerPresent: boolean;
  restraintEngaged: boolean;
  levelerStored: boolean;
  fault: boolean;
}

export interface DoorIo extends DoorInputs {
  doorId: string;
  doorName: string;
  moduleId: string;
  moduleName: string;
  /** `device_offline`: module unreachable; `device_error`: it answers but not for this door. */
  health: 'ok' | 'device_offline' | 'device_error';
  reason: string | null;
  /** Panel in override mode: interlocks may be bypassed, every bypass is logged. */
  override: boolean;
  lights: DoorLights;
  simulated: boolean;
  at: number;
}

export type IoModuleTransport =
  { kind: 'tcp'; host: string; port: number } | { kind: 'rtu'; path: string; baudRate: number };

/** A Modbus I/O module and the doors wired to it (default register map per door). */
export interface IoModule {
  id: string;
  name: string;
  transport: IoModuleTransport;
  /** "Modbus TCP 10.0.0.9:502", "Modbus RTU /dev/ttyUSB1 @19200" */
  transportLabel: string;
  pollMs: number;
  simulated: boolean;
  doorIds: string[];
}

export interface DoorCommandResult {
  door: DoorIo;
  /** True when a safety rule was bypassed under override (it was logged). */
  overridden: boolean;
}

/** Which dock safety rule refused a door command (closed set, phrased by the UI). */
export const INTERLOCK_REASONS = [
  'restraint_not_engaged',
  'green_needs_restraint',
  'leveler_not_stored',
  'door_not_closed',
  'fault',
] as const;
export type InterlockReason = (typeof INTERLOCK_REASONS)[number];

/** `AppError.details` of a `conflict` from setLights / setRestraint / setDoor refused by an interlock. */
export interface InterlockRefusalDetails {
  reason: InterlockReason;
  doorId: string;
  /** The door's name as the operator knows it. */
  door: string;
}

// ---------- simulated mode, overview, station ----------

export interface SimulatedPrinterState {
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  ribbonOut: boolean;
  offline: boolean;
  slow: boolean;
  /** One-shot: the next job's connection is reset after its bytes arrive (the job ends `uncertain`). */
  cutNextJob: boolean;
}

export interface SimulatedDevices {
  printer: { address: string; jobDir: string; state: SimulatedPrinterState; labelsPrinted: number } | null;
  dock: { address: string; doors: number } | null;
  /** Null with `scannerProblem` set when the pty could not be made (e.g. socat missing). */
  scanner: { path: string } | null;
  scannerProblem: string | null;
}

export interface DevicesOverview {
  /** Null: real hardware only. Set: the app runs on in-process simulators (say so clearly). */
  simulated: SimulatedDevices | null;
  printers: Printer[];
  scanners: Scanner[];
  doors: DoorIo[];
  stationPrinterId: string | null;
}

export interface StationConfig {
  printerId: string | null;
  printerName: string | null;
}

/** Why a station scan printed nothing: a closed set the UI phrases in the operator's language. */
export const STATION_REFUSALS = [
  'no_printer',
  'printer_unusable',
  'invalid_barcode',
  'unknown_code',
  'appointment_not_found',
  'order_not_found',
  'gs1_nothing_to_print',
  'order_no_address',
  'order_reference_too_long',
  'no_depot_address',
] as const;
export type StationRefusal = (typeof STATION_REFUSALS)[number];

/** The values a refusal's phrase needs (the scanned reference, the printer, the GS1 AI). */
export interface StationRefusalValues {
  code?: string;
  printer?: string;
  ai?: string;
}

export interface StationScanResult {
  ok: boolean;
  /** Large one-line message (English): what printed, or why nothing did. */
  message: string;
  /** Set when nothing printed; `message` is the English fallback for codes the UI does not know. */
  reason?: StationRefusal;
  reasonValues?: StationRefusalValues;
  scan: ScanRecord;
  printed: {
    jobId: string;
    template: string;
    title: string;
    printerId: string;
    printerName: string;
  } | null;
}

// ---------- SSCC numbering ----------

/**
 * Where pallet-label SSCCs come from: extension digit + GS1 company prefix + serial reference +
 * check digit. `companyPrefix` is null until an admin sets it; pallet labels without an SSCC
 * are refused until then.
 */
export interface SsccSettings {
  companyPrefix: string | null;
  /** 0–9. */
  extension: number;
  /** Serial reference the next pallet label gets. */
  nextSerial: number;
  /** Largest serial reference the prefix leaves room for (10^(16 − prefix length) − 1). */
  maxSerial: number;
  /** SSCCs left before this prefix and extension are used up. */
  remaining: number;
  /** The SSCC the next pallet label gets; null when no prefix is set or none is left. */
  nextSscc: string | null;
}
