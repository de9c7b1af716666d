/**
 * A PostgreSQL cluster of its own in a folder, made with `initdb` and run with `pg_ctl`: the sync
 * server's default when no DATABASE_URL is given, and what the server tests, the partition test
 * and the sync benchmark start. Loopback only; trust authentication on the loopback socket is safe
 * because the server is the cluster's only client and listens on 127.0.0.1 alone.
 *
 * PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` system user.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve, sep } from 'node:path';

export interface EmbeddedPostgres {
  dataDir: string;
  port: number;
  /** A connection string for the cluster's superuser to `database`. */
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again after a stop (same folder and port). */
  start(): void;
}

const SUPERUSER = 'loadstar';

/** `bin` on the PATH, or in Debian's /usr/lib/postgresql/<version>/bin. */
export function postgresBinary(bin: 'initdb' | 'pg_ctl'): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, bin))) return join(dir, bin);
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (isExecutable(`/usr/lib/postgresql/${v}/bin/${bin}`)) return `/usr/lib/postgresql/${v}/bin/${bin}`;
  } catch {
    // no Debian layout
  }
  throw new Error(
    `PostgreSQL's ${bin} was not found: install PostgreSQL ("sudo apt-get install -y postgresql") or set DATABASE_URL.`,
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function asOwner(argv: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...argv] : argv;
}

function run(argv: string[], what: string): void {
  const [cmd, ...args] = asOwner(argv);
  const r = spawnSync(cmd!, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${what} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 800)}`);
  }
}

/**
 * Creates the cluster in `dir` if it is not there yet and starts it on `port`. `fast`: no fsync,
 * for tests and benchmarks whose data may be lost with the machine (never for a real server).
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port?: number;
  fast?: boolean;
}): Promise<EmbeddedPostgres> {
  const dataDir = join(options.dir, 'pgdata');
  const socketDir = options.dir;
  mkdirSync(options.dir, { recursive: true });
  const root = process.getuid?.() === 0;
  if (root) {
    chownSync(options.dir, uidOf('postgres'), statSync(options.dir).gid);
    openTempAncestors(options.dir);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    run(
      [postgresBinary('initdb'), '-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', ...(options.fast ? ['--no-sync'] : [])],
      'initdb',
    );
  }
  const pgCtl = postgresBinary('pg_ctl');
  // Already running (the server is up and an admin command runs beside it): use it, leave it running.
  const [cmd, ...args] = asOwner([pgCtl, '-D', dataDir, 'status']);
  if (spawnSync(cmd!, args).status === 0) {
    const runningPort = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return {
      dataDir,
      port: runningPort,
      url: (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${runningPort}/${database}`,
      stop: () => undefined,
      start: () => undefined,
    };
  }
  const port = options.port ?? (await freePort());
  const settings = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(options.fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  const start = () =>
    run([pgCtl, '-D', dataDir, '-o', settings, '-l', join(options.dir, 'postgres.log'), '-w', '-t', '60', 'start'], 'pg_ctl start');
  start();
  return {
    dataDir,
    port,
    url: (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`,
    stop: (mode = 'fast') => {
      try {
        run([pgCtl, '-D', dataDir, '-m', mode, '-w', 'stop'], 'pg_ctl stop');
      } catch {
        // already stopped
      }
    },
    start,
  };
}

/**
 * The `postgres` user must reach the folder: temp folders made with mkdtemp are root-only, so
 * those between the system temp folder and the cluster get search (not read) permission.
 */
function openTempAncestors(dir: string): void {
  const tmp = resolve(tmpdir());
  for (let d = dirname(resolve(dir)); d.startsWith(tmp + sep); d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o011);
  }
}

function uidOf(user: string): number {
  const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const uid = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isInteger(uid)) throw new Error(`running as root needs the "${user}" system user for PostgreSQL`);
  return uid;
}
