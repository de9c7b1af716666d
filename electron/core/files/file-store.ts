/**
 * The content-addressed attachment store. A file lives at `files/objects/<2 hex>/<sha256>` in the
 * data folder and has one row in `files`; the same bytes uploaded twice are one file. Names are
 * only shown, never used as paths; the kind comes from the content (`sniff.ts`). A file that no
 * record keeps (`file_refs`) is removed a day after upload, or sooner when such files pass a
 * total size, so uploads that were never used cannot fill the disk.
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { appendFile, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AppError,
  FILE_ID,
  UPLOAD_CHUNK_BYTES,
  type FileKind,
  type StoredFile,
  type UploadTicket,
} from '@shared/contract';
import type { Queryable } from '../db/connection';
import type { Database } from '../db/database';
import type { Logger } from '../log';
import { contentTypeOf, sniffKind } from './sniff';

/** What other domains use: read a stored file, and keep it while a record refers to it. */
export interface FilesPort {
  read(fileId: string): Promise<{ file: StoredFile; bytes: Buffer }>;
  /** Call inside the owner's write transaction, so the reference commits with the record. */
  keep(tx: Queryable, fileId: string, owner: string): Promise<void>;
  release(tx: Queryable, owner: string): Promise<void>;
  /**
   * Removes a file at once if no record keeps it: a domain that refuses an uploaded file (the
   * wrong kind, too large for it) leaves nothing stored.
   */
  discard(fileId: string): Promise<boolean>;
}

export interface FileStoreLimits {
  /** Uploads in progress at once. */
  openUploads: number;
  /** An upload with no chunk for this long is dropped. */
  uploadIdleMs: number;
  /** An unreferenced file is removed this long after upload… */
  unreferencedKeepMs: number;
  /** …or sooner, oldest first, while unreferenced files together pass this size. */
  unreferencedMaxBytes: number;
}

const DEFAULT_LIMITS: FileStoreLimits = {
  openUploads: 8,
  uploadIdleMs: 15 * 60_000,
  unreferencedKeepMs: 24 * 3600_000,
  unreferencedMaxBytes: 512 * 1024 * 1024,
};

interface Upload {
  id: string;
  name: string;
  size: number;
  received: number;
  hash: Hash;
  part: string;
  touchedAt: number;
  /** Chunks of one upload are written one after the other. */
  queue: Promise<unknown>;
}

interface FileRow {
  id: string;
  size: number;
  kind: FileKind;
  content_type: string;
  name: string;
}

const toFile = (r: FileRow): StoredFile => ({
  id: r.id,
  size: r.size,
  kind: r.kind,
  contentType: r.content_type,
  name: r.name,
});

export class FileStore implements FilesPort {
  private readonly uploads = new Map<string, Upload>();
  private readonly objectsDir: string;
  private readonly uploadsDir: string;
  private readonly limits: FileStoreLimits;

