import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/contract/errors';
import type { Dpi, LabelSetup } from '@shared/domain/zpl';
import type { Queryable } from '../../db/connection';

/** Read-only access: the Database reader or a transaction. */
export type Reader = Pick<Queryable, 'all' | 'get'>;
import type { TransportConfig } from '../transport/transport';

export interface PrinterConfig {
  id: string;
  name: string;
  transport: TransportConfig;
  dpi: Dpi;
  labelWidthMm: number;
  labelHeightMm: number;
  /** Template id per use ("shipping", "sscc-pallet", …). */
  defaultTemplates: Record<string, string>;
  active: boolean;
  /** Drives a simulator of simulated-devices mode. */
  simulated?: boolean;
}

export type PrinterFields = Omit<PrinterConfig, 'id' | 'active' | 'simulated'>;

interface PrinterRow {
  id: string;
  name: string;
  transport: string;
  dpi: number;
  label_width_mm: number;
  label_height_mm: number;
  default_templates: string;
  active: number;
  simulated?: number;
}

export function labelSetup(p: PrinterConfig): LabelSetup {
  return { dpi: p.dpi, widthMm: p.labelWidthMm, heightMm: p.labelHeightMm };
}

/** Checks a transport config an operator typed in; throws `invalid_input` naming the problem. */
export function validateTransport(t: TransportConfig): void {
  const bad = (msg: string) => {
    throw new AppError('invalid_input', msg, { transport: t });
  };
  if (t.kind === 'tcp') {
    if (!/^[\w.:-]+$/.test(t.host)) bad(`"${t.host}" is not a host name or IP address`);
    if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535)
      bad(`Port ${String(t.port)} must be 1–65535 (Zebra raw printing uses 9100)`);
  } else if (t.kind === 'serial') {
    if (!t.path.startsWith('/dev/') && !/^COM\d+$/i.test(t.path))
      bad(`"${t.path}" is not a serial port (expected /dev/tty… or COMn)`);
    if (![1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(t.baudRate))
      bad(`Baud rate ${String(t.baudRate)} is not supported`);
  } else if (t.kind === 'device') {
    if (!t.path.startsWith('/')) bad(`"${t.path}" must be an absolute device path such as /dev/usb/lp0`);
  } else if (t.kind === 'cups') {
    if (!/^[\w.@-]+$/.test(t.queue)) bad(`"${t.queue}" is not a valid CUPS queue name`);
  } else {
    bad('Unknown printer connection type');
  }
}

function validatePrinter(input: PrinterFields): string {
  validateTransport(input.transport);
  if (![203, 300, 600].includes(input.dpi))
    throw new AppError('invalid_input', 'Resolution must be 203, 300 or 600 dpi');
  if (!(input.labelWidthMm >= 10 && input.labelWidthMm <= 220 && input.labelHeightMm >= 5)) {
    throw new AppError('invalid_input', 'Label size must be 10–220 mm wide and at least 5 mm high');
  }
  const name = input.name.trim();
  if (!name) throw new AppError('invalid_input', 'Give the printer a name');
  return name;
}

async function assertNameFree(tx: Queryable, name: string, exceptId: string | null): Promise<void> {
  const clash = await tx.get('SELECT 1 FROM printers WHERE name = ? COLLATE NOCASE AND id IS NOT ?', [
    name,
    exceptId,
  ]);
  if (clash) throw new AppError('conflict', `A printer named "${name}" already exists`, { name });
}

export async function insertPrinter(
  tx: Queryable,
  input: PrinterFields & { id?: string; simulated?: boolean },
  now = Date.now(),
): Promise<PrinterConfig> {
  const name = validatePrinter(input);
  await assertNameFree(tx, name, null);
  const printer: PrinterConfig = {
    ...input,
    name,
    id: input.id ?? randomUUID(),
    active: true,
    simulated: input.simulated ?? false,
  };
  await tx.run(
    `INSERT INTO printers (id, name, transport, dpi, label_width_mm, label_height_mm, default_templates, active, simulated, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    [
      printer.id,
      name,
      JSON.stringify(input.transport),
      input.dpi,
      input.labelWidthMm,
      input.labelHeightMm,
      JSON.stringify(input.defaultTemplates),
      printer.simulated ? 1 : 0,
      now,
      now,
    ],
  );
  return printer;
}

/** Applies the given fields to a printer (the rest unchanged); same checks as a new printer. */
export async function updatePrinter(
  tx: Queryable,
  id: string,
  changes: Partial<PrinterFields> & { active?: boolean },
  now = Date.now(),
): Promise<PrinterConfig> {
  const current = await getPrinter(tx, id);
  const next = { ...current, ...changes };
  const name = validatePrinter(next);
  await assertNameFree(tx, name, id);
  await tx.run(
    `UPDATE printers SET name = ?, transport = ?, dpi = ?, label_width_mm = ?, label_height_mm = ?,
       default_templates = ?, active = ?, updated_at = ? WHERE id = ?`,
    [
      name,
      JSON.stringify(next.transport),
      next.dpi,
      next.labelWidthMm,
      next.labelHeightMm,
      JSON.stringify(next.defaultTemplates),
      next.active ? 1 : 0,
      now,
      id,
    ],
  );
  return getPrinter(tx, id);
}

function fromRow(r: PrinterRow): PrinterConfig {
  return {
    id: r.id,
    name: r.name,
    transport: JSON.parse(r.transport) as TransportConfig,
    dpi: r.dpi as Dpi,
    labelWidthMm: r.label_width_mm,
    labelHeightMm: r.label_height_mm,
    defaultTemplates: JSON.parse(r.default_templates) as Record<string, string>,
    active: r.active === 1,
    simulated: r.simulated === 1,
  };
}

export async function getPrinter(db: Reader, id: string): Promise<PrinterConfig> {
  const row = await db.get<PrinterRow>('SELECT * FROM printers WHERE id = ?', [id]);
  if (!row)
    throw new AppError('not_found', 'That printer no longer exists. Refresh the printer list.', {
      printerId: id,
    });
  return fromRow(row);
}

export async function listPrinters(db: Reader): Promise<PrinterConfig[]> {
  const rows = await db.all<PrinterRow>('SELECT * FROM printers ORDER BY name COLLATE NOCASE');
  return rows.map(fromRow);
}
