/**
 * A byte link to a device. Protocol code (Zebra, scanners) is written against this, so it runs
 * the same over TCP, serial, a USB character device or a CUPS queue, and against simulators.
 */
export interface Transport {
  /** For messages: "tcp 10.0.0.5:9100", "serial /dev/ttyUSB0". */
  readonly description: string;
  /** False for links that cannot answer (device files, CUPS): no status queries over them. */
  readonly bidirectional: boolean;
  /** Bytes handed to the link so far; > 0 means the device may have acted on some data. */
  readonly bytesWritten: number;
  /** Resolves once the link accepted the data (waits out back-pressure); rejects if it broke. */
  write(data: Uint8Array | string): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Ends the stream and resolves when the link closed cleanly; rejects when it broke instead. */
  close(): Promise<void>;
  /** Drops the link at once (timeouts, shutdown). */
  destroy(): void;
  /** Fires once; `error` is null for a clean close. */
  onClose(listener: (error: Error | null) => void): () => void;
}

export type TransportConfig =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'device'; path: string }
  | { kind: 'cups'; queue: string; /** Override for tests or non-standard installs. */ lpCommand?: string };

export interface TransportTimeouts {
  connectMs: number;
  /** How long to wait, after our last byte, for the device to close the link. */
  closeMs: number;
  /**
   * Longest wait for a printer that stopped taking data (TCP back-pressure) before giving up:
   * long, because a paused printer with a full buffer resumes once someone loads paper.
   */
  stallMs: number;
}

export const DEFAULT_TIMEOUTS: TransportTimeouts = { connectMs: 3000, closeMs: 15000, stallMs: 300_000 };

export function describeTransport(config: TransportConfig): string {
  switch (config.kind) {
    case 'tcp':
      return `tcp ${config.host}:${config.port}`;
    case 'serial':
      return `serial ${config.path} @${config.baudRate}`;
    case 'device':
      return `device ${config.path}`;
    case 'cups':
      return `CUPS queue ${config.queue}`;
  }
}

/** Small helper shared by transports: a set of listeners called in order, errors isolated. */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();

  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(...args: A): void {
    for (const l of [...this.set]) {
      try {
        l(...args);
      } catch {
        // A faulty listener must not break the link for the others.
      }
    }
  }
}
