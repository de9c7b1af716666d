/**
 * Claims on the server: the shared rules (`shared/domain/claims`) over a `ClaimsStore` on the
 * tenant's entity rows (`claim`, `receipt`). Files stay on the workstations; a claim carries their
 * ids, names and kinds.
 */
import type { Claim, Receipt } from '@shared/contract';
import { publicHolidays } from '@shared/domain/claims/holidays';
import * as rules from '@shared/domain/claims/mutators';
import type { ClaimsStore } from '@shared/domain/claims/store';
import type { EntityStore } from '../sync/entity-store';
import type { ServerMutators } from './types';

export function pgClaimsStore(s: EntityStore): ClaimsStore {
  return {
    getClaim: (id) => s.get<Claim>('claim', id),
    putClaim: (c) => s.put('claim', c.id, { ...c }),
    getReceipt: (id) => s.get<Receipt>('receipt', id),
    receiptForAppointment: (appointmentId) =>
      s.memo(`receipt:appointment:${appointmentId}`, async () => {
        const { rows } = await s.tx.query<{ data: Receipt }>(
          `SELECT data FROM entities WHERE tenant_id = current_tenant() AND entity = 'receipt' AND data IS NOT NULL
             AND data ->> 'appointmentId' = $1 ORDER BY id LIMIT 1`,
          [appointmentId],
        );
        return rows[0]?.data;
      }),
    putReceipt: (r) => s.put('receipt', r.id, { ...r }),
  };
}

const env: rules.ClaimsEnv = { holidays: publicHolidays };

export const claimsMutators = {
  'claims.create': (m, args) => rules.createClaim(pgClaimsStore(m.store), env, args),
  'claims.update': (m, args) => rules.updateClaim(pgClaimsStore(m.store), env, args),
  'claims.transition': (m, args) => rules.transitionClaim(pgClaimsStore(m.store), env, args),
  'claims.addNote': (m, args) => rules.addNote(pgClaimsStore(m.store), args),
  'claims.attach': (m, args) => rules.attach(pgClaimsStore(m.store), args),
  'claims.detach': (m, args) => rules.detach(pgClaimsStore(m.store), args),
  'claims.startReceiving': (m, args) => rules.startReceiving(pgClaimsStore(m.store), args),
  'claims.setExpected': (m, args) => rules.setExpected(pgClaimsStore(m.store), args),
  'claims.recordPallet': (m, args) => rules.recordPallet(pgClaimsStore(m.store), args),
  'claims.removePallet': (m, args) => rules.removePallet(pgClaimsStore(m.store), args),
  'claims.finishReceiving': (m, args) => rules.finishReceiving(pgClaimsStore(m.store), args),
} satisfies Partial<ServerMutators>;
