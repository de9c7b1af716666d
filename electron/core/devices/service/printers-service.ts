import type {
  ConnectionTestResult,
  Printer,
  PrinterRuntime,
  PrinterTransport,
} from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import type { Database } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import type { EventBus } from '../../event-bus';
import type { Logger } from '../../log';
import { pendingCounts } from '../queue/print-jobs-repo';
import type { PrintSpooler } from '../queue/print-spooler';
import {
  getPrinter,
  insertPrinter,
  listPrinters,
  updatePrinter,
  type PrinterConfig,
  type PrinterFields,
} from '../queue/printers-repo';
import { describeTransport } from '../transport/transport';
import { holdReason } from '../zebra/status-parse';
import { testPrinterConnection, ZebraPrinter, type StatusReport } from '../zebra/zebra-printer';
import type { ChangeNotifier } from './change-notifier';

export interface PrintersServiceDeps {
  db: Database;
  events: EventBus;
  logger: Logger;
  spooler: PrintSpooler;
  notifier: ChangeNotifier;
  now: () => number;
  /** Status poll interval for printers in use; also how often "in use" is re-checked. */
  pollMs?: number;
  queryTimeoutMs?: number;
}

/** A printer counts as in use (and is polled) this long after its last job or its last view. */
const IN_USE_MS = 5 * 60_000;

/**
 * Printer configuration (with its outbox mutations) and live status: the spooler's workers report
 * while they print or hold; between jobs, printers in use are polled with `~HS` here.
 */
