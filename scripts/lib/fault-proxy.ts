/**
 * A TCP proxy on 127.0.0.1 that can misbehave: cut off (new connections reset at once and open
 * ones reset), delay every chunk, drop a connection mid-stream or reset it. Workstations talk to
 * the sync server through it in the sync tests and the partition test.
 */
import { createServer, Socket, type Server } from 'node:net';

export interface Faults {
  /** Extra delay before each chunk is passed on, ms (0..delayMs, drawn per chunk). */
  delayMs: number;
  /** Chance per chunk that the connection is silently dropped (both sides destroyed). */
  dropRate: number;
  /** Chance per chunk that the connection is reset. */
  resetRate: number;
}

const NONE: Faults = { delayMs: 0, dropRate: 0, resetRate: 0 };

export class FaultProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private faults: Faults = NONE;
  private down = false;
  /** How many connections were dropped, reset or refused by a fault. */
  injected = 0;
  port = 0;

  constructor(
    private target: { host: string; port: number },
    private readonly random: () => number = Math.random,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Points at another server (a restarted one on a new port). */
  retarget(target: { host: string; port: number }): void {
    this.target = target;
  }

  setFaults(faults: Partial<Faults>): void {
    this.faults = { ...NONE, ...faults };
  }

  /** Cut off: every open connection is reset and new ones are refused, until `setDown(false)`. */
  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const s of this.open) this.kill(s);
  }

  heal(): void {
    this.setFaults(NONE);
    this.setDown(false);
  }

  private kill(s: Socket): void {
    s.resetAndDestroy();
  }

  private accept(client: Socket): void {
    if (this.down) {
      this.injected++;
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    const pair = [client, upstream];
    for (const s of pair) {
      this.open.add(s);
      s.on('close', () => {
        this.open.delete(s);
        for (const other of pair) if (other !== s && !other.destroyed) other.destroy();
      });
      s.on('error', () => undefined);
    }
    upstream.connect(this.target.port, this.target.host);
    const relay = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        const f = this.faults;
        const roll = this.random();
        if (roll < f.resetRate) {
          this.injected++;
          for (const s of pair) this.kill(s);
          return;
        }
        if (roll < f.resetRate + f.dropRate) {
          this.injected++;
          for (const s of pair) s.destroy();
          return;
        }
        const send = () => {
          if (!to.destroyed) to.write(chunk);
        };
        if (f.delayMs > 0) {
          from.pause();
          setTimeout(() => {
            send();
            from.resume();
          }, Math.floor(this.random() * f.delayMs));
        } else send();
      });
    relay(client, upstream);
    relay(upstream, client);
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
