/** A base64 document from core as a download (uploads go through `@shared/files/upload`). */
import { downloadBytes } from '../../lib/download';

export function downloadBase64(base64: string, fileName: string, type = 'application/pdf'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBytes(bytes, fileName, type);
}
