/** Claims' synced rows: each claim and receipt is its wire JSON, as the sync server stores it. */
import { field, jsonEntity } from '../sync/json-entity';
import type { EntityAdapter } from '../sync/types';

export function claimsEntities(): EntityAdapter[] {
  return [
    jsonEntity({
      entity: 'claim',
      table: 'claims',
      columns: {
        data: 'json(s.data)',
        status: field('status'),
        carrier_name: field('carrierName'),
        updated_at: field('updatedAt'),
      },
      select: 'SELECT id, data FROM claims',
      toWire: (r: { data: string }) => JSON.parse(r.data) as Record<string, unknown>,
    }),
    jsonEntity({
      entity: 'receipt',
      table: 'claim_receipts',
      columns: { data: 'json(s.data)', appointment_id: field('appointmentId') },
      select: 'SELECT id, data FROM claim_receipts',
      toWire: (r: { data: string }) => JSON.parse(r.data) as Record<string, unknown>,
    }),
  ];
}
