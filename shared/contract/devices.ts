import { z } from 'zod';
import { ADMINS, boundedRecord, command, event, mutation, whileLocked, withinFrame } from './define';
import {
  BAUD_RATES,
  JOB_STATES,
  MAX_COPIES,
  MAX_BATCH_LABELS,
  type PrinterRuntime,
  type Printer,
  type PrintJob,
  type BatchProgress,
  type ConnectionTestResult,
  type LabelTemplateInfo,
  type LabelPreview,
  type JobPage,
  type ScannerStatus,
  type Scanner,
  type SerialPortInfo,
  type ScanRecord,
  type ScanRejection,
  type WedgeSettings,
  type DoorIo,
  type IoModule,
  type DoorCommandResult,
  type SimulatedPrinterState,
  type DevicesOverview,
  type StationConfig,
  type StationScanResult,
  type SsccSettings,
} from './devices-types';

/**
 * Devices: label printers, scanners, dock I/O and the scan-to-print station. Every command is
 * `devices.*` (or `station.*`) so the pushed `devices.changed` / `station.changed` refresh them.
 */

export * from './devices-types';

// ---------- input schemas ----------

const id = z.string().min(1).max(64);
const name = (what: string) => z.string().trim().min(1, `Give the ${what} a name`).max(60);
const devPath = z
  .string()
  .trim()
  .min(1, 'Give the device path')
  .max(200)
  .refine((p) => !p.split('/').includes('..'), 'A device path may not contain ".."');
const baudRate = z
  .number()
  .int()
  .refine(
    (b) => (BAUD_RATES as readonly number[]).includes(b),
    `Baud rate must be one of ${BAUD_RATES.join(', ')}`,
  );

export const printerTransportSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tcp'),
    host: z
      .string()
      .trim()
      .min(1, 'Give the printer host name or IP address')
      .max(253)
      .regex(/^[\w.:-]+$/, 'Not a host name or IP address'),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.object({ kind: z.literal('serial'), path: devPath, baudRate: baudRate.default(9600) }),
  // Only device nodes: a printer "path" must never let a label be appended to an arbitrary file.
  z.object({
    kind: z.literal('device'),
    path: devPath.refine((p) => p.startsWith('/dev/'), 'A USB printer is a device such as /dev/usb/lp0'),
  }),
  z.object({
    kind: z.literal('cups'),
    queue: z
      .string()
      .trim()
      .min(1, 'Give the CUPS queue name')
      .max(127)
      .regex(/^[\w.@-]+$/, 'Not a valid CUPS queue name'),
  }),
]);

const dpiSchema = z.union([z.literal(203), z.literal(300), z.literal(600)]);

/** Without defaults, so `.partial()` for updates leaves unsent fields alone. */
const printerFields = z.object({
  name: name('printer'),
  transport: printerTransportSchema,
  dpi: dpiSchema,
  labelWidthMm: z
    .number()
    .min(10, 'Labels are at least 10 mm wide')
    .max(220, 'Labels are at most 220 mm wide'),
  labelHeightMm: z
    .number()
    .min(5, 'Labels are at least 5 mm high')
    .max(1000, 'Labels are at most 1000 mm long'),
  defaultTemplates: boundedRecord(z.string().max(40), z.string().max(40), 50),
});
const printerCreate = printerFields.extend({
  dpi: dpiSchema.default(203),
  defaultTemplates: printerFields.shape.defaultTemplates.default({}),
});

/** Field values of a label template; the template checks required fields and lengths. */
const templateFields = boundedRecord(z.string().max(40), z.string().max(2000), 50);

const scannerFields = z.object({
  name: name('scanner'),
  path: devPath,
  baudRate,
  framing: z.enum(['cr', 'crlf']),
  prefix: z.string().max(10),
  gsPlaceholder: z.string().max(10),
});
const scannerCreate = scannerFields.extend({
  baudRate: baudRate.default(9600),
  framing: scannerFields.shape.framing.default('cr'),
  prefix: scannerFields.shape.prefix.default(''),
  gsPlaceholder: scannerFields.shape.gsPlaceholder.default(''),
});

const doorInputNames = z.enum(['doorOpen', 'trailerPresent', 'levelerStored', 'fault']);

