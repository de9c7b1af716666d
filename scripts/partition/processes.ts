/** The partition test's child processes: sync servers and client workstations, killable and restartable. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SyncStatus } from '@shared/contract';
import type { ClientConfig } from './config';
import type { ClientDump } from './dump';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = ['--import', 'tsx'];
/** Processes killed on purpose (a fault), so their exit is no failure. */
const killed = new WeakSet<ChildProcess>();

/** A sync server process on a fixed port (so a restart comes back where the proxies point). */
export class ServerProcess {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...TSX, 'server/src/main.ts', '--port', String(this.port)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: this.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += String(d);
        if (out.includes('sync server ready')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (out += String(d)));
      child.once('exit', (code) =>
        // Killed on purpose while starting: the fault loop restarts it later.
        !killed.has(child)
          ? reject(new Error(`sync server exited (${code}) before it was ready:\n${out.slice(-2000)}`))
          : resolve(),
      );
    });
  }

  kill(): void {
    if (this.child) killed.add(this.child);
    this.child?.kill('SIGKILL');
    this.child = null;
  }
}

/** A client workstation process (see client.ts). */
export class ClientProcess {
  private child: ChildProcess | null = null;
  private incarnation = 0;
  private readonly waiting = new Map<string, (m: any) => void>();
  generate = true;

  constructor(private readonly config: Omit<ClientConfig, 'incarnation' | 'generate'>) {}

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    const config: ClientConfig = { ...this.config, incarnation: this.incarnation++, generate: this.generate };
    const child = fork(fileURLToPath(new URL('./client.ts', import.meta.url)), [], {
      cwd: ROOT,
      execArgv: TSX,
      env: { ...process.env, PARTITION_CLIENT: JSON.stringify(config) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err = (err + String(d)).slice(-4000)));
    child.on('message', (m: { type: string }) => {
      const resolve = this.waiting.get(m.type);
      if (resolve) {
        this.waiting.delete(m.type);
        resolve(m);
      }
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
    });
    await new Promise<void>((resolve, reject) => {
      this.waiting.set('ready', () => resolve());
      child.once('exit', (code, signal) => {
        if (killed.has(child)) resolve(); // killed on purpose while starting
        else if (this.waiting.has('ready'))
          reject(new Error(`client ${this.config.index} exited (${code ?? signal}) before it was ready:\n${err}`));
      });
    });
  }

  kill(): void {
    if (this.child) killed.add(this.child);
    this.child?.kill('SIGKILL');
    this.child = null;
    this.waiting.clear();
  }

  private ask<T>(type: string, answer: string, limitMs = 30_000): Promise<T> {
    const child = this.child;
    if (!child) return Promise.reject(new Error(`client ${this.config.index} is not running`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`client ${this.config.index} did not answer ${type}`)), limitMs);
      this.waiting.set(answer, (m) => {
        clearTimeout(timer);
        resolve(m as T);
      });
      child.send({ type });
    });
  }

  stop(): void {
    this.generate = false;
    this.child?.send({ type: 'stop' });
  }

  nudge(): void {
    this.child?.send({ type: 'now' });
  }

  async status(): Promise<SyncStatus> {
    return (await this.ask<{ status: SyncStatus }>('status', 'status')).status;
  }

  async dump(): Promise<ClientDump> {
    return (await this.ask<{ dump: ClientDump }>('dump', 'dump')).dump;
  }
}
