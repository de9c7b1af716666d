/**
 * Evidence files from the operator's computer or camera into the attachment store. Too large a
 * file is refused here before a byte is sent; its kind is judged by core from the content (a
 * renamed program is refused there and removed from the store).
 */
import { CLAIM_FILE_MAX_BYTES, type StoredFile } from '@shared/contract';
import { uploadFile } from '@shared/files/upload';
import type { ApiClient } from '../../lib/api/client';

export class EvidenceTooLarge extends Error {
  constructor(readonly fileName: string, readonly size: number) {
    super(`${fileName} is larger than ${CLAIM_FILE_MAX_BYTES / 1024 / 1024} MB`);
  }
}

export async function uploadEvidence(api: ApiClient, name: string, bytes: Uint8Array): Promise<StoredFile> {
  if (bytes.length > CLAIM_FILE_MAX_BYTES) throw new EvidenceTooLarge(name, bytes.length);
  return uploadFile((command, input) => api.call(command as 'files.beginUpload', input as never) as never, name, bytes);
}

export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** One frame of the camera as a JPEG. */
export async function captureFrame(video: HTMLVideoElement): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth || 640;
  canvas.height = video.videoHeight || 480;
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) throw new Error('The camera gave no picture');
  return new Uint8Array(await blob.arrayBuffer());
}