const deviceCommands = {
  /** Everything the Devices page shows at once. */
  'devices.overview': command<DevicesOverview>()(z.object({})),
  'devices.listTemplates': command<LabelTemplateInfo[]>()(z.object({})),

  // printers
  'devices.listPrinters': command<Printer[]>()(z.object({ includeInactive: z.boolean().default(false) })),
  'devices.createPrinter': mutation<Printer>()(printerCreate, ADMINS),
  'devices.updatePrinter': mutation<Printer>()(printerFields.partial().extend({ id }), ADMINS),
  'devices.setPrinterActive': mutation<Printer>()(z.object({ id, active: z.boolean() }), ADMINS),
  /** `~HI` model/firmware + status; prints nothing. */
  'devices.testPrinter': command<ConnectionTestResult>()(z.object({ id })),
  /** Queues one small test label. */
  'devices.testPrint': mutation<PrintJob>()(z.object({ id })),
  /** Prints a template: each item `copies` times; all as one batch, in order. */
  'devices.print': mutation<BatchProgress>()(
    withinFrame(
      z.object({
        printerId: id,
        template: z.string().min(1).max(40),
        items: z
          .array(
            z.object({ fields: templateFields, copies: z.number().int().min(1).max(MAX_COPIES).default(1) }),
          )
          .min(1, 'Nothing to print')
          .max(MAX_BATCH_LABELS),
        title: z.string().trim().max(120).optional(),
      }),
      'print the labels in several smaller batches.',
    ),
  ),
  /** Queue and history of one printer, newest first, paged by `beforeSeq`. */
  'devices.listJobs': command<JobPage>()(
    z.object({
      printerId: id,
      states: z.array(z.enum(JOB_STATES)).max(JOB_STATES.length).optional(),
      batchId: id.optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
  ),
  'devices.getBatch': command<BatchProgress>()(z.object({ batchId: id })),
  /** Only a queued job can be cancelled (`conflict` otherwise). */
  'devices.cancelJob': mutation<PrintJob>()(z.object({ jobId: id })),
  /** Cancels every job of the batch not yet sent. */
  'devices.cancelBatch': mutation<BatchProgress>()(z.object({ batchId: id })),
  /** A new job with the same label, linked to the old one (which is never resent). */
  'devices.reprint': mutation<PrintJob>()(z.object({ jobId: id })),
  /** ZPL → PNG of a stored job, or of a template with fields at a printer's (or given) setup. */
  'devices.preview': command<LabelPreview>()(
    z.union([
      z.object({ jobId: id }),
      z.object({
        template: z.string().min(1).max(40),
        fields: templateFields,
        printerId: id.optional(),
        dpi: dpiSchema.optional(),
        labelWidthMm: z.number().min(10).max(220).optional(),
        labelHeightMm: z.number().min(5).max(1000).optional(),
      }),
    ]),
  ),

  // scanners
  'devices.listScanners': command<Scanner[]>()(z.object({ includeInactive: z.boolean().default(false) })),
  'devices.createScanner': mutation<Scanner>()(scannerCreate, ADMINS),
  'devices.updateScanner': mutation<Scanner>()(scannerFields.partial().extend({ id }), ADMINS),
  'devices.setScannerActive': mutation<Scanner>()(z.object({ id, active: z.boolean() }), ADMINS),
  'devices.listSerialPorts': command<SerialPortInfo[]>()(z.object({})),
  /** Newest first. */
  'devices.recentScans': command<ScanRecord[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(50), source: z.string().max(64).optional() }),
  ),
  /** A keyboard-wedge scan from the renderer (prefix already stripped, GS placeholder replaced). */
  'devices.submitScan': mutation<ScanRecord>()(
    z.object({
      raw: z.string().min(1, 'The scan is empty').max(4096, 'A scan is at most 4096 characters'),
      source: z.literal('wedge').default('wedge'),
    }),
  ),
  /** Also while locked: the lock screen reads badge scans through the wedge. */
  'devices.wedgeSettings': whileLocked(command<WedgeSettings>()(z.object({}))),
  'devices.updateWedgeSettings': mutation<WedgeSettings>()(
    z.object({
      prefix: z.string().max(10).optional(),
      gsPlaceholder: z.string().max(10).optional(),
      suffix: z.enum(['Enter', 'Tab']).optional(),
    }),
    ADMINS,
  ),

  // SSCC numbering of pallet labels
  'devices.ssccSettings': command<SsccSettings>()(z.object({})),
  /** Refused (`conflict`) when the prefix/extension has no serials left; the counter is never reset. */
  'devices.updateSsccSettings': mutation<SsccSettings>()(
    z.object({
      companyPrefix: z
        .string()
        .trim()
        .regex(/^\d{6,12}$/, 'A GS1 company prefix is 6 to 12 digits, as GS1 issued it (keep leading zeros)'),
      extension: z
        .number()
        .int('The extension digit is a single digit 0–9')
        .min(0, 'The extension digit is a single digit 0–9')
        .max(9, 'The extension digit is a single digit 0–9')
        .optional(),
    }),
    ADMINS,
  ),

  // dock I/O
  'devices.listDoorIo': command<DoorIo[]>()(z.object({})),
  'devices.listIoModules': command<IoModule[]>()(z.object({})),
  'devices.createIoModule': mutation<IoModule>()(
    z.object({
      name: name('I/O module'),
      transport: z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('tcp'),
          host: z
            .string()
            .trim()
            .min(1, 'Give the module host name or IP address')
            .max(253)
            .regex(/^[\w.:-]+$/, 'Not a host name or IP address'),
          port: z.number().int().min(1).max(65535).default(502),
        }),
        z.object({ kind: z.literal('rtu'), path: devPath, baudRate: baudRate.default(19200) }),
      ]),
      pollMs: z.number().int().min(50, 'Poll at most every 50 ms').max(60_000).default(250),
    }),
    ADMINS,
  ),
  /** Wires a door to a module with the default register map for its unit id (offset shifts addresses). */
  'devices.wireDoor': mutation<IoModule>()(
    z.object({
      doorId: id,
      moduleId: id,
      unitId: z.number().int().min(0).max(247).default(1),
      offset: z.number().int().min(0).max(65000).default(0),
    }),
    ADMINS,
  ),
  'devices.unwireDoor': mutation<{ doorId: string }>()(z.object({ doorId: id }), ADMINS),
  /** Inside green only while the restraint is engaged (unless override). */
  'devices.setLights': mutation<DoorCommandResult>()(
    z.object({
      doorId: id,
      inside: z.enum(['green', 'red', 'off']),
      outside: z.enum(['green', 'red', 'off']),
    }),
  ),
  /** Release only once the door is closed (unless override). */
  'devices.setRestraint': mutation<DoorCommandResult>()(z.object({ doorId: id, engage: z.boolean() })),
  /** Open refused unless the restraint is engaged; close refused unless the leveler is stored (unless override). */
  'devices.setDoor': mutation<DoorCommandResult>()(z.object({ doorId: id, open: z.boolean() })),
  /** Puts the door panel in (or out of) override mode; logged. */
  'devices.setOverride': mutation<DoorIo>()(
    z.object({ doorId: id, override: z.boolean(), reason: z.string().trim().max(200).default('') }),
    ADMINS,
  ),

  // simulated-devices mode only (`unavailable` otherwise)
  'devices.simulatePrinter': mutation<SimulatedPrinterState>()(
    z.object({
      paperOut: z.boolean().optional(),
      headOpen: z.boolean().optional(),
      paused: z.boolean().optional(),
      ribbonOut: z.boolean().optional(),
      offline: z.boolean().optional(),
      slow: z.boolean().optional(),
      cutNextJob: z.boolean().optional(),
    }),
  ),
  /** Types a scan into the simulated serial scanner's pty (GS as U+001D allowed). */
  'devices.simulateScan': mutation<{ written: boolean }>()(z.object({ data: z.string().min(1).max(4096) })),
  /** Flips a simulated door sensor (the restraint follows its coil; the mode follows setOverride). */
  'devices.simulateDoorInput': mutation<DoorIo>()(
    z.object({ doorId: id, input: doorInputNames, value: z.boolean() }),
  ),
};

