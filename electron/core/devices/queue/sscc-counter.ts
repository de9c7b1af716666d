import { AppError } from '@shared/contract/errors';
import { buildSscc, maxSsccSerial } from '@shared/domain/gs1';
import type { Queryable, Readable } from '../../db/connection';

export interface SsccPrefix {
  companyPrefix: string;
  extension: number;
}

/** The serial reference the next SSCC of this prefix and extension gets (0 when none was used yet). */
export async function nextSsccSerial(db: Readable, prefix: SsccPrefix): Promise<number> {
  const row = await db.get<{ next_serial: number }>(
    'SELECT next_serial FROM sscc_counters WHERE company_prefix = ? AND extension = ?',
    [prefix.companyPrefix, prefix.extension],
  );
  return row?.next_serial ?? 0;
}

/** The `conflict` for a used-up serial range: never wrap around into SSCCs already on pallets. */
export function ssccExhausted(prefix: SsccPrefix, wanted: number, left: number): AppError {
  const total = maxSsccSerial(prefix.companyPrefix) + 1;
  const what =
    left === 0
      ? `All ${total} SSCC serials`
      : `Only ${left} of the ${total} SSCC serials are left, ${wanted} needed,`;
  return new AppError(
    'conflict',
    `${what} for company prefix ${prefix.companyPrefix} with extension digit ${prefix.extension} are used; set another extension digit in the SSCC settings`,
    { companyPrefix: prefix.companyPrefix, extension: prefix.extension, left, wanted },
  );
}

/**
 * Allocates the next `count` SSCCs (consecutive serials) for a company prefix and extension digit.
 * Runs inside the caller's write transaction, so the serials are consumed only if the labels' job
 * rows commit with them: no two pallets ever get the same SSCC, even across restarts. Refuses the
 * whole request when the range would run past the last serial.
 */
export async function allocateSsccs(tx: Queryable, prefix: SsccPrefix, count: number): Promise<string[]> {
  const probe = buildSscc({ ...prefix, serial: 0 });
  if (!probe.ok) throw new AppError('invalid_input', `SSCC settings are not valid: ${probe.reason}`);
  if (!Number.isInteger(count) || count < 1)
    throw new AppError('invalid_input', 'Allocate at least one SSCC');
  const first = await nextSsccSerial(tx, prefix);
  const left = Math.max(0, maxSsccSerial(prefix.companyPrefix) + 1 - first);
  if (count > left) throw ssccExhausted(prefix, count, left);
  await tx.run(
    `INSERT INTO sscc_counters (company_prefix, extension, next_serial) VALUES (?, ?, ?)
     ON CONFLICT (company_prefix, extension) DO UPDATE SET next_serial = excluded.next_serial`,
    [prefix.companyPrefix, prefix.extension, first + count],
  );
  const out: string[] = [];
  for (let serial = first; serial < first + count; serial++) {
    const built = buildSscc({ ...prefix, serial });
    if (!built.ok) throw new AppError('internal', built.reason);
    out.push(built.sscc);
  }
  return out;
}

/** One SSCC; see `allocateSsccs`. */
export async function allocateSscc(tx: Queryable, prefix: SsccPrefix): Promise<string> {
  return (await allocateSsccs(tx, prefix, 1))[0]!;
}
