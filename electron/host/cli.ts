import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreConfigFrom, readFlag } from '../core/config';
import { createLogger } from '../core/log';
import { startHost } from './server';
import { superviseCore } from './supervisor';

export const DEFAULT_PORT = 4780;
const STOP_LIMIT_MS = 10_000;

/** The built renderer: beside this file when bundled (out/main → out/renderer), else out/renderer. */
function findRenderer(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../renderer'), resolve(here, '../../out/renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = coreConfigFrom(argv);
  const port = Number(readFlag(argv, 'port') ?? process.env.LOADSTAR_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, not ${port}`);
  const staticDir = readFlag(argv, 'static') ?? findRenderer();
  // Core runs in a child process this one restarts whenever it dies: the stations stay served.
  const core = superviseCore({
    args: coreArgs(argv, config.dataDir),
    logger: createLogger(join(config.dataDir, 'logs'), { fileName: 'host.log' }),
    say: (line) => console.log(line),
  });
  const notices = await core.ready;
  const host = await startHost({ core, port, bindHost: readFlag(argv, 'host') ?? '127.0.0.1', staticDir });
  if (!staticDir) console.log('No built renderer found (run `npm run build`): serving the API only.');
  for (const text of notices) console.log(`Note: ${text}`);
  console.log(`Loadstar host ready: ${host.url}  (data: ${config.dataDir})`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Every write is already committed (WAL): a close that hangs on a device or a socket must not
    // keep the process, and the port, from going away.
    setTimeout(() => {
      console.error(`Loadstar host did not stop within ${STOP_LIMIT_MS / 1000} s: exiting anyway.`);
      process.exit(1);
    }, STOP_LIMIT_MS).unref();
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** What core needs from the host's command line: its data folder and start options. */
function coreArgs(argv: string[], dataDir: string): string[] {
  const timeZone = readFlag(argv, 'time-zone');
  return [
    '--data-dir',
    dataDir,
    ...(argv.includes('--no-demo') ? ['--no-demo'] : []),
    ...(timeZone ? ['--time-zone', timeZone] : []),
  ];
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  const why =
    e?.code === 'EADDRINUSE'
      ? `the port is already in use (is Loadstar already running?). Stop it, or pick another port with --port N.`
      : e instanceof Error
        ? e.message
        : String(err);
  console.error(`Loadstar host could not start: ${why}`);
  process.exit(1);
});
