/**
 * The client side of the attachment store's chunked upload (`files.*` in the contract), one
 * implementation for the renderer, tests and tools: hashes the bytes (Web Crypto, in browsers and
 * Node alike), sends them in chunks of at most `UPLOAD_CHUNK_BYTES`, and finishes with the hash so
 * core can tell a damaged transfer from a good one.
 */
import { UPLOAD_CHUNK_BYTES, type StoredFile, type UploadTicket } from '../contract/files';

/** Calls one command and resolves with its value (throws on a refusal). */
export type UploadCall = <T>(name: string, input: unknown) => Promise<T>;

/** Web Crypto and btoa: globals in browsers and Node 20 alike (shared/ compiles without DOM types). */
const web = globalThis as unknown as {
  crypto: { subtle: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } };
  btoa(binary: string): string;
};

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await web.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole chunk as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return web.btoa(binary);
}

export async function uploadFile(
  call: UploadCall,
  name: string,
  bytes: Uint8Array,
  onProgress?: (sent: number, total: number) => void,
): Promise<StoredFile> {
  const sha256 = await sha256Hex(bytes);
  const ticket = await call<UploadTicket>('files.beginUpload', { name, size: bytes.length });
  const step = Math.min(ticket.chunkBytes, UPLOAD_CHUNK_BYTES);
  try {
    for (let offset = 0; offset < bytes.length; offset += step) {
      const data = toBase64(bytes.subarray(offset, offset + step));
      await call('files.uploadChunk', { uploadId: ticket.uploadId, offset, data });
      onProgress?.(Math.min(offset + step, bytes.length), bytes.length);
    }
    return await call<StoredFile>('files.finishUpload', { uploadId: ticket.uploadId, sha256 });
  } catch (err) {
    await call('files.cancelUpload', { uploadId: ticket.uploadId }).catch(() => undefined);
    throw err;
  }
}
