/**
 * `npm run sim -- fleet --vehicles N`: N vehicles driving around Jönköping, posting OsmAnd to a
 * listener once a second, and (with socat) a GPS receiver on a pty sending NMEA for the first
 * vehicle's route. The device ids must be on the allow-list (Fleet → Vehicles) or the listener
 * answers 400, as Traccar does.
 *
 * Options: --vehicles N (10)  --host ADDR (127.0.0.1)  --port N (5055)  --prefix TEXT (sim-)
 *          --speed-unit kn|kmh (kn)  --nmea  --dir DIR  --seed N
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NmeaFeeder } from '../../electron/core/fleet/sim/nmea-feeder';
import { CityDriver, JONKOPING, mulberry32 } from '../../electron/core/fleet/sim/city';
import { OsmandFleetSim } from '../../electron/core/fleet/sim/osmand-fleet';
import { parseArgs } from './args';

export async function runFleetSim(argv: string[]): Promise<() => Promise<void>> {
  const args = parseArgs(argv);
  const vehicles = Number(args.get('vehicles') ?? 10);
  if (!Number.isInteger(vehicles) || vehicles < 1 || vehicles > 20_000)
    throw new Error('--vehicles must be 1–20000');
  const port = Number(args.get('port') ?? 5055);
  const sim = new OsmandFleetSim({
    vehicles,
    host: args.get('host') ?? '127.0.0.1',
    port,
    prefix: args.get('prefix') ?? 'sim-',
    seed: Number(args.get('seed') ?? 1),
    speedUnit: args.get('speed-unit') === 'kmh' ? 'kmh' : 'kn',
  });
  const ids = sim.ids();
  console.log(
    `Fleet simulator: ${vehicles} vehicles posting OsmAnd to http://${args.get('host') ?? '127.0.0.1'}:${port}/ every second`,
  );
  console.log(
    `Device ids ${ids[0]} … ${ids[ids.length - 1]} (add them in Fleet → Vehicles, or the listener answers 400)`,
  );
  sim.start();
  const report = setInterval(() => {
    const s = sim.stats;
    console.log(`sent ${s.sent}  accepted ${s.ok}  refused ${s.refused}  failed ${s.failed}`);
  }, 10_000);

  let feeder: NmeaFeeder | null = null;
  let nmeaTimer: NodeJS.Timeout | null = null;
  if (args.has('nmea')) {
    const dir = path.resolve(args.get('dir') ?? path.join(os.tmpdir(), 'loadstar-sim'));
    await mkdir(dir, { recursive: true });
    feeder = new NmeaFeeder(dir);
    await feeder.plug();
    const driver = new CityDriver(JONKOPING, mulberry32(99));
    nmeaTimer = setInterval(() => {
      const s = driver.step(1);
      void feeder?.fix({ at: Date.now(), ...s }).catch(() => undefined);
    }, 1000);
    console.log(
      `GPS receiver (NMEA, socat pty)  ${feeder.hostPath}   (Fleet settings → serial GPS, 4800 baud)`,
    );
  }
  return async () => {
    clearInterval(report);
    if (nmeaTimer) clearInterval(nmeaTimer);
    await sim.stop();
    await feeder?.unplug();
  };
}
