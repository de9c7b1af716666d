import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { AppError } from '@shared/contract/errors';
import { Listeners, type Transport } from './transport';

/**
 * A CUPS raw queue through `lp -d QUEUE -o raw` (job on stdin). Deprecated by CUPS since 2.2.7
 * but still common; `close` resolves only when `lp` exits 0, i.e. CUPS accepted the job.
 */
export class CupsTransport implements Transport {
  readonly bidirectional = false;
  private readonly closed = new Listeners<[Error | null]>();
  private written = 0;
  private stderr = '';
  private readonly exited: Promise<Error | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly description: string,
  ) {
    child.stderr.on('data', (c: Buffer) => {
      this.stderr = (this.stderr + c.toString()).slice(-2000);
    });
    // EPIPE when lp dies early: reported through the exit code instead.
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => resolve(err));
      child.once('close', (code) =>
        resolve(code === 0 ? null : new Error(this.stderr.trim() || `lp exited with ${String(code)}`)),
      );
    }).then((err) => {
      this.closed.emit(err as Error | null);
      return err as Error | null;
    });
  }

  static open(queue: string, lpCommand = 'lp'): Promise<CupsTransport> {
    if (!/^[\w.@-]+$/.test(queue)) {
      return Promise.reject(new AppError('invalid_input', `"${queue}" is not a valid CUPS queue name`));
    }
    const child = spawn(lpCommand, ['-d', queue, '-o', 'raw'], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      child.once('error', (err) =>
        reject(
          new AppError(
            'device_offline',
            `Cannot run "${lpCommand}" for CUPS queue ${queue} (${err.message}). Install CUPS client tools or use a direct connection.`,
          ),
        ),
      );
      child.once('spawn', () => resolve(new CupsTransport(child, `CUPS queue ${queue}`)));
    });
  }

  get bytesWritten(): number {
    return this.written;
  }

  write(data: Uint8Array | string): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    this.written += buf.length;
    return new Promise((resolve, reject) => {
      if (this.child.stdin.write(buf)) resolve();
      else this.child.stdin.once('drain', resolve);
      void this.exited.then(
        (err) =>
          err &&
          reject(
            new AppError('device_error', `${this.description} refused the job (${err.message})`, {
              notPrinted: true,
            }),
          ),
      );
    });
  }

  onData(): () => void {
    return () => undefined;
  }

  onClose(listener: (error: Error | null) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    const err = await this.exited;
    if (err)
      throw new AppError('device_error', `${this.description} refused the job (${err.message})`, {
        notPrinted: true,
      });
  }

  destroy(): void {
    this.child.kill('SIGTERM');
  }
}
