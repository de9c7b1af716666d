/**
 * A GPS receiver on a serial port (the in-cab laptop's USB puck): lines in, fixes out. Like the
 * scanners, it reopens the port with back-off after an unplug, since `serialport` does not.
 */
import { SerialPort } from 'serialport';
import type { NmeaPortStatus } from '@shared/contract';
import { Backoff, Waker } from '../../devices/backoff';
import type { RawFix } from './fix';
import { NmeaAssembler, parseLine } from './nmea';

/** NMEA sentences are at most 82 characters; anything far longer is line noise. */
const MAX_LINE = 256;
/** An epoch with no successor (the receiver went quiet) is emitted after this. */
const EPOCH_IDLE_MS = 1500;

export interface NmeaPortOptions {
  path: string;
  baudRate: number;
  trackerUid: string;
  now: () => number;
  onFix(fix: RawFix): void;
  onStatus?(status: NmeaPortStatus): void;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

export class NmeaPort {
  private port: SerialPort | null = null;
  private stopped = false;
  private readonly waker = new Waker();
  private readonly backoff: Backoff;
  private loop: Promise<void> | null = null;
  private readonly assembler: NmeaAssembler;
  private idle: NodeJS.Timeout | null = null;
  private current: NmeaPortStatus;

  constructor(private readonly o: NmeaPortOptions) {
    this.backoff = new Backoff(o.reconnectInitialMs ?? 500, o.reconnectMaxMs ?? 10_000);
    this.assembler = new NmeaAssembler(o.trackerUid, o.now);
    this.current = {
      path: o.path,
      trackerUid: o.trackerUid,
      state: 'disconnected',
      reason: null,
      sentences: 0,
      badChecksum: 0,
      badSentence: 0,
    };
  }

  get status(): NmeaPortStatus {
    return { ...this.current };
  }

  /** What it was started with, to tell whether new settings need a restart. */
  get settings(): { path: string; baudRate: number; trackerUid: string } {
    return { path: this.o.path, baudRate: this.o.baudRate, trackerUid: this.o.trackerUid };
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    if (this.idle) clearTimeout(this.idle);
    const port = this.port;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.loop;
    this.setState('stopped', null);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.setState('connecting', null);
      const reason = await this.session();
      if (this.stopped) break;
      this.setState('disconnected', reason);
      await this.waker.sleep(this.backoff.next());
    }
  }

  private session(): Promise<string> {
    return new Promise((resolve) => {
      const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, autoOpen: false });
      let buffer = '';
      let lastError: string | null = null;
      port.open((err) => {
        if (err) {
          resolve(`Cannot open ${this.o.path} (${err.message}). Is the GPS receiver plugged in?`);
          return;
        }
        this.port = port;
        this.backoff.reset();
        this.setState('connected', null);
        port.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('latin1');
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            this.line(buffer.slice(0, nl).replace(/\r$/, ''));
            buffer = buffer.slice(nl + 1);
          }
          if (buffer.length > MAX_LINE) {
            this.current.badSentence++;
            buffer = '';
          }
        });
        port.on('error', (e: Error) => {
          lastError = e.message;
        });
        port.on('close', () => {
          this.port = null;
          this.emitFix(this.assembler.flush());
          resolve(
            `The GPS receiver on ${this.o.path} was disconnected${lastError ? ` (${lastError})` : ''}; reconnecting.`,
          );
        });
        if (this.stopped) port.close(() => undefined);
      });
    });
  }

  private line(text: string): void {
    if (text.trim() === '') return;
    const parsed = parseLine(text);
    if (!parsed.ok) {
      if (parsed.error === 'checksum') this.current.badChecksum++;
      else if (parsed.error === 'format') this.current.badSentence++;
      // Other sentence types (GSV, GSA…) are normal traffic, not errors.
      this.publish();
      return;
    }
    this.current.sentences++;
    this.emitFix(this.assembler.push(parsed.sentence));
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.emitFix(this.assembler.flush()), EPOCH_IDLE_MS);
  }

  private emitFix(fix: RawFix | null): void {
    if (fix) this.o.onFix(fix);
  }

  private setState(state: NmeaPortStatus['state'], reason: string | null): void {
    if (state === this.current.state && reason === this.current.reason) return;
    this.current.state = state;
    this.current.reason = reason;
    this.publish();
  }

  private publish(): void {
    this.o.onStatus?.(this.status);
  }
}
