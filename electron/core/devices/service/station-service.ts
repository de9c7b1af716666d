import type {
  StationConfig,
  StationRefusal,
  StationRefusalValues,
  StationScanResult,
  ScanRecord,
} from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import { formatHhMm, isoDate, minuteOfDay } from '@shared/domain/time';
import type { Database } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import type { EventBus } from '../../event-bus';
import type { Site } from '../../site';
import type { PrintSpooler } from '../queue/print-spooler';
import { getPrinter, labelSetup, listPrinters } from '../queue/printers-repo';
import { labelForScan } from '../station/label-for-scan';
import type { OrdersForLabels } from '../../routing/port';
import { orderShippingFields } from '../station/order-shipping-fields';
import type { PrintersService } from './printers-service';
import type { ScannersService } from './scanners-service';

const PRINTER_KEY = 'devices.stationPrinterId';
/** Scans already handled, so two open station screens answering the same scan print once. */
const REMEMBER_SCANS = 500;

/**
 * The scan-to-print station: a scan (from the stream, or typed/wedged at the station) becomes the
 * matching label on the station's printer. Every answer says what printed or why nothing did.
 */
export class StationService {
  private readonly handled = new Map<string, Promise<StationScanResult>>();

  constructor(
    private readonly deps: {
      db: Database;
      events: EventBus;
      now: () => number;
      site: Site;
      spooler: PrintSpooler;
      printers: PrintersService;
      scanners: ScannersService;
      /** Route planning's orders, through its port (never its tables). */
      orders: OrdersForLabels;
    },
  ) {}

  async config(): Promise<StationConfig> {
    const id = await this.printerId();
    if (!id) return { printerId: null, printerName: null };
    const printer = await getPrinter(this.deps.db, id).catch(() => null);
    return printer
      ? { printerId: printer.id, printerName: printer.name }
      : { printerId: null, printerName: null };
  }

  async setPrinter(printerId: string | null, actor: string): Promise<StationConfig> {
    await this.deps.db.write(async (tx) => {
      if (printerId === null) {
        await tx.run('DELETE FROM settings WHERE key = ?', [PRINTER_KEY]);
      } else {
        const p = await getPrinter(tx, printerId);
        if (!p.active)
          throw new AppError('conflict', `${p.name} is switched off in Loadstar; activate it first`);
        await tx.run(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
          [PRINTER_KEY, printerId],
        );
      }
      await recordMutation(tx, { name: 'station.setPrinter', args: { printerId }, actor });
    });
    const config = await this.config();
    this.deps.events.emit('station.changed', config);
    return config;
  }

  scan(input: { scanId: string } | { raw: string }, actor: string): Promise<StationScanResult> {
    if (!('scanId' in input)) return this.handle(input, actor);
    const earlier = this.handled.get(input.scanId);
    if (earlier) return earlier;
    const result = this.handle(input, actor);
    this.handled.set(input.scanId, result);
    result.catch(() => this.handled.delete(input.scanId));
    if (this.handled.size > REMEMBER_SCANS) this.handled.delete(this.handled.keys().next().value!);
    return result;
  }

  private async handle(
    input: { scanId: string } | { raw: string },
    actor: string,
  ): Promise<StationScanResult> {
    const scan =
      'scanId' in input
        ? await this.deps.scanners.find(input.scanId)
        : await this.deps.scanners.submit(input.raw, 'station', 'Station entry');
    if (!scan) throw new AppError('not_found', 'That scan is no longer in the scan history. Scan again.');
    const printerId = await this.effectivePrinter();
    if (!printerId)
      return refuse(scan, 'no_printer', 'No station printer is chosen: choose one in the station settings.');
    let printer;
    try {
      printer = await this.deps.printers.usable(printerId);
    } catch (err) {
      const name = await getPrinter(this.deps.db, printerId).then((p) => p.name, () => undefined);
      return refuse(scan, 'printer_unusable', (err as Error).message, name ? { printer: name } : {});
    }
    const result = await labelForScan(await this.asAppointment(scan), {
      setup: labelSetup(printer),
      companyName: this.deps.site.name,
      appointment: (ref) => this.gatePassFields(ref),
      order: (ref) => orderShippingFields(this.deps.orders, this.deps.site, ref, this.deps.now()),
    });
    if (!result.ok) return refuse(scan, result.reason, result.message, result.values);
    const job = await this.deps.spooler.enqueue({
      printerId: printer.id,
      actor,
      title: result.title,
      zpl: result.zpl,
      template: result.template,
    });
    const runtime = this.deps.printers.runtime(printer.id);
    const note =
      runtime.activity === 'held' || runtime.activity === 'offline'
        ? ` It waits in the queue: ${printer.name} reports ${runtime.reason ?? runtime.activity}.`
        : '';
    return {
      ok: true,
      message: `${result.title} → ${printer.name}.${note}`,
      scan,
      printed: {
        jobId: job.id,
        template: result.template,
        title: result.title,
        printerId: printer.id,
        printerName: printer.name,
      },
    };
  }

  private async printerId(): Promise<string | null> {
    const row = await this.deps.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
      PRINTER_KEY,
    ]);
    return row?.value ?? null;
  }

  /** The chosen printer, or the only active one when none was chosen. */
  private async effectivePrinter(): Promise<string | null> {
    const chosen = await this.printerId();
    if (chosen) return chosen;
    const active = (await listPrinters(this.deps.db)).filter((p) => p.active);
    return active.length === 1 ? active[0]!.id : null;
  }

  /** A scanned appointment reference (e.g. "PO-48213") prints that appointment's gate pass. */
  private async asAppointment(scan: ScanRecord): Promise<ScanRecord> {
    const raw = scan.raw.trim();
    if (scan.ais || /^(?:loadstar:appointment:)?APT-/i.test(raw) || raw.length > 60) return scan;
    const hit = await this.deps.db.get(
      `SELECT 1 FROM appointments WHERE reference = ? COLLATE NOCASE AND status = 'booked' LIMIT 1`,
      [raw],
    );
    return hit ? { ...scan, raw: `APT-${raw}` } : scan;
  }

  private async gatePassFields(ref: string): Promise<Record<string, string> | null> {
    const key = ref.replace(/^APT-/i, '');
    const row = await this.deps.db.get<{
      reference: string;
      start_at: number;
      end_at: number;
      carrier: string;
      door: string;
    }>(
      `SELECT a.reference, a.start_at, a.end_at, c.name AS carrier, d.name AS door
       FROM appointments a JOIN carriers c ON c.id = a.carrier_id JOIN doors d ON d.id = a.door_id
       WHERE (a.id = ? OR a.reference = ? COLLATE NOCASE) AND a.status = 'booked'
       ORDER BY a.start_at DESC LIMIT 1`,
      [key, key],
    );
    if (!row) return null;
    const tz = this.deps.site.timeZone;
    const hhmm = (ms: number) => formatHhMm(minuteOfDay(ms, tz));
    return {
      site: this.deps.site.name,
      appointmentRef: row.reference,
      carrier: row.carrier,
      door: row.door,
      window: `${isoDate(row.start_at, tz)} ${hhmm(row.start_at)}–${hhmm(row.end_at)}`,
      qrPayload: `loadstar:appointment:APT-${row.reference}`,
    };
  }
}

function refuse(
  scan: ScanRecord,
  reason: StationRefusal,
  message: string,
  reasonValues: StationRefusalValues = {},
): StationScanResult {
  return { ok: false, message, reason, reasonValues, scan, printed: null };
}