  constructor(
    private readonly o: {
      db: Database;
      dataDir: string;
      now: () => number;
      logger: Logger;
      limits?: Partial<FileStoreLimits>;
    },
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...o.limits };
    this.objectsDir = join(o.dataDir, 'files', 'objects');
    this.uploadsDir = join(o.dataDir, 'files', 'uploads');
    // Parts of uploads from before a restart cannot be resumed (their hash state is gone).
    rmSync(this.uploadsDir, { recursive: true, force: true });
    mkdirSync(this.uploadsDir, { recursive: true });
    mkdirSync(this.objectsDir, { recursive: true });
  }

  begin(input: { name: string; size: number }): UploadTicket {
    this.dropIdle();
    if (this.uploads.size >= this.limits.openUploads)
      throw new AppError(
        'unavailable',
        'Too many files are being uploaded right now. Wait for them to finish, then try again.',
        { reason: 'too_many_uploads' },
      );
    const id = randomUUID();
    this.uploads.set(id, {
      id,
      name: input.name,
      size: input.size,
      received: 0,
      hash: createHash('sha256'),
      part: join(this.uploadsDir, `${id}.part`),
      touchedAt: this.o.now(),
      queue: Promise.resolve(),
    });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  chunk(input: { uploadId: string; offset: number; data: string }): Promise<{ received: number }> {
    const upload = this.upload(input.uploadId);
    const bytes = Buffer.from(input.data, 'base64');
    if (bytes.length === 0 || bytes.length > UPLOAD_CHUNK_BYTES)
      throw new AppError('invalid_input', `A chunk carries 1 to ${UPLOAD_CHUNK_BYTES} bytes.`);
    const next = upload.queue.then(() => this.writeChunk(upload, input.offset, bytes));
    upload.queue = next.catch(() => undefined);
    return next;
  }

  private async writeChunk(upload: Upload, offset: number, bytes: Buffer): Promise<{ received: number }> {
    upload.touchedAt = this.o.now();
    if (offset + bytes.length > upload.size)
      throw new AppError(
        'invalid_input',
        `This chunk ends at byte ${offset + bytes.length}, past the file's declared ${upload.size} bytes.`,
      );
    if (offset < upload.received) {
      // A chunk sent again (the answer to the first send was lost): accept it once, if identical.
      if (offset + bytes.length <= upload.received && (await this.samePart(upload, offset, bytes)))
        return { received: upload.received };
      throw new AppError('conflict', 'This chunk overlaps bytes already received with different content.', {
        reason: 'chunk_mismatch',
        expectedOffset: upload.received,
      });
    }
    if (offset > upload.received)
      throw new AppError(
        'conflict',
        `Bytes are missing before this chunk: send from byte ${upload.received}.`,
        {
          reason: 'chunk_gap',
          expectedOffset: upload.received,
        },
      );
    await appendFile(upload.part, bytes);
    upload.hash.update(bytes);
    upload.received += bytes.length;
    return { received: upload.received };
  }

  private async samePart(upload: Upload, offset: number, bytes: Buffer): Promise<boolean> {
    const handle = await open(upload.part, 'r');
    try {
      const stored = Buffer.alloc(bytes.length);
      await handle.read(stored, 0, bytes.length, offset);
      return stored.equals(bytes);
    } finally {
      await handle.close();
    }
  }

  async finish(input: { uploadId: string; sha256: string }): Promise<StoredFile> {
    const upload = this.upload(input.uploadId);
    await upload.queue;
    if (upload.received !== upload.size)
      throw new AppError(
        'invalid_input',
        `The upload is incomplete: ${upload.received} of ${upload.size} bytes arrived.`,
        { reason: 'upload_incomplete', received: upload.received },
      );
    this.uploads.delete(upload.id);
    const digest = upload.hash.digest('hex');
    if (digest !== input.sha256) {
      await rm(upload.part, { force: true });
      throw new AppError(
        'invalid_input',
        'The file arrived damaged (its checksum does not match). Choose it again.',
        {
          reason: 'checksum_mismatch',
        },
      );
    }
    const head = Buffer.alloc(Math.min(upload.size, 8192));
    const handle = await open(upload.part, 'r');
    await handle.read(head, 0, head.length, 0).finally(() => handle.close());
    const kind = sniffKind(head);
    const target = this.objectPath(digest);
    mkdirSync(join(target, '..'), { recursive: true });
    await rename(upload.part, target);
    await this.o.db.write((tx) =>
      tx.run(
        `INSERT INTO files (id, size, kind, content_type, name, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at`,
        [digest, upload.size, kind, contentTypeOf(kind), upload.name, this.o.now()],
      ),
    );
    void this.prune().catch((err: unknown) =>
      this.o.logger.warn('file prune failed', { error: String(err) }),
    );
    return (await this.info(digest))!;
  }

  async cancel(input: { uploadId: string }): Promise<{ cancelled: boolean }> {
    const upload = this.uploads.get(input.uploadId);
    if (!upload) return { cancelled: false };
    this.uploads.delete(upload.id);
    await upload.queue;
    await rm(upload.part, { force: true });
    return { cancelled: true };
  }

  async info(fileId: string): Promise<StoredFile | null> {
    if (!FILE_ID.test(fileId)) return null;
    const row = await this.o.db.get<FileRow>(
      'SELECT id, size, kind, content_type, name FROM files WHERE id = ?',
      [fileId],
    );
    return row ? toFile(row) : null;
  }

  async read(fileId: string): Promise<{ file: StoredFile; bytes: Buffer }> {
    const file = await this.info(fileId);
    const bytes = file ? await readFile(this.objectPath(file.id)).catch(() => null) : null;
    if (!file || !bytes)
      throw new AppError('not_found', 'That file is no longer stored. Upload it again.', {
        reason: 'file_missing',
      });
    return { file, bytes };
  }

  async keep(tx: Queryable, fileId: string, owner: string): Promise<void> {
    await tx.run('INSERT OR IGNORE INTO file_refs (file_id, owner, created_at) VALUES (?, ?, ?)', [
      fileId,
      owner,
      this.o.now(),
    ]);
  }

  async release(tx: Queryable, owner: string): Promise<void> {
    await tx.run('DELETE FROM file_refs WHERE owner = ?', [owner]);
  }

  async discard(fileId: string): Promise<boolean> {
    if (!FILE_ID.test(fileId)) return false;
    const removed = await this.o.db.write((tx) =>
      tx.run('DELETE FROM files WHERE id = ? AND NOT EXISTS (SELECT 1 FROM file_refs WHERE file_id = ?)', [
        fileId,
        fileId,
      ]),
    );
    if (!removed.changes) return false;
    await rm(this.objectPath(fileId), { force: true });
    return true;
  }

  /** Drops idle uploads and the unreferenced files past their keep time or the size budget. */
  async prune(): Promise<number> {
    this.dropIdle();
    const now = this.o.now();
    const loose = await this.o.db.all<{ id: string; size: number; created_at: number }>(
      `SELECT id, size, created_at FROM files
       WHERE NOT EXISTS (SELECT 1 FROM file_refs r WHERE r.file_id = files.id)
       ORDER BY created_at DESC`,
    );
    let kept = 0;
    const doomed: string[] = [];
    for (const f of loose) {
      kept += f.size;
      if (now - f.created_at > this.limits.unreferencedKeepMs || kept > this.limits.unreferencedMaxBytes)
        doomed.push(f.id);
    }
    if (!doomed.length) return 0;
    // The row goes first: a file whose row is gone is never read, and a left-over object is
    // overwritten by the next upload of the same bytes.
    await this.o.db.write(async (tx) => {
      for (const id of doomed)
        await tx.run(
          'DELETE FROM files WHERE id = ? AND NOT EXISTS (SELECT 1 FROM file_refs WHERE file_id = ?)',
          [id, id],
        );
    });
    for (const id of doomed) await rm(this.objectPath(id), { force: true });
    return doomed.length;
  }

  private dropIdle(): void {
    const now = this.o.now();
    for (const u of this.uploads.values()) {
      if (now - u.touchedAt <= this.limits.uploadIdleMs) continue;
      this.uploads.delete(u.id);
      void u.queue.then(() => rm(u.part, { force: true }));
    }
  }

  private upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload)
      throw new AppError(
        'not_found',
        'This upload is no longer open (it finished, was cancelled or timed out). Start it again.',
        {
          reason: 'upload_gone',
        },
      );
    return upload;
  }

  /** Only ever a hex digest checked by the caller: no name or input reaches the path. */
  private objectPath(sha256: string): string {
    if (!FILE_ID.test(sha256)) throw new Error('not a file id');
    return join(this.objectsDir, sha256.slice(0, 2), sha256);
  }

  /** For tests and diagnostics: is the object on disk. */
  async hasObject(sha256: string): Promise<boolean> {
    return (await stat(this.objectPath(sha256)).catch(() => null))?.isFile() ?? false;
  }
}
