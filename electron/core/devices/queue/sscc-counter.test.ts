import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { hasValidCheckDigit } from '@shared/domain/gs1';
import { Database } from '../../db/database';
import { allocateSscc } from './sscc-counter';

it('hands out consecutive SSCCs that survive a restart and never repeat after a rollback', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sscc-'));
  try {
    const file = path.join(dir, 'data.db');
    const prefix = { companyPrefix: '4012345', extension: 3 };
    let db = await Database.open(file);
    const a = await db.write((tx) => allocateSscc(tx, prefix));
    const b = await db.write((tx) => allocateSscc(tx, prefix));
    expect(a.slice(0, 17)).toBe('34012345000000000');
    expect(b.slice(0, 17)).toBe('34012345000000001');
    expect(hasValidCheckDigit(a) && hasValidCheckDigit(b)).toBe(true);
    // A transaction that fails after allocating gives the serial back (nothing was printed).
    await expect(
      db.write(async (tx) => {
        await allocateSscc(tx, prefix);
        throw new Error('label failed');
      }),
    ).rejects.toThrow();
    await db.close();
    db = await Database.open(file);
    expect((await db.write((tx) => allocateSscc(tx, prefix))).slice(0, 17)).toBe('34012345000000002');
    await expect(
      db.write((tx) => allocateSscc(tx, { companyPrefix: '12', extension: 0 })),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await db.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
