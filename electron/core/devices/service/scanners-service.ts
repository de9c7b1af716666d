import { randomUUID } from 'node:crypto';
import type {
  ScanRecord,
  Scanner,
  ScannerStatus,
  SerialPortInfo,
  WedgeSettings,
} from '@shared/contract/devices';
import { toScanEvent, type ScanEvent } from '@shared/domain/gs1';
import type { Database } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import type { EventBus } from '../../event-bus';
import type { Logger } from '../../log';
import { listSerialPorts } from '../scanner/list-ports';
import {
  insertScanner,
  listScanners,
  updateScanner,
  type ScannerConfig,
  type ScannerFields,
} from '../scanner/scanners-repo';
import { SerialScanner } from '../scanner/serial-scanner';
import type { ChangeNotifier } from './change-notifier';

const KEEP_SCANS = 5000;
const WEDGE_KEY = 'devices.wedge';
const DEFAULT_WEDGE: WedgeSettings = { prefix: '', gsPlaceholder: '', suffix: 'Enter' };

/**
 * Serial scanners (running with reconnect) and the one scan stream every source joins: each scan
 * is stored, then pushed as `devices.scan`. Listeners inside core (the station) subscribe here.
 */
export class ScannersService {
  private readonly running = new Map<string, SerialScanner>();
  /** Scanners that cannot run here, with why (e.g. the simulated one without socat). */
  private readonly unavailable = new Map<string, string>();
  private readonly listeners = new Set<(scan: ScanRecord) => void>();
  private names = new Map<string, string>();
  private inserted = 0;
  private closed = false;

  constructor(
    private readonly deps: {
      db: Database;
      events: EventBus;
      logger: Logger;
      notifier: ChangeNotifier;
      now: () => number;
      reconnectMaxMs?: number;
    },
  ) {}

