/**
 * The simulator's view of a Zebra byte stream, independent of the driver code: splits it into
 * `~` commands (which act at once, even inside a format) and `^XA…^XZ` formats.
 */
export interface StreamEvents {
  command(name: string): void;
  format(zpl: string): void;
}

export class ZplStreamReader {
  private buf = '';
  private format: string | null = null;

  constructor(private readonly events: StreamEvents) {}

  /** True while a format was started but not ended. */
  get inFormat(): boolean {
    return this.format !== null;
  }

  push(chunk: string): void {
    this.buf += chunk;
    for (;;) {
      const tilde = this.buf.indexOf('~');
      const marker = this.buf.indexOf(this.format === null ? '^XA' : '^XZ');
      if (tilde !== -1 && (marker === -1 || tilde < marker)) {
        // Wait until the command name is complete; `~HQES` is the only 4-letter one we answer.
        if (this.buf.length < tilde + 3) return;
        let name = this.buf.slice(tilde + 1, tilde + 3);
        if (name === 'HQ') {
          if (this.buf.length < tilde + 5) return;
          name = this.buf.slice(tilde + 1, tilde + 5);
        }
        if (this.format !== null) this.format += this.buf.slice(0, tilde);
        this.buf = this.buf.slice(tilde + 1 + name.length);
        this.events.command(name);
        continue;
      }
      if (marker !== -1) {
        if (this.format === null) {
          this.format = '^XA';
        } else {
          this.events.format(`${this.format}${this.buf.slice(0, marker)}^XZ`);
          this.format = null;
        }
        this.buf = this.buf.slice(marker + 3);
        continue;
      }
      // Keep a tail that might be the start of a split marker or command.
      const keep = Math.min(this.buf.length, 4);
      if (this.format !== null) this.format += this.buf.slice(0, this.buf.length - keep);
      this.buf = this.buf.slice(this.buf.length - keep);
      return;
    }
  }
}
