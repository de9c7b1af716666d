/**
 * Splits a serial scanner's byte stream into scans. Scanners end a scan with CR or CR LF (some
 * with LF); all are accepted. A line with binary garbage (wrong baud rate, line noise) or one
 * that never ends is dropped with a reason, and framing resumes cleanly at the next line end.
 */
export type FramedLine = { ok: true; text: string } | { ok: false; error: string };

const CR = 0x0d;
const LF = 0x0a;
/** Control bytes a scan may legitimately contain: GS (FNC1), RS and EOT (ISO/IEC 15434 envelopes). */
const ALLOWED_CONTROL = new Set([0x04, 0x1d, 0x1e]);

export class ScanFramer {
  private chunks: Buffer[] = [];
  private length = 0;
  private overflowing = false;
  private lastWasCr = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxLength = 4096) {}

  push(data: Buffer): FramedLine[] {
    const out: FramedLine[] = [];
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      const b = data[i]!;
      if (b !== CR && b !== LF) {
        this.lastWasCr = false;
        continue;
      }
      // LF straight after CR is the second half of a CR LF suffix.
      const skip = b === LF && this.lastWasCr && i === start;
      this.lastWasCr = b === CR;
      if (!skip) {
        this.append(data.subarray(start, i), out);
        const line = this.finish();
        if (line) out.push(line);
      }
      start = i + 1;
    }
    this.append(data.subarray(start), out);
    return out;
  }

  private append(part: Buffer, out: FramedLine[]): void {
    if (part.length === 0 || this.overflowing) return;
    if (this.length + part.length > this.maxLength) {
      this.overflowing = true;
      this.chunks = [];
      this.length = 0;
      out.push({
        ok: false,
        error: `A scan longer than ${this.maxLength} bytes never ended and was discarded. Set the scanner's suffix to CR or CR LF and check its baud rate.`,
      });
      return;
    }
    this.chunks.push(Buffer.from(part));
    this.length += part.length;
  }

  private finish(): FramedLine | null {
    const bytes = Buffer.concat(this.chunks);
    const wasOverflowing = this.overflowing;
    this.chunks = [];
    this.length = 0;
    this.overflowing = false;
    if (wasOverflowing || bytes.length === 0) return null;
    const bad = bytes.findIndex((b) => (b < 0x20 && !ALLOWED_CONTROL.has(b)) || b === 0x7f);
    let text: string | null = null;
    if (bad === -1) {
      try {
        text = this.decoder.decode(bytes);
      } catch {
        text = null;
      }
    }
    if (text === null) {
      return {
        ok: false,
        error: `A scan of ${bytes.length} bytes contained unreadable binary data and was ignored. Check the scanner's baud rate (usually 9600, 8N1) and cable.`,
      };
    }
    return { ok: true, text };
  }
}