  async start(): Promise<void> {
    for (const s of await listScanners(this.deps.db)) if (s.active) this.run(s);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running.values()].map((s) => s.stop()));
    this.running.clear();
  }

  markUnavailable(scannerId: string, reason: string): void {
    this.unavailable.set(scannerId, reason);
    void this.running.get(scannerId)?.stop();
    this.running.delete(scannerId);
  }

  /** Called for every scan of the stream, after it was stored. */
  onScan(listener: (scan: ScanRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(includeInactive: boolean): Promise<Scanner[]> {
    const all = await listScanners(this.deps.db);
    return all.filter((s) => includeInactive || s.active).map((s) => this.view(s));
  }

  async create(input: ScannerFields, actor: string): Promise<Scanner> {
    const created = await this.deps.db.write(async (tx) => {
      const s = await insertScanner(tx, input, this.deps.now());
      await recordMutation(tx, { name: 'devices.createScanner', args: { ...input, id: s.id }, actor });
      return s;
    });
    this.run(created);
    this.deps.notifier.notify('scanners');
    return this.view(created);
  }

  async update(
    id: string,
    changes: Partial<ScannerFields> & { active?: boolean },
    actor: string,
  ): Promise<Scanner> {
    const updated = await this.deps.db.write(async (tx) => {
      const s = await updateScanner(tx, id, changes, this.deps.now());
      await recordMutation(tx, {
        name: changes.active === undefined ? 'devices.updateScanner' : 'devices.setScannerActive',
        args: { id, ...changes },
        actor,
      });
      return s;
    });
    // Restart with the new settings (or stop, when switched off).
    await this.running.get(id)?.stop();
    this.running.delete(id);
    if (updated.active) this.run(updated);
    this.deps.notifier.notify('scanners');
    return this.view(updated);
  }

  ports(): Promise<SerialPortInfo[]> {
    return listSerialPorts();
  }

  async recent(limit: number, source?: string): Promise<ScanRecord[]> {
    const rows = await this.deps.db.all<ScanRow>(
      `SELECT id, source, source_name, symbology, aim, raw, ais, gs1_error, at FROM device_scans
       WHERE (? IS NULL OR source = ?) ORDER BY seq DESC LIMIT ?`,
      [source ?? null, source ?? null, limit],
    );
    return rows.map(fromRow);
  }

  async find(id: string): Promise<ScanRecord | undefined> {
    const row = await this.deps.db.get<ScanRow>(
      'SELECT id, source, source_name, symbology, aim, raw, ais, gs1_error, at FROM device_scans WHERE id = ?',
      [id],
    );
    return row && fromRow(row);
  }

  /** A scan from outside the serial scanners (keyboard wedge, station entry) joins the stream. */
  submit(raw: string, source: string, sourceName: string): Promise<ScanRecord> {
    return this.accept(toScanEvent(source, raw, this.deps.now()), sourceName);
  }

  async wedgeSettings(): Promise<WedgeSettings> {
    const row = await this.deps.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
      WEDGE_KEY,
    ]);
    return row ? { ...DEFAULT_WEDGE, ...(JSON.parse(row.value) as Partial<WedgeSettings>) } : DEFAULT_WEDGE;
  }

  async updateWedgeSettings(changes: Partial<WedgeSettings>, actor: string): Promise<WedgeSettings> {
    const next = { ...(await this.wedgeSettings()), ...changes };
    await this.deps.db.write(async (tx) => {
      await tx.run(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        [WEDGE_KEY, JSON.stringify(next)],
      );
      await recordMutation(tx, { name: 'devices.updateWedgeSettings', args: changes, actor });
    });
    this.deps.notifier.notify('scanners');
    return next;
  }

  status(id: string): ScannerStatus {
    const why = this.unavailable.get(id);
    if (why) return { scannerId: id, state: 'unavailable', reason: why };
    return this.running.get(id)?.status ?? { scannerId: id, state: 'stopped', reason: null };
  }

  private run(config: ScannerConfig): void {
    if (this.closed || this.unavailable.has(config.id) || this.running.has(config.id)) return;
    this.names.set(config.id, config.name);
    const scanner = new SerialScanner({
      id: config.id,
      path: config.path,
      baudRate: config.baudRate,
      prefix: config.prefix,
      gsPlaceholder: config.gsPlaceholder,
      ...(this.deps.reconnectMaxMs ? { reconnectMaxMs: this.deps.reconnectMaxMs } : {}),
    });
    scanner.on('scan', (scan) => void this.accept(scan, this.names.get(config.id) ?? config.name));
    scanner.on('rejected', (r) => this.deps.events.emit('devices.scanRejected', r));
    scanner.on('status', (s) => {
      this.deps.events.emit('devices.scannerStatus', s);
      this.deps.notifier.notify('scanners');
    });
    this.running.set(config.id, scanner);
    scanner.start();
  }

  private async accept(scan: ScanEvent, sourceName: string): Promise<ScanRecord> {
    const record: ScanRecord = { id: randomUUID(), sourceName, ...scan };
    try {
      await this.deps.db.write(async (tx) => {
        await tx.run(
          `INSERT INTO device_scans (id, source, source_name, symbology, aim, raw, ais, gs1_error, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            record.id,
            record.source,
            sourceName,
            record.symbology,
            record.aim,
            record.raw,
            record.ais ? JSON.stringify(record.ais) : null,
            record.gs1Error,
            record.at,
          ],
        );
        if (++this.inserted % 500 === 0)
          await tx.run('DELETE FROM device_scans WHERE seq <= (SELECT MAX(seq) FROM device_scans) - ?', [
            KEEP_SCANS,
          ]);
      });
    } catch (err) {
      // The scan still reaches the screens; only its history entry is missing.
      this.deps.logger.error('could not store a scan', { error: String(err), source: record.source });
    }
    this.deps.events.emit('devices.scan', record);
    for (const l of this.listeners) {
      try {
        l(record);
      } catch (err) {
        this.deps.logger.error('scan listener failed', { error: String(err) });
      }
    }
    return record;
  }

  private view(s: ScannerConfig): Scanner {
    this.names.set(s.id, s.name);
    return {
      id: s.id,
      name: s.name,
      path: s.path,
      baudRate: s.baudRate,
      framing: s.framing,
      prefix: s.prefix,
      gsPlaceholder: s.gsPlaceholder,
      active: s.active,
      simulated: s.simulated,
      status: this.status(s.id),
    };
  }
}

interface ScanRow {
  id: string;
  source: string;
  source_name: string;
  symbology: ScanRecord['symbology'];
  aim: string | null;
  raw: string;
  ais: string | null;
  gs1_error: string | null;
  at: number;
}

function fromRow(r: ScanRow): ScanRecord {
  return {
    id: r.id,
    source: r.source,
    sourceName: r.source_name,
    symbology: r.symbology,
    aim: r.aim,
    raw: r.raw,
    ais: r.ais ? (JSON.parse(r.ais) as ScanRecord['ais']) : null,
    gs1Error: r.gs1_error,
    at: r.at,
  };
}
