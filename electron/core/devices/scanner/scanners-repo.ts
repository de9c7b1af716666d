import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/contract/errors';
import type { Queryable } from '../../db/connection';
import type { Reader } from '../queue/printers-repo';
import type { SerialScannerConfig } from './serial-scanner';

export interface ScannerConfig extends SerialScannerConfig {
  name: string;
  /** The scanner's configured suffix, shown in settings; the reader accepts CR, CR LF and LF anyway. */
  framing: 'cr' | 'crlf';
  /** Stripped from each scan ('' for none). */
  prefix: string;
  /** Replaced by U+001D in each scan ('' for none). */
  gsPlaceholder: string;
  active: boolean;
  simulated: boolean;
}

export interface ScannerFields {
  name: string;
  path: string;
  baudRate?: number;
  framing?: 'cr' | 'crlf';
  prefix?: string;
  gsPlaceholder?: string;
}

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

interface ScannerRow {
  id: string;
  name: string;
  path: string;
  baud_rate: number;
  framing: 'cr' | 'crlf';
  prefix: string;
  gs_placeholder: string;
  active: number;
  simulated: number;
}

function validate(input: Required<ScannerFields>): void {
  if (!input.name.trim()) throw new AppError('invalid_input', 'Give the scanner a name');
  // Any absolute path: real ports are /dev/tty…, /dev/serial/by-id/… links, or pty links in demo mode.
  if (
    (!input.path.startsWith('/') && !/^COM\d+$/i.test(input.path)) ||
    input.path.split('/').includes('..')
  ) {
    throw new AppError('invalid_input', `"${input.path}" is not a serial port (expected /dev/tty… or COMn)`);
  }
  if (!BAUD_RATES.includes(input.baudRate))
    throw new AppError(
      'invalid_input',
      `Baud rate ${input.baudRate} is not supported; scanners usually use 9600`,
    );
  if (input.framing !== 'cr' && input.framing !== 'crlf')
    throw new AppError('invalid_input', 'Framing must be CR or CR LF');
  if (input.prefix.length > 10 || input.gsPlaceholder.length > 10)
    throw new AppError('invalid_input', 'Prefix and GS placeholder are at most 10 characters');
}

export async function insertScanner(
  tx: Queryable,
  input: ScannerFields & { id?: string; simulated?: boolean },
  now = Date.now(),
): Promise<ScannerConfig> {
  const fields: Required<ScannerFields> = {
    name: input.name.trim(),
    path: input.path,
    baudRate: input.baudRate ?? 9600,
    framing: input.framing ?? 'cr',
    prefix: input.prefix ?? '',
    gsPlaceholder: input.gsPlaceholder ?? '',
  };
  validate(fields);
  const id = input.id ?? randomUUID();
  await tx.run(
    `INSERT INTO scanners (id, name, path, baud_rate, framing, prefix, gs_placeholder, active, simulated, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    [
      id,
      fields.name,
      fields.path,
      fields.baudRate,
      fields.framing,
      fields.prefix,
      fields.gsPlaceholder,
      input.simulated ? 1 : 0,
      now,
      now,
    ],
  );
  return { id, ...fields, active: true, simulated: input.simulated ?? false };
}

export async function updateScanner(
  tx: Queryable,
  id: string,
  changes: Partial<ScannerFields> & { active?: boolean },
  now = Date.now(),
): Promise<ScannerConfig> {
  const current = await getScanner(tx, id);
  const next = { ...current, ...changes, name: (changes.name ?? current.name).trim() };
  validate(next);
  await tx.run(
    `UPDATE scanners SET name = ?, path = ?, baud_rate = ?, framing = ?, prefix = ?, gs_placeholder = ?,
       active = ?, updated_at = ? WHERE id = ?`,
    [
      next.name,
      next.path,
      next.baudRate,
      next.framing,
      next.prefix,
      next.gsPlaceholder,
      next.active ? 1 : 0,
      now,
      id,
    ],
  );
  return getScanner(tx, id);
}

function fromRow(r: ScannerRow): ScannerConfig {
  return {
    id: r.id,
    name: r.name,
    path: r.path,
    baudRate: r.baud_rate,
    framing: r.framing,
    prefix: r.prefix,
    gsPlaceholder: r.gs_placeholder,
    active: r.active === 1,
    simulated: r.simulated === 1,
  };
}

const COLUMNS = 'id, name, path, baud_rate, framing, prefix, gs_placeholder, active, simulated';

export async function getScanner(db: Reader, id: string): Promise<ScannerConfig> {
  const row = await db.get<ScannerRow>(`SELECT ${COLUMNS} FROM scanners WHERE id = ?`, [id]);
  if (!row)
    throw new AppError('not_found', 'That scanner no longer exists. Refresh the scanner list.', {
      scannerId: id,
    });
  return fromRow(row);
}

export async function listScanners(db: Reader): Promise<ScannerConfig[]> {
  const rows = await db.all<ScannerRow>(`SELECT ${COLUMNS} FROM scanners ORDER BY name`);
  return rows.map(fromRow);
}
