import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { SimulatedPrinterState } from '@shared/contract/devices-types';
import { ZplStreamReader } from './zebra-protocol-sim';

/**
 * The simulator's switches: the contract's `SimulatedPrinterState` (offline refuses connections
 * like a printer switched off; slow reads so senders see TCP back-pressure; `cutNextJob` resets
 * the next connection that brings label data once all of it was sent, like a printer rebooting
 * right then, and clears itself) plus what only tests set.
 */
export interface ZebraSimState extends SimulatedPrinterState {
  /** Newer firmware: no `~HS` reply while in an error state (forces the `~HQES` fallback). */
  silentHsInError: boolean;
}

export interface ZebraSimJob {
  seq: number;
  file: string;
  labels: string[];
  /** False when the connection ended inside a format or was reset. */
  complete: boolean;
  bytes: number;
}

export interface ZebraSimOptions {
  jobDir: string;
  host?: string;
  /** 0 = any free port. Never 9100 by default: Zebra Browser Print owns localhost:9100. */
  port?: number;
  model?: string;
  /** Switch to paper-out by itself after this many labels (for mid-batch tests). */
  paperOutAfterLabels?: number;
}

const STX = '\u0002';
const ETX = '\u0003';

/**
 * A Zebra-like raw TCP printer: one connection at a time, answers `~HS`, `~HQES`, `~HI`, stores
 * every received job in `jobDir`, and has switchable states. Events: `format` (a label arrived,
 * with its ZPL), `job` (a connection with label data ended and was stored), `command` (`~XX`).
 */
export class ZebraSim extends EventEmitter {
  readonly state: ZebraSimState = {
    paperOut: false,
    headOpen: false,
    paused: false,
    ribbonOut: false,
    offline: false,
    slow: false,
    silentHsInError: false,
    cutNextJob: false,
  };
  readonly commands: string[] = [];
  labelsPrinted = 0;
  private server: net.Server | null = null;
  private active: net.Socket | null = null;
  private readonly waiting: net.Socket[] = [];
  private readonly sockets = new Set<net.Socket>();
  private seq = 0;
  private boundPort = 0;
  private readonly host: string;

  constructor(private readonly options: ZebraSimOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
  }

  get address(): { host: string; port: number } {
    return { host: this.host, port: this.boundPort };
  }

  async start(): Promise<{ host: string; port: number }> {
    await mkdir(this.options.jobDir, { recursive: true });
    await this.listen(this.options.port ?? 0);
    return this.address;
  }

  /** Changes states; going offline closes the port, coming back listens on the same port. */
  async set(changes: Partial<ZebraSimState>): Promise<void> {
    const wasOffline = this.state.offline;
    Object.assign(this.state, changes);
    if (this.state.offline && !wasOffline) await this.closeServer(false);
    if (!this.state.offline && wasOffline) await this.listen(this.boundPort);
    this.emit('state', { ...this.state });
  }

  /** Like pulling the power: every connection reset, port closed. */
  async kill(): Promise<void> {
    await this.closeServer(true);
  }

  async stop(): Promise<void> {
    await this.closeServer(false);
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        const addr = server.address();
        if (addr && typeof addr === 'object') this.boundPort = addr.port;
        resolve();
      });
    });
  }

  private closeServer(reset: boolean): Promise<void> {
    const server = this.server;
    this.server = null;
    // Stop accepting before dropping connections, or a quick reconnect keeps close() waiting.
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const s of this.sockets) {
      if (reset) s.resetAndDestroy();
      else s.destroy();
    }
    this.waiting.length = 0;
    return closed;
  }

  private accept(socket: net.Socket): void {
    if (!this.server) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    // The raw port serves one connection at a time; later ones wait with their data unread.
    if (this.active) {
      socket.pause();
      this.waiting.push(socket);
      return;
    }
    this.serve(socket);
  }

  private serve(socket: net.Socket): void {
    this.active = socket;
    const raw: Buffer[] = [];
    let bytes = 0;
    const labels: string[] = [];
    let cut = false;
    const reader = new ZplStreamReader({
      command: (name) => this.command(socket, name),
      format: (zpl) => {
        labels.push(zpl);
        this.labelsPrinted++;
        this.emit('format', zpl);
        const limit = this.options.paperOutAfterLabels;
        if (limit !== undefined && this.labelsPrinted === limit)
          void this.set({ paperOut: true, paused: true });
      },
    });
    socket.on('data', (chunk: Buffer) => {
      raw.push(chunk);
      bytes += chunk.length;
      reader.push(chunk.toString('latin1'));
      if (this.state.slow) {
        socket.pause();
        setTimeout(() => socket.resume(), 20);
      }
    });
    socket.on('end', () => {
      if (this.state.cutNextJob && (labels.length > 0 || reader.inFormat)) {
        this.state.cutNextJob = false;
        this.emit('state', { ...this.state });
        cut = true;
        socket.resetAndDestroy();
      } else socket.end();
    });
    socket.once('close', (hadError) => {
      this.active = null;
      if (labels.length > 0 || reader.inFormat)
        void this.store(Buffer.concat(raw), labels, !hadError && !cut && !reader.inFormat, bytes);
      const next = this.waiting.shift();
      if (next && !next.destroyed) {
        this.serve(next);
        next.resume();
      }
    });
  }

  private command(socket: net.Socket, name: string): void {
    this.commands.push(name);
    this.emit('command', name);
    const s = this.state;
    const inError = s.paperOut || s.headOpen || s.ribbonOut;
    if (name === 'HS' && !(s.silentHsInError && inError)) {
      const b = (v: boolean) => (v ? '1' : '0');
      const remaining = String(s.paperOut || s.paused ? 1 : 0).padStart(8, '0');
      socket.write(
        `${STX}030,${b(s.paperOut)},${b(s.paused)},1218,000,0,0,0,000,0,0,0${ETX}\r\n` +
          `${STX}001,0,${b(s.headOpen)},${b(s.ribbonOut)},1,2,4,0,${remaining},1,000${ETX}\r\n` +
          `${STX}1234,0${ETX}\r\n`,
      );
    } else if (name === 'HQES') {
      let errors = 0;
      if (s.paperOut) errors |= 0x1;
      if (s.ribbonOut) errors |= 0x2;
      if (s.headOpen) errors |= 0x4;
      if (s.paused) errors |= 0x10000;
      const hex = errors.toString(16).toUpperCase().padStart(8, '0');
      socket.write(
        `${STX}\r\n  PRINTER STATUS\r\n   ERRORS:         ${errors ? 1 : 0} 00000000 ${hex}\r\n   WARNINGS:       0 00000000 00000000\r\n${ETX}`,
      );
    } else if (name === 'HI') {
      socket.write(`${STX}${this.options.model ?? 'ZD420-203dpi'} ZPL,V93.20.15Z,8,4194304${ETX}`);
    }
  }

  private async store(data: Buffer, labels: string[], complete: boolean, bytes: number): Promise<void> {
    const seq = ++this.seq;
    const file = path.join(
      this.options.jobDir,
      `job-${String(seq).padStart(6, '0')}${complete ? '' : '.partial'}.zpl`,
    );
    await writeFile(file, data);
    const job: ZebraSimJob = { seq, file, labels, complete, bytes };
    this.emit('job', job);
  }
}
