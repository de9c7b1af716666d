/**
 * The device layer's public surface for services and the command router. Simulators live in
 * `./sim` and are imported directly by tests, `npm run sim` and demo mode.
 */
export { DockModule, type DockEvents, type DockModuleConfig, type DoorIoState } from './dock/dock-module';
export { checkDoorCommand, lightsForRestraint, type DoorCommand, type DoorInputs } from './dock/interlock';
export { describeModbus, type ModbusTransport } from './dock/modbus-link';
export { defaultDoorMap, validateDoorMap, type DoorRegisterMap } from './dock/register-map';
export {
  PrintSpooler,
  type LabelInput,
  type SpoolerEvents,
  type SpoolerOptions,
} from './queue/print-spooler';
export type { BatchProgress, JobState, PrintJob } from './queue/print-jobs-repo';
export type { PrinterActivity, PrinterRuntime } from './queue/printer-worker';
export {
  getPrinter,
  insertPrinter,
  labelSetup,
  listPrinters,
  validateTransport,
  type PrinterConfig,
} from './queue/printers-repo';
export { allocateSscc } from './queue/sscc-counter';
export { listSerialPorts, type SerialPortEntry } from './scanner/list-ports';
export {
  SerialScanner,
  type ScannerEvents,
  type ScannerStatus,
  type SerialScannerConfig,
} from './scanner/serial-scanner';
export { labelForScan, type StationContext, type StationResult } from './station/label-for-scan';
export { openTransport } from './transport/open-transport';
export type { Transport, TransportConfig } from './transport/transport';
export type { PrinterInfo, PrinterStatus } from './zebra/status-parse';
export {
  testPrinterConnection,
  ZebraPrinter,
  type ConnectionTest,
  type PrintOutcome,
  type StatusReport,
} from './zebra/zebra-printer';
