import { referenceKey } from '@shared/domain/dock/duplicate-reference';
import { execAll, type Migration } from '../migrate';

/**
 * Appointments keep the key their reference is compared by (`referenceKey` in shared code, the
 * same the sync server stores): SQLite's lower() folds ASCII only, so "Åke-1" and "åke-1" were
 * one order on the server and two here. Existing rows get their key computed once; the
 * duplicate-reference lookup uses the new index.
 */
export const m0009ReferenceKey: Migration = {
  version: 9,
  name: 'reference-key',
  async up(tx) {
    await execAll(
      tx,
      `ALTER TABLE appointments ADD COLUMN reference_key TEXT;
       DROP INDEX IF EXISTS appointments_reference;`,
    );
    const rows = await tx.all<{ id: string; reference: string }>('SELECT id, reference FROM appointments');
    for (const r of rows)
      await tx.run('UPDATE appointments SET reference_key = ? WHERE id = ?', [referenceKey(r.reference), r.id]);
    await execAll(tx, `CREATE INDEX appointments_reference_key ON appointments(reference_key) WHERE status = 'booked';`);
  },
};
