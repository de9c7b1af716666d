/** Dispatch's synced rows in wire form: the JSON each table keeps, with its lookup columns. */
import { field, jsonEntity } from '../sync/json-entity';
import type { EntityAdapter } from '../sync/types';

const parsed = (r: { data: string }) => JSON.parse(r.data) as Record<string, unknown>;

export function dispatchEntities(): EntityAdapter[] {
  return [
    jsonEntity({
      entity: 'dispatchJob',
      table: 'dispatch_jobs',
      columns: { date: field('date'), state: field('state'), data: 'json(s.data)' },
      select: 'SELECT id, data FROM dispatch_jobs',
      toWire: parsed,
    }),
    jsonEntity({
      entity: 'dispatchOffer',
      table: 'dispatch_offers',
      columns: {
        job_id: field('jobId'),
        state: field('state'),
        expires_at: field('expiresAt'),
        data: 'json(s.data)',
      },
      select: 'SELECT id, data FROM dispatch_offers',
      toWire: parsed,
    }),
    jsonEntity({
      entity: 'driverStatus',
      table: 'dispatch_driver_states',
      columns: { state: field('state'), data: 'json(s.data)' },
      select: 'SELECT id, data FROM dispatch_driver_states',
      toWire: parsed,
    }),
  ];
}
