import { AppError } from '../../../../shared/contract/errors';
import { buildSscc, maxSsccSerial } from '../../../../shared/domain/gs1';
import type { Queryable } from '../../db/connection';

/**
 * Allocates the next SSCC for a company prefix and extension digit. Runs inside the caller's
 * write transaction, so the serial is consumed only if the label's job row commits with it:
 * no two pallets ever get the same SSCC, even across restarts.
 */
export async function allocateSscc(
  tx: Queryable,
  prefix: { companyPrefix: string; extension: number },
): Promise<string> {
  const probe = buildSscc({ ...prefix, serial: 0 });
  if (!probe.ok) throw new AppError('invalid_input', `SSCC settings are not valid: ${probe.reason}`);
  await tx.run(
    'INSERT OR IGNORE INTO sscc_counters (company_prefix, extension, next_serial) VALUES (?, ?, 0)',
    [prefix.companyPrefix, prefix.extension],
  );
  const row = await tx.get<{ next_serial: number }>(
    'SELECT next_serial FROM sscc_counters WHERE company_prefix = ? AND extension = ?',
    [prefix.companyPrefix, prefix.extension],
  );
  const serial = row?.next_serial ?? 0;
  const built = buildSscc({ ...prefix, serial });
  if (!built.ok) {
    throw new AppError(
      'conflict',
      `All ${maxSsccSerial(prefix.companyPrefix) + 1} SSCC serials for prefix ${prefix.companyPrefix} with extension ${prefix.extension} are used; configure another extension digit`,
    );
  }
  await tx.run(
    'UPDATE sscc_counters SET next_serial = next_serial + 1 WHERE company_prefix = ? AND extension = ?',
    [prefix.companyPrefix, prefix.extension],
  );
  return built.sscc;
}
