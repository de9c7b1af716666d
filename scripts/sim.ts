/**
 * `npm run sim`: the device simulators as real servers and ports, for demos and manual testing.
 * A Zebra-like printer (raw TCP; never 9100 by default: Zebra Browser Print owns it), a Modbus
 * TCP dock controller, and a serial scanner on a socat pseudo-terminal. Type `help` for commands.
 *
 * Options: --printer-port N  --modbus-port N  --doors N  --dir DIR (job folder and pty links)
 *
 * `npm run sim -- fleet --vehicles N`: a fleet posting OsmAnd instead (see scripts/lib/fleet-sim.ts).
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startDemoDevices } from '../electron/core/devices/sim/demo-devices';
import { HELP, runCommand } from './lib/devices-sim-commands';
import { runFleetSim } from './lib/fleet-sim';

if (process.argv[2] === 'fleet') {
  const stop = await runFleetSim(process.argv.slice(3));
  const quit = () => void stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  // Runs until stopped; the device simulators below are not started.
  await new Promise(() => undefined);
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

const dir = path.resolve(option('dir', path.join(os.tmpdir(), 'loadstar-sim')));
await mkdir(dir, { recursive: true });
const demo = await startDemoDevices({
  dir,
  printerPort: Number(option('printer-port', '0')),
  modbusPort: Number(option('modbus-port', '0')),
  doors: Number(option('doors', '4')),
});
const { printer, dock, feeder } = demo;
const p = demo.config.printer;
const m = dock.address;
printer.on('job', (job: { file: string; labels: string[]; complete: boolean }) =>
  console.log(`printer: ${job.labels.length} label(s) → ${job.file}${job.complete ? '' : ' (INCOMPLETE)'}`),
);

console.log(
  `Zebra printer (simulated)   tcp ${p.host}:${p.port}   jobs in ${path.join(dir, 'printer-jobs')}`,
);
console.log(
  `Modbus TCP dock controller  ${m.host}:${m.port}   doors 1–${dock.units.size} = unit ids, default register map`,
);
console.log(`Serial scanner (socat pty)  ${feeder.hostPath}   (configure this path, 9600 baud)`);
console.log(HELP);

const rl = createInterface({ input: process.stdin });
let shuttingDown = false;
async function shutdown(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  rl.close();
  await demo.stop();
  process.exit(0);
}
rl.on('line', (line) => {
  if (/^\s*(quit|exit)\s*$/.test(line)) {
    void shutdown();
    return;
  }
  runCommand(line, { printer, dock, feeder }).then(console.log, (err: Error) =>
    console.log(`error: ${err.message}`),
  );
});
rl.on('close', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
