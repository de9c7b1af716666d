/** The reference sync server as its own process (`npm run server` on an embedded PostgreSQL). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from './host-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = [process.execPath, '--import', 'tsx', 'server/src/main.ts'];

export interface SyncServerProcess {
  url: string;
  admin: { tenant: string; email: string; password: string };
  addUser(email: string, name: string, role: string): { tenant: string; email: string; password: string };
  stop(): Promise<void>;
}

export async function startSyncServerProcess(dataDir: string): Promise<SyncServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(SERVER[0]!, [...SERVER.slice(1), '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync server did not start in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      if (output.includes('sync server ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`sync server exited with ${code}:\n${output}`)));
  });
  const password = /with password (\S+) \(shown once\)/.exec(output)?.[1];
  if (!password) throw new Error(`no admin password in the server's output:\n${output}`);
  return {
    url: `http://127.0.0.1:${port}`,
    admin: { tenant: 'demo', email: 'admin@demo.loadstar', password },
    addUser(email, name, role) {
      const r = spawnSync(
        SERVER[0]!,
        [...SERVER.slice(1), 'add-user', '--data-dir', dataDir, '--tenant', 'demo', '--email', email, '--name', name, '--role', role],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const pw = /Password: (\S+)/.exec(r.stdout)?.[1];
      if (!pw) throw new Error(`add-user failed: ${r.stdout}${r.stderr}`);
      return { tenant: 'demo', email, password: pw };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