const stationCommands = {
  /**
   * Scan → the matching label printed on the station's printer. `raw` for a wedge/typed code,
   * or `scanId` of a scan already in the stream. Never throws for a bad barcode: `ok: false`.
   */
  'station.scan': mutation<StationScanResult>()(
    z.union([z.object({ scanId: id }), z.object({ raw: z.string().min(1, 'The scan is empty').max(4096) })]),
  ),
  'station.config': command<StationConfig>()(z.object({})),
  'station.setPrinter': mutation<StationConfig>()(z.object({ printerId: id.nullable() })),
};

/** Both the `devices.*` and the `station.*` commands (index.ts spreads this one object). */
export const devicesCommands = { ...deviceCommands, ...stationCommands };

export const devicesEvents = {
  /** Configuration, queue or device state changed: refetches every `devices.*` query (coalesced). */
  'devices.changed': event<{ printers?: boolean; scanners?: boolean; doors?: boolean; jobs?: boolean }>(),
  'devices.printerStatus': event<PrinterRuntime>(),
  /** A job was created or changed state. */
  'devices.job': event<PrintJob>(),
  'devices.batch': event<BatchProgress>(),
  'devices.scan': event<ScanRecord>(),
  'devices.scanRejected': event<ScanRejection>(),
  'devices.scannerStatus': event<ScannerStatus>(),
  /** A door's inputs, lights, override or health changed. */
  'devices.door': event<DoorIo>(),
  /** Station printer changed. */
  'station.changed': event<StationConfig>(),
};
