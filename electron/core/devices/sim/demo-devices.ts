import path from 'node:path';
import type { DockModuleConfig } from '../dock/dock-module';
import { defaultDoorMap } from '../dock/register-map';
import type { TransportConfig } from '../transport/transport';
import { ModbusDockSim } from './modbus-dock-sim';
import { ScannerFeeder } from './scanner-feeder';
import { ZebraSim } from './zebra-sim';

export interface DemoDevices {
  printer: ZebraSim;
  dock: ModbusDockSim;
  feeder: ScannerFeeder;
  /** Connection settings to configure the real drivers with, as for real hardware. */
  config: {
    printer: TransportConfig & { kind: 'tcp' };
    scannerPath: string;
    /** Why the simulated scanner's pty could not be made (socat missing…); null when it works. */
    scannerProblem: string | null;
    /** One module, its doors wired as unit ids 1…n with the default map. */
    dockModule(doorIds: readonly string[]): DockModuleConfig;
  };
  stop(): Promise<void>;
}

/**
 * Starts every simulator in-process for "simulated devices" demo mode and `npm run sim`: the
 * app then drives them with its real drivers over real sockets and a pty, exactly as hardware.
 * Ports default to 0 (chosen by the OS); the caller shows the addresses and says "simulated".
 */
export async function startDemoDevices(options: {
  dir: string;
  printerPort?: number;
  modbusPort?: number;
  doors?: number;
  /** False: start without the scanner when its pty cannot be made (demo mode); default true. */
  requireScanner?: boolean;
  /** socat binary, for tests of the missing-socat path. */
  socat?: string;
}): Promise<DemoDevices> {
  const printer = new ZebraSim({
    jobDir: path.join(options.dir, 'printer-jobs'),
    port: options.printerPort ?? 0,
  });
  const dock = new ModbusDockSim({ doors: options.doors ?? 4, port: options.modbusPort ?? 0 });
  const feeder = new ScannerFeeder(options.dir, 'scanner', options.socat);
  const p = await printer.start();
  let m: { host: string; port: number };
  try {
    m = await dock.start();
  } catch (err) {
    await printer.stop();
    throw err;
  }
  // Without socat (or ptys) the printer and dock still work: only the scanner is missing.
  let scannerProblem: string | null = null;
  if (options.requireScanner === false) {
    try {
      await feeder.plug();
    } catch (err) {
      scannerProblem = `The simulated scanner needs socat (apt-get install socat): ${(err as Error).message}`;
    }
  } else {
    try {
      await feeder.plug();
    } catch (err) {
      await printer.stop();
      await dock.stop();
      throw err;
    }
  }
  return {
    printer,
    dock,
    feeder,
    config: {
      printer: { kind: 'tcp', host: p.host, port: p.port },
      scannerPath: feeder.hostPath,
      scannerProblem,
      dockModule: (doorIds) => ({
        id: 'sim-dock-io',
        name: 'Simulated dock I/O',
        transport: { kind: 'tcp', host: m.host, port: m.port },
        pollMs: 250,
        doors: doorIds.slice(0, dock.units.size).map((doorId, i) => ({ doorId, map: defaultDoorMap(i + 1) })),
      }),
    },
    async stop() {
      await feeder.unplug();
      await printer.stop();
      await dock.stop();
    },
  };
}
