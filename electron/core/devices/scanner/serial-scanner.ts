import { SerialPort } from 'serialport';
import { toScanEvent, type ScanEvent } from '@shared/domain/gs1';
import { Backoff, Waker } from '../../backoff';
import { TypedEmitter } from '../typed-emitter';
import { ScanFramer } from './scan-framer';

export interface SerialScannerConfig {
  id: string;
  path: string;
  baudRate: number;
  /** Longest scan accepted; longer lines are discarded with an error. */
  maxLength?: number;
  /** Text the scanner puts before each scan: stripped; a line without it is rejected. */
  prefix?: string;
  /** Text the scanner sends for GS (FNC1): replaced by U+001D. */
  gsPlaceholder?: string;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

export interface ScannerStatus {
  scannerId: string;
  state: 'connecting' | 'connected' | 'disconnected' | 'stopped';
  reason: string | null;
}

export interface ScannerEvents extends Record<string, unknown> {
  scan: ScanEvent;
  status: ScannerStatus;
  /** A line was rejected (garbage, overlong); the scanner keeps working. */
  rejected: { scannerId: string; message: string; at: number };
}

/**
 * A serial (or pseudo-terminal) barcode scanner. `serialport` does not reconnect after an unplug,
 * so this does: it keeps reopening the path with back-off until the device is back.
 */
export class SerialScanner extends TypedEmitter<ScannerEvents> {
  private port: SerialPort | null = null;
  private stopped = false;
  private readonly waker = new Waker();
  private readonly backoff: Backoff;
  private loop: Promise<void> | null = null;
  private current: ScannerStatus;

  constructor(readonly config: SerialScannerConfig) {
    super();
    this.backoff = new Backoff(config.reconnectInitialMs ?? 250, config.reconnectMaxMs ?? 5000);
    this.current = { scannerId: config.id, state: 'disconnected', reason: null };
  }

  get status(): ScannerStatus {
    return this.current;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    const port = this.port;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.loop;
    this.setStatus('stopped', null);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.setStatus('connecting', null);
      const reason = await this.session();
      if (this.stopped) break;
      this.setStatus('disconnected', reason);
      await this.waker.sleep(this.backoff.next());
    }
  }

  /** One open-read-close cycle; resolves with why it ended. */
  private session(): Promise<string> {
    return new Promise((resolve) => {
      const port = new SerialPort({
        path: this.config.path,
        baudRate: this.config.baudRate,
        autoOpen: false,
      });
      const framer = new ScanFramer(this.config.maxLength);
      let lastError: string | null = null;
      port.open((err) => {
        if (err) {
          resolve(`Cannot open ${this.config.path} (${err.message}). Is the scanner plugged in?`);
          return;
        }
        this.port = port;
        this.backoff.reset();
        this.setStatus('connected', null);
        port.on('data', (chunk: Buffer) => this.handle(framer.push(chunk)));
        port.on('error', (e: Error) => {
          lastError = e.message;
        });
        port.on('close', () => {
          this.port = null;
          resolve(
            `The scanner on ${this.config.path} was disconnected${lastError ? ` (${lastError})` : ''}; reconnecting.`,
          );
        });
        if (this.stopped) port.close(() => undefined);
      });
    });
  }

  private handle(lines: ReturnType<ScanFramer['push']>): void {
    const at = Date.now();
    for (const line of lines) {
      if (!line.ok) {
        this.emit('rejected', { scannerId: this.config.id, message: line.error, at });
        continue;
      }
      const { prefix, gsPlaceholder } = this.config;
      let text = line.text;
      if (prefix) {
        if (!text.startsWith(prefix)) {
          this.emit('rejected', {
            scannerId: this.config.id,
            message: `A scan without the configured prefix "${prefix}" was ignored`,
            at,
          });
          continue;
        }
        text = text.slice(prefix.length);
      }
      if (gsPlaceholder) text = text.split(gsPlaceholder).join('\u001d');
      this.emit('scan', toScanEvent(this.config.id, text, at));
    }
  }

  private setStatus(state: ScannerStatus['state'], reason: string | null): void {
    if (state === this.current.state && reason === this.current.reason) return;
    this.current = { scannerId: this.config.id, state, reason };
    this.emit('status', this.current);
  }
}
