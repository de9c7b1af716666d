import { SerialPort } from 'serialport';
import { AppError } from '@shared/contract/errors';
import { Listeners, type Transport } from './transport';

/** A serial port as a transport (serial Zebra printers; 8N1). */
export class SerialTransport implements Transport {
  readonly bidirectional = true;
  private readonly data = new Listeners<[Buffer]>();
  private readonly closed = new Listeners<[Error | null]>();
  private written = 0;
  private error: Error | null = null;
  private isClosed = false;

  private constructor(
    private readonly port: SerialPort,
    readonly description: string,
  ) {
    port.on('data', (chunk: Buffer) => this.data.emit(chunk));
    port.on('error', (err: Error) => {
      this.error ??= err;
    });
    port.on('close', () => {
      this.isClosed = true;
      this.closed.emit(this.error);
    });
  }

  static open(path: string, baudRate: number): Promise<SerialTransport> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      port.open((err) => {
        if (err)
          reject(
            new AppError(
              'device_offline',
              `Cannot open serial port ${path} (${err.message}). Check the cable and that no other program uses the port.`,
            ),
          );
        else resolve(new SerialTransport(port, `serial ${path} @${baudRate}`));
      });
    });
  }

  get bytesWritten(): number {
    return this.written;
  }

  write(data: Uint8Array | string): Promise<void> {
    if (this.isClosed) return Promise.reject(new AppError('device_error', `${this.description} is closed`));
    const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    this.written += buf.length;
    return new Promise((resolve, reject) => {
      this.port.write(buf, (err) => {
        if (err)
          reject(new AppError('device_error', `Writing to ${this.description} failed (${err.message})`));
      });
      // drain waits until the OS has taken the bytes, which is our back-pressure.
      this.port.drain((err) =>
        err
          ? reject(new AppError('device_error', `Writing to ${this.description} failed (${err.message})`))
          : resolve(),
      );
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error: Error | null) => void): () => void {
    return this.closed.add(listener);
  }

  close(): Promise<void> {
    if (this.isClosed) return this.error ? Promise.reject(this.error) : Promise.resolve();
    return new Promise((resolve, reject) => {
      this.port.drain(() => {
        this.port.close((err) => {
          const problem = this.error ?? err;
          if (problem)
            reject(
              new AppError('device_error', `${this.description} failed while closing (${problem.message})`),
            );
          else resolve();
        });
      });
    });
  }

  destroy(): void {
    if (!this.isClosed && this.port.isOpen) this.port.close(() => undefined);
  }
}
