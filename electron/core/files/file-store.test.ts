import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from '@shared/contract';
import { Database } from '../db/database';
import { createLogger } from '../log';
import { api } from '../routing/planning/test-support';
import { upload, useTempDirs, useTestCore } from '../testing';
import { FileStore } from './file-store';
import { sniffKind } from './sniff';

const start = useTestCore();
const tempDir = useTempDirs();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (b: Buffer) => b.toString('base64');

describe('attachment store over its commands', () => {
  it('takes a file in chunks, checks its hash, and keeps one copy per content', async () => {
    const core = await start();
    const { ok } = api(core);
    const bytes = Buffer.alloc(UPLOAD_CHUNK_BYTES * 2 + 10, 7);
    const a = await upload(core, '../../etc/passwd', bytes);
    expect(a).toMatchObject({ id: sha(bytes), size: bytes.length, kind: 'binary', name: '../../etc/passwd' });
    // Same bytes under another name: the same file.
    const b = await upload(core, 'copy.bin', bytes);
    expect(b.id).toBe(a.id);
    // The name never became a path: the only object is named by its hash.
    const objects = readdirSync(join(core.db.file, '..', 'files', 'objects'), { recursive: true });
    expect(objects.map(String).filter((f) => f.includes(a.id))).toEqual([join(a.id.slice(0, 2), a.id)]);
    expect(await ok('files.cancelUpload', { uploadId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      cancelled: false,
    });
  });

  it('accepts a chunk sent twice once, and refuses gaps, overlaps with other bytes and overruns', async () => {
    const core = await start();
    const { ok, fail } = api(core);
    const bytes = Buffer.from('0123456789abcdef');
    const { uploadId } = await ok('files.beginUpload', { name: 'x.txt', size: bytes.length });
    const first = { uploadId, offset: 0, data: b64(bytes.subarray(0, 8)) };
    expect(await ok('files.uploadChunk', first)).toEqual({ received: 8 });
    expect(await ok('files.uploadChunk', first)).toEqual({ received: 8 });
    expect(
      await fail('files.uploadChunk', { uploadId, offset: 0, data: b64(Buffer.from('XXXXXXXX')) }),
    ).toMatchObject({
      code: 'conflict',
      details: { reason: 'chunk_mismatch', expectedOffset: 8 },
    });
    expect(
      await fail('files.uploadChunk', { uploadId, offset: 12, data: b64(bytes.subarray(12)) }),
    ).toMatchObject({
      code: 'conflict',
      details: { reason: 'chunk_gap', expectedOffset: 8 },
    });
    expect(
      await fail('files.uploadChunk', { uploadId, offset: 8, data: b64(Buffer.alloc(20)) }),
    ).toMatchObject({
      code: 'invalid_input',
    });
    expect(await fail('files.finishUpload', { uploadId, sha256: sha(bytes) })).toMatchObject({
      details: { reason: 'upload_incomplete' },
    });
    await ok('files.uploadChunk', { uploadId, offset: 8, data: b64(bytes.subarray(8)) });
    expect(await fail('files.finishUpload', { uploadId, sha256: 'ab'.repeat(32) })).toMatchObject({
      code: 'invalid_input',
      details: { reason: 'checksum_mismatch' },
    });
    // A damaged upload is gone: it has to start again.
    expect(
      await fail('files.uploadChunk', { uploadId, offset: 16, data: b64(Buffer.from('x')) }),
    ).toMatchObject({
      code: 'not_found',
      details: { reason: 'upload_gone' },
    });
  });

  it('refuses files over the limit, bad chunks and too many uploads at once', async () => {
    const core = await start();
    const { ok, fail } = api(core);
    expect(await fail('files.beginUpload', { name: 'huge', size: 64 * 1024 * 1024 })).toMatchObject({
      code: 'invalid_input',
    });
    expect(await fail('files.uploadChunk', { uploadId: 'nope', offset: 0, data: 'AAAA' })).toMatchObject({
      code: 'invalid_input',
    });
    for (let i = 0; i < 8; i++) await ok('files.beginUpload', { name: `f${i}`, size: 10 });
    expect(await fail('files.beginUpload', { name: 'one more', size: 10 })).toMatchObject({
      code: 'unavailable',
      details: { reason: 'too_many_uploads' },
    });
  });
});

describe('FileStore housekeeping', () => {
  it('removes unreferenced files after a day or past the size budget, and keeps referenced ones', async () => {
    const dir = tempDir();
    const db = await Database.open(join(dir, 'loadstar.db'));
    let now = 1_000_000;
    const store = new FileStore({
      db,
      dataDir: dir,
      now: () => now,
      logger: createLogger(null),
      limits: { unreferencedMaxBytes: 25 },
    });
    const put = async (text: string) => {
      const bytes = Buffer.from(text);
      const { uploadId } = store.begin({ name: `${text}.txt`, size: bytes.length });
      await store.chunk({ uploadId, offset: 0, data: b64(bytes) });
      return store.finish({ uploadId, sha256: sha(bytes) });
    };
    const kept = await put('kept by an import');
    await db.write((tx) => store.keep(tx, kept.id, 'routes.import:2026-11-23'));
    now += 1000;
    const old = await put('old scratch');
    now += 1000;
    const fresh = await put('fresh');
    // Unreferenced: "fresh" (5 B) and "old scratch" (11 B) fit the 25 B budget.
    expect(await store.prune()).toBe(0);
    now += 1000;
    await put('pushes over budget'); // 18 B: the oldest unreferenced file goes
    await expect.poll(() => store.info(old.id)).toBeNull();
    expect(await store.hasObject(old.id)).toBe(false);
    now += 25 * 3600_000;
    expect(await store.prune()).toBeGreaterThanOrEqual(1);
    expect(await store.info(fresh.id)).toBeNull();
    expect(await store.read(kept.id)).toMatchObject({ file: { id: kept.id } });
    await db.write((tx) => store.release(tx, 'routes.import:2026-11-23'));
    expect(await store.prune()).toBe(1);
    await expect(store.read(kept.id)).rejects.toMatchObject({ code: 'not_found' });
    await db.close();
  });
});

describe('sniffing the kind from content', () => {
  it('trusts bytes, not names', () => {
    expect(sniffKind(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(
      sniffKind(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....xl/workbook.xml')])),
    ).toBe('xlsx');
    expect(sniffKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('zip');
    expect(sniffKind(Buffer.from('Ordernr;Kund\r\nSO-1;Åkes Livs\n'))).toBe('text');
    // A multi-byte character cut at the end of the sniffed head is still text.
    expect(sniffKind(Buffer.from('abc å').subarray(0, 5))).toBe('text');
    expect(sniffKind(Buffer.from([0x41, 0x00, 0x42]))).toBe('binary');
    expect(sniffKind(Buffer.from([0xc3, 0x28, 0x41]))).toBe('binary');
  });
});
