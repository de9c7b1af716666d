/** A base64 document from core as a download (uploads go through `@shared/files/upload`). */
export { downloadBase64 } from '../../lib/download';
