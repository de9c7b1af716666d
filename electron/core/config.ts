import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CoreConfig {
  dataDir: string;
  demo: boolean;
  timeZone?: string;
}

/**
 * The OS app-data folder, the same place Electron's `app.getPath('userData')` uses for an app
 * named Loadstar, so the desktop app and the host share data when run by the same user.
 */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Loadstar');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Loadstar');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Loadstar');
}

/** `--data-dir DIR` (or `--data-dir=DIR`), then `LOADSTAR_DATA_DIR`, then the OS default. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
  return next;
}

export function coreConfigFrom(argv: readonly string[], env = process.env): CoreConfig {
  return {
    dataDir: readFlag(argv, 'data-dir') ?? env.LOADSTAR_DATA_DIR ?? defaultDataDir(),
    demo: !argv.includes('--no-demo') && env.LOADSTAR_NO_DEMO !== '1',
    timeZone: readFlag(argv, 'time-zone') ?? env.LOADSTAR_TIME_ZONE,
  };
}
