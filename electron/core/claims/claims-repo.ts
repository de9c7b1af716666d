/** Claims and receipts on this workstation's SQLite file: the wire JSON plus list columns. */
import type { Claim, Receipt } from '@shared/contract';
import type { ClaimsStore } from '@shared/domain/claims/store';
import type { Queryable, Readable } from '../db/connection';

export async function getClaim(db: Readable, id: string): Promise<Claim | undefined> {
  const row = await db.get<{ data: string }>('SELECT data FROM claims WHERE id = ?', [id]);
  return row && (JSON.parse(row.data) as Claim);
}

export async function listClaims(db: Readable, status?: string): Promise<Claim[]> {
  const rows = status
    ? await db.all<{ data: string }>('SELECT data FROM claims WHERE status = ? ORDER BY updated_at DESC', [status])
    : await db.all<{ data: string }>('SELECT data FROM claims ORDER BY updated_at DESC');
  return rows.map((r) => JSON.parse(r.data) as Claim);
}

// Update, else insert, rather than an upsert: an upsert's conflict clause would override the
// sync triggers' own `INSERT OR IGNORE` (SQLite applies the outer statement's to trigger bodies).
export async function putClaim(tx: Queryable, c: Claim): Promise<void> {
  const data = JSON.stringify(c);
  const updated = await tx.run('UPDATE claims SET data = ?, status = ?, carrier_name = ?, updated_at = ? WHERE id = ?', [
    data,
    c.status,
    c.carrierName,
    c.updatedAt,
    c.id,
  ]);
  if (updated.changes === 0)
    await tx.run('INSERT INTO claims (id, data, status, carrier_name, updated_at) VALUES (?, ?, ?, ?, ?)', [
      c.id,
      data,
      c.status,
      c.carrierName,
      c.updatedAt,
    ]);
}

export async function getReceipt(db: Readable, id: string): Promise<Receipt | undefined> {
  const row = await db.get<{ data: string }>('SELECT data FROM claim_receipts WHERE id = ?', [id]);
  return row && (JSON.parse(row.data) as Receipt);
}

export async function receiptForAppointment(db: Readable, appointmentId: string): Promise<Receipt | undefined> {
  const row = await db.get<{ data: string }>(
    'SELECT data FROM claim_receipts WHERE appointment_id = ? ORDER BY id LIMIT 1',
    [appointmentId],
  );
  return row && (JSON.parse(row.data) as Receipt);
}

export async function putReceipt(tx: Queryable, r: Receipt): Promise<void> {
  const data = JSON.stringify(r);
  const updated = await tx.run('UPDATE claim_receipts SET appointment_id = ?, data = ? WHERE id = ?', [
    r.appointmentId,
    data,
    r.id,
  ]);
  if (updated.changes === 0)
    await tx.run('INSERT INTO claim_receipts (id, appointment_id, data) VALUES (?, ?, ?)', [r.id, r.appointmentId, data]);
}

export function sqliteClaimsStore(tx: Queryable): ClaimsStore {
  return {
    getClaim: (id) => getClaim(tx, id),
    putClaim: (c) => putClaim(tx, c),
    getReceipt: (id) => getReceipt(tx, id),
    receiptForAppointment: (id) => receiptForAppointment(tx, id),
    putReceipt: (r) => putReceipt(tx, r),
  };
}
