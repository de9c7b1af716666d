/**
 * Dispatch's mutators on the server: the shared rules (`shared/domain/dispatch/rules.ts`) over
 * `entities` rows (`dispatchJob`, `dispatchOffer`, `driverStatus`). The workstation's engine made
 * the decisions (next candidate, escalation, where a cancelled route's orders go); the rules check
 * each step is still possible here, where the server has the last word.
 */
import type { DispatchJob, DispatchOffer, DriverStatus } from '@shared/contract';
import { dispatchRules, type DispatchStore } from '@shared/domain/dispatch/rules';
import type { EntityStore } from '../sync/entity-store';
import type { ServerMutators } from './types';

export function pgDispatchStore(s: EntityStore): DispatchStore {
  return {
    getJob: (id) => s.get<DispatchJob>('dispatchJob', id),
    putJob: (j) => s.put('dispatchJob', j.id, { ...j }),
    getOffer: (id) => s.get<DispatchOffer>('dispatchOffer', id),
    putOffer: (o) => s.put('dispatchOffer', o.id, { ...o }),
    getDriverStatus: (id) => s.get<DriverStatus>('driverStatus', id),
    putDriverStatus: (d) => s.put('driverStatus', d.id, { ...d }),
  };
}

export const dispatchMutators = {
  'dispatch.setAvailability': (m, args) => dispatchRules['dispatch.setAvailability'](pgDispatchStore(m.store), args),
  'dispatch.offer': (m, args) => dispatchRules['dispatch.offer'](pgDispatchStore(m.store), args),
  'dispatch.accept': (m, args) => dispatchRules['dispatch.accept'](pgDispatchStore(m.store), args),
  'dispatch.decline': (m, args) => dispatchRules['dispatch.decline'](pgDispatchStore(m.store), args),
  'dispatch.expire': (m, args) => dispatchRules['dispatch.expire'](pgDispatchStore(m.store), args),
  'dispatch.escalate': (m, args) => dispatchRules['dispatch.escalate'](pgDispatchStore(m.store), args),
  'dispatch.cancelRoute': (m, args) => dispatchRules['dispatch.cancelRoute'](pgDispatchStore(m.store), args),
} satisfies Partial<ServerMutators>;
