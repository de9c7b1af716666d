/**
 * Runs one Zebra simulator as its own process, so tests can kill it like a printer losing power.
 * Usage: tsx zebra-sim-main.ts --dir DIR [--port N] [--slow]
 * Prints JSON lines on stdout: {"event":"listening","port":N}, {"event":"format","n":K}.
 */
import { ZebraSim } from './zebra-sim';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const sim = new ZebraSim({ jobDir: arg('dir') ?? 'sim-jobs', port: Number(arg('port') ?? 0) });
let formats = 0;
sim.on('format', () => console.log(JSON.stringify({ event: 'format', n: ++formats })));
const { port } = await sim.start();
if (process.argv.includes('--slow')) await sim.set({ slow: true });
console.log(JSON.stringify({ event: 'listening', port }));
