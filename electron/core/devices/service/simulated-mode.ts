import path from 'node:path';
import type { DoorIo, SimulatedDevices, SimulatedPrinterState } from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import type { Database } from '../../db/database';
import type { Logger } from '../../log';
import type { SimInput } from '../sim/modbus-dock-sim';
import { startDemoDevices, type DemoDevices } from '../sim/demo-devices';

export const SIM_PRINTER_ID = 'sim-printer';
export const SIM_SCANNER_ID = 'sim-scanner';
export const SIM_MODULE_ID = 'sim-dock-io';
const SIM_DOORS = 4;

/**
 * Whether to run on simulators: forced by LOADSTAR_SIMULATED_DEVICES=1/0, otherwise on the demo
 * site while no real printer, scanner or I/O module has been configured.
 */
export async function wantsSimulation(db: Database, demo: boolean): Promise<boolean> {
  const forced = process.env.LOADSTAR_SIMULATED_DEVICES;
  if (forced === '0') return false;
  const real = await db.get<{ n: number }>(
    `SELECT (SELECT COUNT(*) FROM printers WHERE simulated = 0)
          + (SELECT COUNT(*) FROM scanners WHERE simulated = 0)
          + (SELECT COUNT(*) FROM dock_io_modules WHERE simulated = 0) AS n`,
  );
  if ((real?.n ?? 0) > 0) return false;
  return forced === '1' || demo;
}

/**
 * Simulated-devices mode: the in-process simulators (real TCP servers and a socat pty) plus the
 * device rows that point the real drivers at them. Ports change every start, so the rows are
 * re-pointed each time; without socat only the scanner is missing, with a clear reason.
 */
export class SimulatedMode {
  private constructor(
    private readonly sims: DemoDevices,
    private readonly doorUnits: Map<string, number>,
    readonly jobDir: string,
  ) {}

  static async start(deps: {
    db: Database;
    dataDir: string;
    logger: Logger;
    now: () => number;
  }): Promise<SimulatedMode> {
    const dir = path.join(deps.dataDir, 'simulated-devices');
    const doors = await deps.db.all<{ id: string }>(
      'SELECT id FROM doors WHERE active = 1 ORDER BY sort_order, name LIMIT ?',
      [SIM_DOORS],
    );
    const sims = await startDemoDevices({
      dir,
      doors: Math.max(1, doors.length),
      requireScanner: false,
      // Where socat lives, when it is not on the PATH.
      ...(process.env.LOADSTAR_SOCAT ? { socat: process.env.LOADSTAR_SOCAT } : {}),
    });
    try {
      const now = deps.now();
      const doorIds = doors.map((d) => d.id);
      await deps.db.write(async (tx) => {
        await tx.run(
          `INSERT INTO printers (id, name, transport, dpi, label_width_mm, label_height_mm, default_templates, active, simulated, created_at, updated_at)
           VALUES (?, 'Simulated Zebra ZD420', ?, 203, 101.6, 152.4, '{"default":"shipping"}', 1, 1, ?, ?)
           ON CONFLICT(id) DO UPDATE SET transport = excluded.transport, active = 1, updated_at = excluded.updated_at`,
          [SIM_PRINTER_ID, JSON.stringify(sims.config.printer), now, now],
        );
        await tx.run(
          `INSERT INTO scanners (id, name, path, baud_rate, framing, active, simulated, created_at, updated_at)
           VALUES (?, 'Simulated serial scanner', ?, 9600, 'cr', 1, 1, ?, ?)
           ON CONFLICT(id) DO UPDATE SET path = excluded.path, active = 1, updated_at = excluded.updated_at`,
          [SIM_SCANNER_ID, sims.config.scannerPath, now, now],
        );
        const module = sims.config.dockModule(doorIds);
        await tx.run(
          `INSERT INTO dock_io_modules (id, name, transport, poll_ms, simulated, created_at, updated_at)
           VALUES (?, ?, ?, ?, 1, ?, ?)
           ON CONFLICT(id) DO UPDATE SET transport = excluded.transport, updated_at = excluded.updated_at`,
          [SIM_MODULE_ID, module.name, JSON.stringify(module.transport), module.pollMs, now, now],
        );
        // Re-wire from scratch: the first doors may differ from the last start's.
        await tx.run('DELETE FROM door_io WHERE module_id = ?', [SIM_MODULE_ID]);
        for (const d of module.doors) {
          await tx.run(
            `INSERT INTO door_io (door_id, module_id, register_map, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(door_id) DO UPDATE SET module_id = excluded.module_id, register_map = excluded.register_map`,
            [d.doorId, SIM_MODULE_ID, JSON.stringify(d.map), now],
          );
        }
        // The station prints on the simulated printer unless someone chose another one.
        await tx.run(`INSERT OR IGNORE INTO settings (key, value) VALUES ('devices.stationPrinterId', ?)`, [
          SIM_PRINTER_ID,
        ]);
      });
      const units = new Map(doorIds.map((id, i) => [id, i + 1]));
      deps.logger.info('simulated devices started', {
        printer: sims.config.printer,
        dock: sims.dock.address,
        scanner: sims.config.scannerProblem ?? sims.config.scannerPath,
      });
      return new SimulatedMode(sims, units, path.join(dir, 'printer-jobs'));
    } catch (err) {
      await sims.stop();
      throw err;
    }
  }

