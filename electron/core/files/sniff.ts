import type { FileKind } from '@shared/contract';

const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
  binary: 'application/octet-stream',
};

export function contentTypeOf(kind: FileKind): string {
  return CONTENT_TYPES[kind];
}

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/**
 * What a file is, from its first bytes: a name or a browser's claimed type is never trusted.
 * `head` is the first few KB; an xlsx is a zip whose first entries name the `xl/` parts.
 */
export function sniffKind(head: Uint8Array): FileKind {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const latin = Buffer.from(head).toString('latin1');
    return latin.includes('xl/') || latin.includes('[Content_Types].xml') ? 'xlsx' : 'zip';
  }
  return looksLikeText(head) ? 'text' : 'binary';
}

/** UTF-8 (or a UTF-16 byte-order mark) without NUL or other control bytes beyond tab/CR/LF/FF. */
function looksLikeText(head: Uint8Array): boolean {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  for (const b of head)
    if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13)) return false;
  // A multi-byte character cut at the end of the head is still text.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
    return true;
  } catch {
    return false;
  }
}

function lastCompleteUtf8(b: Uint8Array): number {
  const end = b.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = b[end - back]!;
    if ((byte & 0xc0) !== 0x80) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return need > back ? end - back : end;
    }
  }
  return end;
}
