import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HostProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** The pid of the core the host supervises (Linux: read from /proc), or null while it restarts. */
  corePid(): number | null;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts the headless host as its own process, as an operator would: from the build
 * (`out/main/host.js`) or, for tests that must not need a build, from source through tsx.
 */
export async function startHostProcess(options: {
  dataDir: string;
  port?: number;
  demo?: boolean;
  fromSource?: boolean;
  /** Extra environment for the host process. */
  env?: NodeJS.ProcessEnv;
}): Promise<HostProcess> {
  const port = options.port ?? (await freePort());
  const args = [
    '--data-dir',
    options.dataDir,
    '--port',
    String(port),
    ...(options.demo === false ? ['--no-demo'] : []),
  ];
  const command = options.fromSource
    ? [process.execPath, '--import', 'tsx', 'electron/host/cli.ts', ...args]
    : [process.execPath, 'out/main/host.js', ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in 30 s:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes('Loadstar host ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    child,
    output: () => output,
    corePid: () => {
      try {
        const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
          .trim()
          .split(/\s+/);
        return kids[0] ? Number(kids[0]) : null;
      } catch {
        return null;
      }
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await once(child, 'exit');
    },
  };
}
