import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { access, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * A simulated serial scanner: `socat` makes a pseudo-terminal pair; the app opens `hostPath`
 * like a real scanner's /dev/tty…, and `scan()` types into the other end. `unplug()` kills socat
 * (the port vanishes, like pulling the USB cable) and `plug()` brings it back on the same path.
 */
export class ScannerFeeder {
  readonly hostPath: string;
  readonly devicePath: string;
  private readonly dir: string;
  private child: ChildProcess | null = null;
  private handle: FileHandle | null = null;

  constructor(
    dir: string,
    name = 'scanner',
    private readonly socat: string | null = socatOnPath(),
  ) {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`a pty name is letters, digits, - and _ only: ${name}`);
    this.dir = dir;
    this.hostPath = path.join(dir, `${name}-host`);
    this.devicePath = path.join(dir, `${name}-device`);
  }

  async plug(): Promise<void> {
    if (this.child) return;
    const socat = this.socat;
    if (!socat) throw new Error('socat is not on the PATH (set LOADSTAR_SOCAT to its location)');
    try {
      await access(socat, constants.X_OK);
    } catch (err) {
      throw new Error(`cannot run ${socat} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    // socat parses `,` `:` `!` in an address as syntax: a data folder such as "/srv/DC 1, Jönköping"
    // would break the link option. socat runs IN the folder and links by bare (safe) names instead.
    const link = (p: string) => `pty,raw,echo=0,link=${path.basename(p)}`;
    const args = [link(this.hostPath), link(this.devicePath)];
    // If this process is killed hard, socat must not live on holding the pty: setpriv makes the
    // kernel send it SIGTERM when its parent dies (Linux; elsewhere socat is started directly).
    const child = existsSync(SETPRIV)
      ? spawn(SETPRIV, ['--pdeathsig', 'TERM', '--', socat, ...args], { stdio: 'ignore', cwd: this.dir })
      : spawn(socat, args, { stdio: 'ignore', cwd: this.dir });
    this.child = child;
    let spawnError: Error | null = null;
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    // A missing socat is an 'error' event, not an exit: without a listener it would crash the app.
    child.once('error', (err) => {
      spawnError = err;
      if (this.child === child) this.child = null;
    });
    await waitFor(async () => {
      if (spawnError) throw new GiveUp(`cannot run ${socat} (${spawnError.message})`);
      if (this.child !== child) throw new GiveUp(`socat exited before creating ${this.hostPath}`);
      await access(this.hostPath);
      await access(this.devicePath);
    });
    // O_NOCTTY: never let the pty become this process's controlling terminal.
    this.handle = await open(this.devicePath, constants.O_RDWR | constants.O_NOCTTY);
  }

  /** Writes one scan with its suffix, as the scanner would. */
  async scan(data: string | Buffer, suffix = '\r'): Promise<void> {
    if (!this.handle) throw new Error('scanner feeder is unplugged');
    await this.handle.write(Buffer.concat([Buffer.from(data), Buffer.from(suffix)]));
  }

  async unplug(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
    // socat removes its links on exit; wait so plug() cannot see stale ones.
    await waitFor(async () => {
      const gone = await access(this.hostPath).then(
        () => false,
        () => true,
      );
      if (!gone) throw new Error('link still present');
    });
  }
}

const SETPRIV = '/usr/bin/setpriv';

/** A failure that retrying cannot fix. */
class GiveUp extends Error {}

async function waitFor(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (err instanceof GiveUp || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** The first executable `socat` on the PATH, as a shell would find it, or null. */
function socatOnPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'socat');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
