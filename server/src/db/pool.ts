/**
 * The server's connections to PostgreSQL. Every connection drops to the role `loadstar_app`
 * (it owns no table and cannot bypass row-level security), and every tenant's work runs in a
 * transaction that names its tenant with `SET LOCAL app.tenant_id`: a query can only ever see
 * and change that tenant's rows, whatever the code above it does.
 */
import pg from 'pg';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

// bigint (int8) columns are versions and mutation ids, far below 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export function createPool(connectionString: string, max = 10): Db {
  // `role` set at connection start: the session is loadstar_app before its first query.
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, options: '-c role=loadstar_app' });
  // A connection that dies while idle (database restart) must not crash the server.
  pool.on('error', () => undefined);
  return pool;
}

export interface TenantTxOptions {
  /** Read-only snapshot of one moment (pulls). */
  snapshot?: boolean;
}

/** Runs `work` in one transaction of `tenantId`; rolls back on any error. */
export async function inTenant<T>(
  db: Db,
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
  options: TenantTxOptions = {},
): Promise<T> {
  // Inlined (one round trip instead of three): a tenant id is always a UUID checked here.
  if (!isUuid(tenantId)) throw new Error('tenant id is not a UUID');
  const tx = await db.connect();
  try {
    const mode = options.snapshot ? ' ISOLATION LEVEL REPEATABLE READ READ ONLY' : '';
    await tx.query(`BEGIN${mode}; SET LOCAL app.tenant_id = '${tenantId}'`);
    try {
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (err) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    tx.release();
  }
}
