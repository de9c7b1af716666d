import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/contract/errors';
import type { Queryable } from '../../db/connection';
import type { Reader } from '../queue/printers-repo';
import type { DockModuleConfig } from './dock-module';
import type { ModbusTransport } from './modbus-link';
import { validateDoorMap, type DoorRegisterMap } from './register-map';

function validateModbusTransport(t: ModbusTransport): void {
  if (t.kind === 'tcp') {
    if (!/^[\w.:-]+$/.test(t.host))
      throw new AppError('invalid_input', `"${t.host}" is not a host name or IP address`);
    if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535)
      throw new AppError('invalid_input', `Port ${String(t.port)} must be 1–65535 (Modbus TCP uses 502)`);
  } else if (t.kind === 'rtu') {
    if (!t.path.startsWith('/dev/') && !/^COM\d+$/i.test(t.path))
      throw new AppError('invalid_input', `"${t.path}" is not a serial port`);
    if (!Number.isInteger(t.baudRate) || t.baudRate < 1200)
      throw new AppError('invalid_input', `Baud rate ${String(t.baudRate)} is not valid`);
  } else {
    throw new AppError('invalid_input', 'Unknown Modbus connection type: use TCP or RTU');
  }
}

export async function insertDockModule(
  tx: Queryable,
  input: { name: string; transport: ModbusTransport; pollMs?: number },
  now = Date.now(),
): Promise<string> {
  validateModbusTransport(input.transport);
  const pollMs = input.pollMs ?? 250;
  if (!Number.isInteger(pollMs) || pollMs < 50)
    throw new AppError('invalid_input', 'Poll interval must be at least 50 ms');
  if (!input.name.trim()) throw new AppError('invalid_input', 'Give the I/O module a name');
  const id = randomUUID();
  await tx.run(
    'INSERT INTO dock_io_modules (id, name, transport, poll_ms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    [id, input.name.trim(), JSON.stringify(input.transport), pollMs, now, now],
  );
  return id;
}

/** Wires a door to a module with its register map (replacing any earlier wiring of that door). */
export async function wireDoor(
  tx: Queryable,
  input: { doorId: string; moduleId: string; map: DoorRegisterMap },
  now = Date.now(),
): Promise<void> {
  validateDoorMap(input.map);
  if (!(await tx.get('SELECT 1 FROM doors WHERE id = ?', [input.doorId])))
    throw new AppError('not_found', 'That door no longer exists.', { doorId: input.doorId });
  if (!(await tx.get('SELECT 1 FROM dock_io_modules WHERE id = ?', [input.moduleId]))) {
    throw new AppError('not_found', 'That I/O module no longer exists.', { moduleId: input.moduleId });
  }
  await tx.run(
    `INSERT INTO door_io (door_id, module_id, register_map, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(door_id) DO UPDATE SET module_id = excluded.module_id, register_map = excluded.register_map, updated_at = excluded.updated_at`,
    [input.doorId, input.moduleId, JSON.stringify(input.map), now],
  );
}

/** Every module with its wired doors, ready for `new DockModule(config)`. */
export async function loadDockModules(db: Reader): Promise<DockModuleConfig[]> {
  const modules = await db.all<{ id: string; name: string; transport: string; poll_ms: number }>(
    'SELECT id, name, transport, poll_ms FROM dock_io_modules ORDER BY name',
  );
  const wiring = await db.all<{ door_id: string; module_id: string; register_map: string }>(
    'SELECT door_id, module_id, register_map FROM door_io ORDER BY door_id',
  );
  return modules.map((m) => ({
    id: m.id,
    name: m.name,
    transport: JSON.parse(m.transport) as ModbusTransport,
    pollMs: m.poll_ms,
    doors: wiring
      .filter((w) => w.module_id === m.id)
      .map((w) => ({ doorId: w.door_id, map: JSON.parse(w.register_map) as DoorRegisterMap })),
  }));
}
