import { AppError } from '@shared/contract/errors';
import { openTransport } from '../transport/open-transport';
import {
  DEFAULT_TIMEOUTS,
  describeTransport,
  type Transport,
  type TransportConfig,
  type TransportTimeouts,
} from '../transport/transport';
import {
  parseExtendedStatus,
  parseHostIdentification,
  parseHostStatus,
  type PrinterInfo,
  type PrinterStatus,
} from './status-parse';
import { queryFrames } from './status-query';

export type StatusReport =
  | { reachable: true; status: PrinterStatus }
  /** Link works but the printer cannot report (device file, CUPS) or stayed silent to both queries. */
  | { reachable: true; status: null; queryable: boolean; reason: string }
  | { reachable: false; reason: string };

export type PrintOutcome =
  | { outcome: 'printed' }
  /** Nothing reached the printer; safe to send again. */
  | { outcome: 'not-sent'; reason: string }
  /** The link broke after data was handed over: the label may or may not have printed. */
  | { outcome: 'uncertain'; reason: string }
  /** The link said for certain the job was refused (e.g. `lp` exit status): not printed. */
  | { outcome: 'failed'; reason: string };

export interface ZebraPrinterOptions {
  queryTimeoutMs?: number;
  timeouts?: TransportTimeouts;
  /** Seam for tests and the simulator harness; defaults to `openTransport`. */
  open?: (config: TransportConfig, timeouts: TransportTimeouts) => Promise<Transport>;
}

/** Zebra ZPL protocol over any transport: status, identification and one-job-per-link printing. */
export class ZebraPrinter {
  private readonly queryTimeoutMs: number;
  private readonly timeouts: TransportTimeouts;
  private readonly open: (config: TransportConfig, timeouts: TransportTimeouts) => Promise<Transport>;

  constructor(
    readonly config: TransportConfig,
    options: ZebraPrinterOptions = {},
  ) {
    this.queryTimeoutMs = options.queryTimeoutMs ?? 1500;
    this.timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    this.open = options.open ?? openTransport;
  }

  get description(): string {
    return describeTransport(this.config);
  }

  /** `~HS`, and `~HQES` when `~HS` stays silent (newer firmware does so in error states). */
  async status(): Promise<StatusReport> {
    let link: Transport;
    try {
      link = await this.open(this.config, this.timeouts);
    } catch (err) {
      return { reachable: false, reason: (err as Error).message };
    }
    if (!link.bidirectional) {
      void link.close().catch(() => undefined);
      return {
        reachable: true,
        status: null,
        queryable: false,
        reason: `status is not available over ${this.description}`,
      };
    }
    const hs = parseHostStatus((await queryFrames(link, '~HS', 3, this.queryTimeoutMs)) ?? '');
    if (hs) return { reachable: true, status: hs };
    return this.extendedStatus();
  }

  /** `~HQES` on a fresh connection, after `~HS` stayed silent. */
  private async extendedStatus(): Promise<StatusReport> {
    let link: Transport;
    try {
      link = await this.open(this.config, this.timeouts);
    } catch (err) {
      return { reachable: false, reason: (err as Error).message };
    }
    const hq = parseExtendedStatus((await queryFrames(link, '~HQES', 1, this.queryTimeoutMs)) ?? '');
    if (hq) return { reachable: true, status: hq };
    return {
      reachable: true,
      status: null,
      queryable: true,
      reason: 'the printer accepts connections but answers no status query: check its display',
    };
  }

  /** `~HI`: model, firmware, resolution. Throws `device_offline` / `device_error`. */
  async info(): Promise<PrinterInfo> {
    const link = await this.open(this.config, this.timeouts);
    if (!link.bidirectional) {
      void link.close().catch(() => undefined);
      throw new AppError('device_error', `${this.description} cannot report the printer model`);
    }
    const info = parseHostIdentification((await queryFrames(link, '~HI', 1, this.queryTimeoutMs)) ?? '');
    if (!info)
      throw new AppError(
        'device_error',
        `The device at ${this.description} did not identify itself as a Zebra printer (no ~HI reply)`,
      );
    return info;
  }

  /**
   * Status check and job on one connection: `~HS`, then the job only if `gate` approves the
   * status (the gate also claims the job in the database, before any of its bytes leave).
   * Saves a connection per label over `status()` + `print()`; falls back to them when `~HS`
   * stays silent so the `~HQES` path still applies. `outcome` is null when nothing was sent.
   */
  async checkAndPrint(
    data: string | Uint8Array,
    gate: (report: StatusReport) => Promise<boolean>,
  ): Promise<{ report: StatusReport; outcome: PrintOutcome | null }> {
    let link: Transport;
    try {
      link = await this.open(this.config, this.timeouts);
    } catch (err) {
      const report: StatusReport = { reachable: false, reason: (err as Error).message };
      await gate(report);
      return { report, outcome: null };
    }
    let report: StatusReport;
    if (link.bidirectional) {
      const hs = parseHostStatus(
        (await queryFrames(link, '~HS', 3, this.queryTimeoutMs, { keepOpen: true })) ?? '',
      );
      if (!hs) {
        link.destroy();
        report = await this.extendedStatus();
        if (!(await gate(report))) return { report, outcome: null };
        return { report, outcome: await this.print(data) };
      }
      report = { reachable: true, status: hs };
    } else {
      report = {
        reachable: true,
        status: null,
        queryable: false,
        reason: `status is not available over ${this.description}`,
      };
    }
    if (!(await gate(report))) {
      void link.close().catch(() => undefined);
      return { report, outcome: null };
    }
    return { report, outcome: await this.send(link, data) };
  }

  /**
   * Sends one job: write, end, wait for the printer to close. Only a clean close counts as
   * printed; a failure once bytes were handed over is `uncertain`, never retried by us.
   */
  async print(data: string | Uint8Array): Promise<PrintOutcome> {
    let link: Transport;
    try {
      link = await this.open(this.config, this.timeouts);
    } catch (err) {
      return { outcome: 'not-sent', reason: (err as Error).message };
    }
    return this.send(link, data);
  }

  private async send(link: Transport, data: string | Uint8Array): Promise<PrintOutcome> {
    try {
      await link.write(data);
      await link.close();
      return { outcome: 'printed' };
    } catch (err) {
      link.destroy();
      const details =
        err instanceof AppError ? (err.details as { notPrinted?: boolean } | undefined) : undefined;
      if (details?.notPrinted)
        return { outcome: 'failed', reason: err instanceof Error ? err.message : String(err) };
      return {
        outcome: 'uncertain',
        reason: `${(err as Error).message}. The label may or may not have printed: check the printer before reprinting.`,
      };
    }
  }
}

export interface ConnectionTest {
  ok: boolean;
  /** One line for the operator: what works, or what to fix. */
  message: string;
  info: PrinterInfo | null;
  report: StatusReport;
}

/** The "Test connection" button: status plus model, without printing anything. */
export async function testPrinterConnection(printer: ZebraPrinter): Promise<ConnectionTest> {
  const report = await printer.status();
  if (!report.reachable) return { ok: false, message: report.reason, info: null, report };
  const info = await printer.info().catch(() => null);
  if (report.status === null) {
    return {
      ok: !report.queryable,
      message: report.queryable ? report.reason : `Connected to ${printer.description}; ${report.reason}`,
      info,
      report,
    };
  }
  const problems = report.status.errors.join(', ');
  const model = info ? `${info.model} (${info.firmware})` : 'printer';
  return {
    ok: problems === '',
    message: problems ? `Connected to ${model}, but it reports: ${problems}` : `Connected to ${model}: ready`,
    info,
    report,
  };
}
