/**
 * The attachment store: files kept by their SHA-256 in the data folder, shared by every feature
 * that takes a file (order imports today; dock documents and claim photos next). A file travels
 * in chunks well under the frame limit, so no transport ever carries a whole file in one message:
 * `files.beginUpload` → `files.uploadChunk` × n (in order, each at most `UPLOAD_CHUNK_BYTES`) →
 * `files.finishUpload`, which checks the SHA-256 the sender computed and answers the file's id
 * (that SHA-256). Commands that use a file take its `fileId`.
 */
import { z } from 'zod';
import { mutation } from './define';

/** The largest file the store keeps. */
export const FILE_MAX_BYTES = 32 * 1024 * 1024;
/** Raw bytes per chunk: ~350 KB of base64, well under the 1 MiB frame limit. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** What the store recognises from a file's first bytes (the name is never trusted). */
export const FILE_KINDS = ['pdf', 'png', 'jpeg', 'zip', 'xlsx', 'text', 'binary'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface StoredFile {
  /** The SHA-256 of the content, lower-case hex: the same bytes are one file. */
  id: string;
  size: number;
  kind: FileKind;
  /** A MIME type from the sniffed kind, for display and downloads. */
  contentType: string;
  /** The name it was first uploaded under; shown to people, never used as a path. */
  name: string;
}

export interface UploadTicket {
  uploadId: string;
  chunkBytes: number;
}

export const FILE_ID = /^[0-9a-f]{64}$/;
export const fileId = z.string().regex(FILE_ID, 'Not a file id (a SHA-256 in hex)');
const uploadId = z.string().uuid('Not an upload id');

export const filesCommands = {
  'files.beginUpload': mutation<UploadTicket>()(
    z.object({
      name: z.string().trim().min(1, 'The file needs a name').max(200),
      size: z
        .number()
        .int()
        .min(1, 'The file is empty')
        .max(FILE_MAX_BYTES, `The file is larger than ${FILE_MAX_BYTES / 1024 / 1024} MB`),
    }),
  ),
  /** `offset` must be the number of bytes received so far; a chunk sent twice is accepted once. */
  'files.uploadChunk': mutation<{ received: number }>()(
    z.object({
      uploadId,
      offset: z.number().int().min(0).max(FILE_MAX_BYTES),
      // base64 of at most UPLOAD_CHUNK_BYTES raw bytes
      data: z
        .string()
        .min(4)
        .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The chunk is not base64'),
    }),
  ),
  'files.finishUpload': mutation<StoredFile>()(z.object({ uploadId, sha256: fileId })),
  'files.cancelUpload': mutation<{ cancelled: boolean }>()(z.object({ uploadId })),
};
