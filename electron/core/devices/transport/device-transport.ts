import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '@shared/contract/errors';
import { Listeners, type Transport } from './transport';

/**
 * A character device such as `/dev/usb/lp0` (or any file), written one job at a time. Write-only:
 * a USB printer may not answer status queries through the kernel driver, so none are attempted.
 */
export class DeviceTransport implements Transport {
  readonly bidirectional = false;
  private readonly closed = new Listeners<[Error | null]>();
  private written = 0;
  private isClosed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly description: string,
  ) {}

  static async open(path: string): Promise<DeviceTransport> {
    try {
      // 'a': never truncate (a regular file used as a spool keeps every job).
      return new DeviceTransport(await open(path, 'a'), `device ${path}`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const hint =
        code === 'EACCES'
          ? 'Add the Loadstar user to the "lp" group, then log in again.'
          : code === 'ENOENT'
            ? 'The printer is unplugged or switched off.'
            : 'Check the printer is connected.';
      throw new AppError(
        'device_offline',
        `Cannot open ${path} (${code ?? (err as Error).message}). ${hint}`,
      );
    }
  }

  get bytesWritten(): number {
    return this.written;
  }

  async write(data: Uint8Array | string): Promise<void> {
    if (this.isClosed) throw new AppError('device_error', `${this.description} is closed`);
    const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    let offset = 0;
    try {
      while (offset < buf.length) {
        const { bytesWritten } = await this.handle.write(buf, offset, buf.length - offset);
        offset += bytesWritten;
        this.written += bytesWritten;
      }
    } catch (err) {
      throw new AppError('device_error', `Writing to ${this.description} failed (${(err as Error).message})`);
    }
  }

  onData(): () => void {
    return () => undefined;
  }

  onClose(listener: (error: Error | null) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      await this.handle.close();
      this.closed.emit(null);
    } catch (err) {
      this.closed.emit(err as Error);
      throw new AppError(
        'device_error',
        `${this.description} failed while closing (${(err as Error).message})`,
      );
    }
  }

  destroy(): void {
    if (!this.isClosed) void this.close().catch(() => undefined);
  }
}