export class PrintersService {
  private readonly runtimes = new Map<string, PrinterRuntime>();
  private readonly lastUse = new Map<string, number>();
  private readonly polling = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: PrintersServiceDeps) {
    deps.spooler.on('printer', (r) => this.setRuntime(r));
    deps.spooler.on('job', (job) => this.lastUse.set(job.printerId, deps.now()));
  }

  start(): void {
    const pollMs = this.deps.pollMs ?? 3000;
    this.timer = setInterval(() => void this.pollInUse(), pollMs);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async list(includeInactive: boolean): Promise<Printer[]> {
    const [configs, pending] = await Promise.all([listPrinters(this.deps.db), pendingCounts(this.deps.db)]);
    const now = this.deps.now();
    const shown = configs.filter((p) => includeInactive || p.active);
    // Someone is looking at these printers: keep their status fresh for a while.
    for (const p of shown)
      this.lastUse.set(p.id, Math.max(this.lastUse.get(p.id) ?? 0, now - IN_USE_MS + 60_000));
    return shown.map((p) => this.view(p, pending.get(p.id) ?? 0));
  }

  async get(id: string): Promise<Printer> {
    const config = await getPrinter(this.deps.db, id);
    const pending = await pendingCounts(this.deps.db);
    return this.view(config, pending.get(id) ?? 0);
  }

  async create(input: PrinterFields, actor: string): Promise<Printer> {
    const created = await this.deps.db.write(async (tx) => {
      const p = await insertPrinter(tx, input, this.deps.now());
      await recordMutation(tx, { name: 'devices.createPrinter', args: { ...input, id: p.id }, actor });
      return p;
    });
    this.deps.notifier.notify('printers');
    void this.refresh(created.id);
    return this.get(created.id);
  }

  async update(id: string, changes: Partial<PrinterFields>, actor: string): Promise<Printer> {
    const before = await getPrinter(this.deps.db, id);
    if (before.simulated && (changes.transport !== undefined || changes.name !== undefined))
      throw new AppError(
        'conflict',
        'The simulated printer is set up by Loadstar; add a real printer instead of changing its connection',
      );
    await this.deps.db.write(async (tx) => {
      await updatePrinter(tx, id, changes, this.deps.now());
      await recordMutation(tx, { name: 'devices.updatePrinter', args: { id, ...changes }, actor });
    });
    // New connection or label size: the worker is rebuilt after the job in hand (not waited for:
    // a printer stalled mid-job must not hold up the answer).
    void this.deps.spooler.reload(id);
    this.deps.notifier.notify('printers');
    if (changes.transport) void this.refresh(id);
    return this.get(id);
  }

  async setActive(id: string, active: boolean, actor: string): Promise<Printer> {
    await this.deps.db.write(async (tx) => {
      const p = await getPrinter(tx, id);
      if (!active && p.active) {
        const row = await tx.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM print_jobs WHERE printer_id = ? AND state IN ('queued', 'sending')`,
          [id],
        );
        if ((row?.n ?? 0) > 0)
          throw new AppError(
            'conflict',
            `${p.name} still has ${row!.n} label(s) waiting: let them print or cancel them first`,
            { printerId: id, pending: row!.n },
          );
      }
      await updatePrinter(tx, id, { active }, this.deps.now());
      await recordMutation(tx, { name: 'devices.setPrinterActive', args: { id, active }, actor });
    });
    this.deps.notifier.notify('printers');
    return this.get(id);
  }

  /** Active printer config, or the refusal an operator can act on. */
  async usable(id: string): Promise<PrinterConfig> {
    const p = await getPrinter(this.deps.db, id);
    if (!p.active)
      throw new AppError('conflict', `${p.name} is switched off in Loadstar; activate it first`, {
        printerId: id,
      });
    this.lastUse.set(id, this.deps.now());
    return p;
  }

  /** `~HS` + `~HI`; prints nothing. The result also updates the printer's live status. */
  async test(id: string): Promise<ConnectionTestResult> {
    const config = await getPrinter(this.deps.db, id);
    const test = await testPrinterConnection(this.driver(config));
    this.applyReport(id, test.report);
    return {
      ok: test.ok,
      message: test.message,
      model: test.info?.model ?? null,
      firmware: test.info?.firmware ?? null,
      status: test.report.reachable ? test.report.status : null,
      reachable: test.report.reachable,
    };
  }

  /** Asks the printer now (unless its worker is busy with it) and publishes the result. */
  async refresh(id: string): Promise<void> {
    if (this.closed || this.polling.has(id)) return;
    const busy = await this.deps.spooler.knownRuntime(id);
    if (busy && (busy.activity === 'printing' || busy.activity === 'held')) {
      this.deps.spooler.poke(id);
      return;
    }
    this.polling.add(id);
    try {
      const config = await getPrinter(this.deps.db, id);
      const report = await this.driver(config).status();
      if (this.closed) return;
      this.applyReport(id, report);
      // A worker backing off from an offline printer retries now that the printer answers.
      if (report.reachable) this.deps.spooler.poke(id);
    } catch (err) {
      this.deps.logger.warn('printer status poll failed', { printerId: id, error: String(err) });
    } finally {
      this.polling.delete(id);
    }
  }

  runtime(id: string): PrinterRuntime {
    return this.runtimes.get(id) ?? { printerId: id, activity: 'idle', reason: null, status: null, at: 0 };
  }

  private async pollInUse(): Promise<void> {
    if (this.closed) return;
    const now = this.deps.now();
    const printers = await listPrinters(this.deps.db).catch(() => [] as PrinterConfig[]);
    for (const p of printers) {
      if (!p.active || now - (this.lastUse.get(p.id) ?? -Infinity) > IN_USE_MS) continue;
      await this.refresh(p.id);
    }
  }

  private driver(config: PrinterConfig): ZebraPrinter {
    return new ZebraPrinter(config.transport, { queryTimeoutMs: this.deps.queryTimeoutMs ?? 1500 });
  }

  private applyReport(id: string, report: StatusReport): void {
    const at = this.deps.now();
    if (!report.reachable) {
      this.setRuntime({ printerId: id, activity: 'offline', reason: report.reason, status: null, at });
      return;
    }
    if (report.status === null) {
      this.setRuntime({
        printerId: id,
        activity: report.queryable ? 'held' : 'idle',
        reason: report.queryable ? report.reason : null,
        status: null,
        at,
      });
      return;
    }
    const hold = holdReason(report.status);
    this.setRuntime({
      printerId: id,
      activity: hold ? 'held' : 'idle',
      reason: hold,
      status: report.status,
      at,
    });
  }

  private setRuntime(r: PrinterRuntime): void {
    const before = this.runtimes.get(r.printerId);
    // A worker's report without status keeps the last polled status (e.g. "printing").
    const merged =
      r.status === null && r.activity === 'printing' && before ? { ...r, status: before.status } : r;
    this.runtimes.set(r.printerId, merged);
    if (
      !before ||
      before.activity !== merged.activity ||
      before.reason !== merged.reason ||
      statusKey(before) !== statusKey(merged)
    ) {
      this.deps.events.emit('devices.printerStatus', merged);
      this.deps.notifier.notify('printers');
    }
  }

  private view(p: PrinterConfig, pending: number): Printer {
    return {
      id: p.id,
      name: p.name,
      transport: p.transport as PrinterTransport,
      transportLabel: describeTransport(p.transport),
      dpi: p.dpi,
      labelWidthMm: p.labelWidthMm,
      labelHeightMm: p.labelHeightMm,
      defaultTemplates: p.defaultTemplates,
      active: p.active,
      simulated: p.simulated ?? false,
      runtime: this.runtime(p.id),
      pending,
    };
  }
}

function statusKey(r: PrinterRuntime): string {
  const s = r.status;
  return s ? `${s.errors.join(',')}|${s.warnings.join(',')}|${s.labelsRemaining ?? ''}` : '';
}
