import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors';
import type { Queryable } from '../../db/connection';
import type { Reader } from '../queue/printers-repo';
import type { SerialScannerConfig } from './serial-scanner';

export interface ScannerConfig extends SerialScannerConfig {
  name: string;
  /** The scanner's configured suffix, shown in settings; the reader accepts CR, CR LF and LF anyway. */
  framing: 'cr' | 'crlf';
}

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

export async function insertScanner(
  tx: Queryable,
  input: { name: string; path: string; baudRate?: number; framing?: 'cr' | 'crlf' },
  now = Date.now(),
): Promise<ScannerConfig> {
  const baudRate = input.baudRate ?? 9600;
  const framing = input.framing ?? 'cr';
  if (!input.name.trim()) throw new AppError('invalid_input', 'Give the scanner a name');
  // Any absolute path: real ports are /dev/tty…, /dev/serial/by-id/… links, or pty links in demo mode.
  if (!input.path.startsWith('/') && !/^COM\d+$/i.test(input.path)) {
    throw new AppError('invalid_input', `"${input.path}" is not a serial port (expected /dev/tty… or COMn)`);
  }
  if (!BAUD_RATES.includes(baudRate))
    throw new AppError('invalid_input', `Baud rate ${baudRate} is not supported; scanners usually use 9600`);
  if (framing !== 'cr' && framing !== 'crlf')
    throw new AppError('invalid_input', 'Framing must be CR or CR LF');
  const id = randomUUID();
  await tx.run(
    'INSERT INTO scanners (id, name, path, baud_rate, framing, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [id, input.name.trim(), input.path, baudRate, framing, now, now],
  );
  return { id, name: input.name.trim(), path: input.path, baudRate, framing };
}

export async function listScanners(db: Reader): Promise<ScannerConfig[]> {
  const rows = await db.all<{
    id: string;
    name: string;
    path: string;
    baud_rate: number;
    framing: 'cr' | 'crlf';
  }>('SELECT id, name, path, baud_rate, framing FROM scanners ORDER BY name');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    path: r.path,
    baudRate: r.baud_rate,
    framing: r.framing,
  }));
}
