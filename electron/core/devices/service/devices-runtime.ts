import type { DevicesOverview } from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import type { ModuleDeps } from '../../domain-module';
import { ZplPreviewer } from '../preview/zpl-previewer';
import { PrintSpooler } from '../queue/print-spooler';
import { ChangeNotifier } from './change-notifier';
import { DoorIoService } from './door-io-service';
import { LabelsService } from './labels-service';
import { PrintersService } from './printers-service';
import { ScannersService } from './scanners-service';
import { retireSimulatedRows, SIM_SCANNER_ID, SimulatedMode, wantsSimulation } from './simulated-mode';
import { SsccService } from './sscc-service';
import { StationService } from './station-service';
import type { OrdersForLabels } from '../../routing/port';

const SPOOLER_STOP_MS = 5000;

/** Knobs for tests (short back-offs); production uses the defaults. */
export interface DevicesTuning {
  printerPollMs?: number;
  holdPollMs?: number;
  backoffMaxMs?: number;
  queryTimeoutMs?: number;
  scannerReconnectMaxMs?: number;
  modbusTimeoutMs?: number;
}

/**
 * Everything the devices domain runs: the print spooler, printer status, scanners and the scan
 * stream, dock I/O polling, the preview worker and, in simulated-devices mode, the simulators.
 * `start()` brings them up in dependency order and `close()` takes them down in reverse.
 */
export class DevicesRuntime {
  readonly notifier: ChangeNotifier;
  readonly spooler: PrintSpooler;
  readonly printers: PrintersService;
  readonly labels: LabelsService;
  readonly scanners: ScannersService;
  readonly doors: DoorIoService;
  readonly station: StationService;
  readonly sscc: SsccService;
  private readonly previewer = new ZplPreviewer();
  private simulated: SimulatedMode | null = null;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly deps: ModuleDeps,
    orders: OrdersForLabels,
    tuning: DevicesTuning = {},
  ) {
    const { db, events, logger, now } = deps;
    this.notifier = new ChangeNotifier(events);
    this.spooler = new PrintSpooler(db, {
      queryTimeoutMs: tuning.queryTimeoutMs ?? 1500,
      timings: {
        ...(tuning.holdPollMs ? { holdPollMs: tuning.holdPollMs } : {}),
        ...(tuning.backoffMaxMs
          ? { backoffMaxMs: tuning.backoffMaxMs, backoffInitialMs: Math.min(1000, tuning.backoffMaxMs) }
          : {}),
      },
    });
    this.printers = new PrintersService({
      db,
      events,
      logger,
      now,
      spooler: this.spooler,
      notifier: this.notifier,
      ...(tuning.printerPollMs ? { pollMs: tuning.printerPollMs } : {}),
      ...(tuning.queryTimeoutMs ? { queryTimeoutMs: tuning.queryTimeoutMs } : {}),
    });
    this.labels = new LabelsService({
      db,
      spooler: this.spooler,
      printers: this.printers,
      previewer: this.previewer,
      now,
    });
    this.scanners = new ScannersService({
      db,
      events,
      logger,
      now,
      notifier: this.notifier,
      ...(tuning.scannerReconnectMaxMs ? { reconnectMaxMs: tuning.scannerReconnectMaxMs } : {}),
    });
    this.doors = new DoorIoService({
      db,
      events,
      logger,
      now,
      notifier: this.notifier,
      ...(tuning.modbusTimeoutMs ? { timeoutMs: tuning.modbusTimeoutMs } : {}),
      ...(tuning.backoffMaxMs ? { backoffMaxMs: tuning.backoffMaxMs } : {}),
    });
    this.sscc = new SsccService(db);
    this.station = new StationService({
      db,
      events,
      now,
      site: deps.site,
      spooler: this.spooler,
      printers: this.printers,
      scanners: this.scanners,
      orders,
    });
    this.unsubscribe.push(
      this.spooler.on('job', (job) => {
        events.emit('devices.job', job);
        this.notifier.notify('jobs');
      }),
      this.spooler.on('batch', (b) => events.emit('devices.batch', b)),
    );
  }

  async start(): Promise<void> {
    const { db, demo, dataDir, logger, now } = this.deps;
    if (demo) await this.sscc.seedDemo();
    if (await wantsSimulation(db, demo)) {
      this.simulated = await SimulatedMode.start({ db, dataDir, logger, now });
      if (this.simulated.scannerProblem) {
        this.scanners.markUnavailable(SIM_SCANNER_ID, this.simulated.scannerProblem);
        this.deps.notice(this.simulated.scannerProblem);
      }
    } else {
      await retireSimulatedRows(db);
    }
    try {
      await this.spooler.start();
      await this.scanners.start();
      await this.doors.start();
      this.printers.start();
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    this.printers.close();
    await this.doors.close();
    await this.scanners.close();
    // A printer that stopped taking data can hold a send for minutes: do not hold shutdown for it.
    // Its job stays `sending` and becomes `uncertain` on the next start, as after a crash.
    await Promise.race([this.spooler.stop(), new Promise((r) => setTimeout(r, SPOOLER_STOP_MS).unref())]);
    await this.previewer.close();
    this.notifier.close();
    const sim = this.simulated;
    this.simulated = null;
    await sim?.stop();
  }

  /** The simulators, or `unavailable` when the app drives real hardware. */
  sim(): SimulatedMode {
    if (!this.simulated)
      throw new AppError(
        'unavailable',
        'Loadstar is connected to real devices, not simulators: this only works in simulated-devices mode.',
      );
    return this.simulated;
  }

  async overview(): Promise<DevicesOverview> {
    const [printers, scanners, doors, station] = await Promise.all([
      this.printers.list(false),
      this.scanners.list(false),
      this.doors.list(),
      this.station.config(),
    ]);
    return {
      simulated: this.simulated?.info() ?? null,
      printers,
      scanners,
      doors,
      stationPrinterId: station.printerId,
    };
  }
}
