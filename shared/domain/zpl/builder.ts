import { AppError } from '../../contract/errors';
import { escapeBlockText, escapeCode128Data, escapeFieldData, isCode128Printable } from './escape';
import { gs1_128Data, gs1HumanReadable, type Gs1ElementInput } from './gs1-128';

export type Dpi = 203 | 300 | 600;

export interface LabelSetup {
  dpi: Dpi;
  widthMm: number;
  heightMm: number;
}

/** Dots per millimetre for each print head resolution. */
export const DOTS_PER_MM: Readonly<Record<Dpi, number>> = { 203: 8, 300: 12, 600: 24 };

export interface TextOptions {
  heightMm?: number;
  /** Wrap inside a block this wide (mm); defaults to the rest of the label width. */
  blockWidthMm?: number;
  maxLines?: number;
  align?: 'L' | 'C' | 'R';
  /** White on black. */
  reverse?: boolean;
}

export interface BarcodeOptions {
  heightMm?: number;
  /** Narrow bar width; shrunk automatically when the symbol would not fit the label. */
  moduleMm?: number;
  /** Print a human-readable line under the symbol. */
  humanReadable?: boolean;
}

const round = (n: number): number => Math.max(0, Math.round(n));

/**
 * A small typed ZPL II builder. Positions and sizes are millimetres, converted to dots for the
 * printer's dpi, so one template lays out the same on 203, 300 and 600 dpi heads. Every piece of
 * caller data goes through `^FH` escaping; there is deliberately no way to add raw ZPL.
 */
export class ZplBuilder {
  private readonly parts: string[] = [];
  readonly dpmm: number;

  constructor(readonly setup: LabelSetup) {
    if (!(setup.dpi in DOTS_PER_MM))
      throw new AppError(
        'invalid_input',
        `Unsupported printer resolution ${String(setup.dpi)} dpi; use 203, 300 or 600`,
      );
    if (!(setup.widthMm >= 10 && setup.widthMm <= 220 && setup.heightMm >= 5 && setup.heightMm <= 1000)) {
      throw new AppError(
        'invalid_input',
        `Label size ${setup.widthMm}×${setup.heightMm} mm is outside what Zebra printers take (10–220 mm wide)`,
      );
    }
    this.dpmm = DOTS_PER_MM[setup.dpi];
  }

  dots(mm: number): number {
    return round(mm * this.dpmm);
  }

  /** A text block; an array prints one entry per line (`\&` between the escaped lines). */
  text(xMm: number, yMm: number, text: string | readonly string[], options: TextOptions = {}): this {
    const h = this.dots(options.heightMm ?? 3.5);
    const width = this.dots(options.blockWidthMm ?? this.setup.widthMm - xMm - 2);
    const entries = typeof text === 'string' ? [text] : text;
    const lines = Math.max(1, Math.floor(options.maxLines ?? entries.length));
    const data = entries.slice(0, lines).map(escapeBlockText).join('\\&');
    const reverse = options.reverse ? '^FR' : '';
    this.parts.push(
      `^FO${this.dots(xMm)},${this.dots(yMm)}^A0N,${h},${h}^FB${width},${lines},0,${options.align ?? 'L'},0${reverse}^FH^FD${data}^FS`,
    );
    return this;
  }

  box(xMm: number, yMm: number, wMm: number, hMm: number, thicknessMm = 0.5): this {
    const t = Math.max(1, this.dots(thicknessMm));
    this.parts.push(
      `^FO${this.dots(xMm)},${this.dots(yMm)}^GB${Math.max(t, this.dots(wMm))},${Math.max(t, this.dots(hMm))},${t}^FS`,
    );
    return this;
  }

  /** Code 128 in subset B; data limited to printable ASCII so it scans back as typed. */
  code128(xMm: number, yMm: number, data: string, options: BarcodeOptions = {}): this {
    if (data.length === 0 || data.length > 80 || !isCode128Printable(data)) {
      throw new AppError(
        'invalid_input',
        `Barcode value "${data.slice(0, 40)}" must be 1–80 plain ASCII characters`,
      );
    }
    // Start B + data + check + stop; `>` escapes are one symbol each.
    const module = this.fitModule(xMm, data.length + 3, options.moduleMm);
    const interpretation = options.humanReadable === false ? 'N' : 'Y';
    this.parts.push(
      `^FO${this.dots(xMm)},${this.dots(yMm)}^BY${module},3^BCN,${this.dots(options.heightMm ?? 15)},${interpretation},N,N,N^FH^FD>:${escapeCode128Data(data)}^FS`,
    );
    return this;
  }

  /** GS1-128: validated element string with FNC1s; our own `(AI) value` line under it. */
  gs1_128(
    xMm: number,
    yMm: number,
    elements: readonly Gs1ElementInput[],
    options: BarcodeOptions = {},
  ): this {
    const { data, symbols } = gs1_128Data(elements);
    const module = this.fitModule(xMm, symbols, options.moduleMm);
    const heightMm = options.heightMm ?? 25;
    this.parts.push(
      `^FO${this.dots(xMm)},${this.dots(yMm)}^BY${module},3^BCN,${this.dots(heightMm)},N,N,N,N^FH^FD${escapeFieldData(data)}^FS`,
    );
    if (options.humanReadable !== false) {
      this.text(xMm, yMm + heightMm + 1, gs1HumanReadable(elements), { heightMm: 3, align: 'L' });
    }
    return this;
  }

  qr(xMm: number, yMm: number, data: string, options: { moduleMm?: number } = {}): this {
    if (data.length === 0 || data.length > 1000)
      throw new AppError('invalid_input', 'QR code content must be 1–1000 characters');
    const magnification = Math.min(10, Math.max(1, round((options.moduleMm ?? 0.5) * this.dpmm)));
    // QA, = error correction Q, automatic input mode. Model 2.
    this.parts.push(
      `^FO${this.dots(xMm)},${this.dots(yMm)}^BQN,2,${magnification}^FH^FDQA,${escapeFieldData(data)}^FS`,
    );
    return this;
  }

  /** The complete format: UTF-8, print width and label length set from the setup. */
  build(copies = 1): string {
    const pq = Number.isInteger(copies) && copies > 1 ? `^PQ${Math.min(copies, 999)}` : '';
    return `^XA^CI28^PW${this.dots(this.setup.widthMm)}^LL${this.dots(this.setup.heightMm)}^LH0,0${this.parts.join('')}${pq}^XZ\n`;
  }

  /** Narrow-bar width in dots: the requested one, shrunk until the symbol fits the label. */
  private fitModule(xMm: number, symbols: number, moduleMm = 0.375): number {
    const wanted = Math.max(1, round(moduleMm * this.dpmm));
    const available = this.dots(this.setup.widthMm - xMm - 2);
    // 11 modules per symbol, 2 more for the stop bar, plus 10-module quiet zones each side.
    const fits = Math.floor(available / (symbols * 11 + 2 + 20));
    return Math.max(1, Math.min(wanted, fits));
  }
}
