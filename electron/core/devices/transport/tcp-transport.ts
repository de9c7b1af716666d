import net from 'node:net';
import { AppError } from '@shared/contract/errors';
import { DEFAULT_TIMEOUTS, Listeners, type Transport, type TransportTimeouts } from './transport';

/**
 * Raw TCP (Zebra port 9100 style). Honours back-pressure: `write` waits for `drain`, because a
 * printer with a full receive buffer shows exactly that. `close` is `end()` and then waiting
 * for the printer to close; a reset, an early close or a timeout rejects (unknown outcome).
 */
export class TcpTransport implements Transport {
  readonly bidirectional = true;
  private readonly data = new Listeners<[Buffer]>();
  private readonly closed = new Listeners<[Error | null]>();
  private closeError: Error | null = null;
  private isClosed = false;
  private weEnded = false;
  private peerEndedFirst = false;

  private constructor(
    private readonly socket: net.Socket,
    readonly description: string,
    private readonly timeouts: TransportTimeouts,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.data.emit(chunk));
    socket.on('end', () => {
      if (!this.weEnded) this.peerEndedFirst = true;
    });
    socket.on('error', (err) => {
      this.closeError ??= err;
    });
    socket.on('close', (hadError) => {
      this.isClosed = true;
      if (hadError && !this.closeError) this.closeError = new Error('connection reset');
      this.closed.emit(this.closeError);
    });
  }

  static connect(
    host: string,
    port: number,
    timeouts: TransportTimeouts = DEFAULT_TIMEOUTS,
  ): Promise<TcpTransport> {
    const description = `tcp ${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new AppError(
            'device_offline',
            `No answer from ${host}:${port} within ${timeouts.connectMs} ms. Check the device is on and the address is right.`,
          ),
        );
      }, timeouts.connectMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new AppError(
            'device_offline',
            `Cannot connect to ${host}:${port} (${err.code ?? err.message}). Check the device is on and the address is right.`,
          ),
        );
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new TcpTransport(socket, description, timeouts));
      });
    });
  }

  get bytesWritten(): number {
    return this.socket.bytesWritten;
  }

  write(data: Uint8Array | string): Promise<void> {
    if (this.isClosed || this.socket.destroyed)
      return Promise.reject(this.brokenError('before the data was sent'));
    return new Promise((resolve, reject) => {
      if (this.socket.write(data)) {
        resolve();
        return;
      }
      const stall = setTimeout(() => {
        this.closeError ??= new Error(
          `the printer took no data for ${Math.round(this.timeouts.stallMs / 1000)} s`,
        );
        this.socket.destroy();
      }, this.timeouts.stallMs);
      const onClose = () => {
        clearTimeout(stall);
        reject(this.brokenError('while sending'));
      };
      this.socket.once('close', onClose);
      this.socket.once('drain', () => {
        clearTimeout(stall);
        this.socket.removeListener('close', onClose);
        resolve();
      });
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (error: Error | null) => void): () => void {
    return this.closed.add(listener);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        if (this.closeError) reject(this.brokenError('before it confirmed the data'));
        else if (this.peerEndedFirst)
          reject(
            new AppError(
              'device_error',
              `${this.description} closed the connection before all data was sent`,
            ),
          );
        else resolve();
      };
      const timer = setTimeout(() => {
        this.closeError ??= new Error(`no close within ${this.timeouts.closeMs} ms`);
        this.socket.destroy();
      }, this.timeouts.closeMs);
      if (this.isClosed) {
        finish();
        return;
      }
      this.closed.add(finish);
      this.weEnded = true;
      this.socket.end();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private brokenError(when: string): AppError {
    const cause = this.closeError
      ? ` (${(this.closeError as NodeJS.ErrnoException).code ?? this.closeError.message})`
      : '';
    return new AppError('device_error', `The connection to ${this.description} broke ${when}${cause}`);
  }
}