  get scannerProblem(): string | null {
    return this.sims.config.scannerProblem;
  }

  info(): SimulatedDevices {
    const p = this.sims.config.printer;
    const m = this.sims.dock.address;
    return {
      printer: {
        address: `${p.host}:${p.port}`,
        jobDir: this.jobDir,
        state: this.printerState(),
        labelsPrinted: this.sims.printer.labelsPrinted,
      },
      dock: { address: `${m.host}:${m.port}`, doors: this.doorUnits.size },
      scanner: this.scannerProblem ? null : { path: this.sims.config.scannerPath },
      scannerProblem: this.scannerProblem,
    };
  }

  printerState(): SimulatedPrinterState {
    const s = this.sims.printer.state;
    return {
      paperOut: s.paperOut,
      headOpen: s.headOpen,
      paused: s.paused,
      ribbonOut: s.ribbonOut,
      offline: s.offline,
      slow: s.slow,
      cutNextJob: s.cutNextJob,
    };
  }

  async setPrinter(changes: Partial<SimulatedPrinterState>): Promise<SimulatedPrinterState> {
    await this.sims.printer.set(changes);
    return this.printerState();
  }

  async scan(data: string): Promise<void> {
    if (this.scannerProblem) throw new AppError('unavailable', this.scannerProblem);
    try {
      await this.sims.feeder.scan(data, '\r');
    } catch (err) {
      throw new AppError('device_offline', `The simulated scanner is unplugged (${(err as Error).message})`);
    }
  }

  setDoorInput(doorId: string, input: Extract<SimInput, keyof DoorIo>, value: boolean): void {
    const unit = this.doorUnits.get(doorId);
    if (unit === undefined)
      throw new AppError('not_found', 'That door is not wired to the simulated dock I/O module.', { doorId });
    this.sims.dock.setInput(unit, input, value);
    // A door is either open or closed; the panel's two limit switches follow each other.
    if (input === 'doorOpen') this.sims.dock.setInput(unit, 'doorClosed', !value);
  }

  stop(): Promise<void> {
    return this.sims.stop();
  }
}

/** Sim rows stay for history when real devices replace them, but stop being used. */
export async function retireSimulatedRows(db: Database): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(`UPDATE printers SET active = 0 WHERE simulated = 1 AND active = 1`);
    await tx.run(`UPDATE scanners SET active = 0 WHERE simulated = 1 AND active = 1`);
    await tx.run(
      `DELETE FROM door_io WHERE module_id IN (SELECT id FROM dock_io_modules WHERE simulated = 1)`,
    );
    await tx.run(`DELETE FROM settings WHERE key = 'devices.stationPrinterId' AND value = ?`, [
      SIM_PRINTER_ID,
    ]);
  });
}
