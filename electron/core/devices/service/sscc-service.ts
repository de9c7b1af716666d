import type { SsccSettings } from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import { buildSscc, maxSsccSerial } from '@shared/domain/gs1';
import type { Queryable, Readable } from '../../db/connection';
import type { Database } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import { allocateSsccs, nextSsccSerial, ssccExhausted, type SsccPrefix } from '../queue/sscc-counter';

const KEY = 'devices.sscc';
/**
 * The demo site's prefix: 0614141 is the company prefix GS1 itself uses in the examples of its
 * General Specifications, so demo labels can never collide with a real company's SSCCs.
 */
export const DEMO_SSCC_PREFIX: SsccPrefix = { companyPrefix: '0614141', extension: 0 };

/** The configured prefix and extension, or null when none is set (or the stored value is unusable). */
export async function readSsccPrefix(db: Readable): Promise<SsccPrefix | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [KEY]);
  if (!row) return null;
  try {
    const v = JSON.parse(row.value) as Partial<SsccPrefix>;
    const prefix = { companyPrefix: String(v.companyPrefix), extension: Number(v.extension) };
    return buildSscc({ ...prefix, serial: 0 }).ok ? prefix : null;
  } catch {
    return null;
  }
}

/**
 * SSCCs for pallet labels that come without one, taken inside the print transaction (see
 * `allocateSsccs`). Refuses with a clear message when no prefix is configured.
 */
export async function allocateConfiguredSsccs(tx: Queryable, count: number): Promise<string[]> {
  const prefix = await readSsccPrefix(tx);
  if (!prefix)
    throw new AppError(
      'conflict',
      'No GS1 company prefix is set, so Loadstar cannot number this pallet label. Set it in the SSCC settings, or enter the SSCC.',
    );
  return allocateSsccs(tx, prefix, count);
}

/** The SSCC the next unnumbered pallet label would get, without taking it (previews). */
export async function peekNextSscc(db: Readable): Promise<string | null> {
  const prefix = await readSsccPrefix(db);
  if (!prefix) return null;
  const built = buildSscc({ ...prefix, serial: await nextSsccSerial(db, prefix) });
  return built.ok ? built.sscc : null;
}

/** Reading and changing the SSCC numbering; the counters themselves only ever move forward. */
export class SsccService {
  constructor(private readonly db: Database) {}

  async settings(db: Readable = this.db): Promise<SsccSettings> {
    const prefix = await readSsccPrefix(db);
    if (!prefix)
      return { companyPrefix: null, extension: 0, nextSerial: 0, maxSerial: 0, remaining: 0, nextSscc: null };
    const nextSerial = await nextSsccSerial(db, prefix);
    const maxSerial = maxSsccSerial(prefix.companyPrefix);
    const next = buildSscc({ ...prefix, serial: nextSerial });
    return {
      ...prefix,
      nextSerial,
      maxSerial,
      remaining: Math.max(0, maxSerial + 1 - nextSerial),
      nextSscc: next.ok ? next.sscc : null,
    };
  }

  async update(
    change: { companyPrefix: string; extension?: number | undefined },
    actor: string,
  ): Promise<SsccSettings> {
    return this.db.write(async (tx) => {
      const current = await readSsccPrefix(tx);
      const next: SsccPrefix = {
        companyPrefix: change.companyPrefix.trim(),
        extension: change.extension ?? current?.extension ?? 0,
      };
      const probe = buildSscc({ ...next, serial: 0 });
      if (!probe.ok) throw new AppError('invalid_input', probe.reason, { field: 'companyPrefix' });
      // A used-up range is refused up front: otherwise every pallet label after this would fail.
      const left = maxSsccSerial(next.companyPrefix) + 1 - (await nextSsccSerial(tx, next));
      if (left <= 0) throw ssccExhausted(next, 1, 0);
      await tx.run(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        [KEY, JSON.stringify(next)],
      );
      await recordMutation(tx, { name: 'devices.updateSsccSettings', args: next, actor });
      return this.settings(tx);
    });
  }

  /** Demo data: a plausible prefix so pallet labels print out of the box. Never overwrites a setting. */
  async seedDemo(): Promise<void> {
    await this.db.write((tx) =>
      tx.run('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)', [
        KEY,
        JSON.stringify(DEMO_SSCC_PREFIX),
      ]),
    );
  }
}
