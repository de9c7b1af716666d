export function electronBinary(options?: {
  download?: boolean;
  timeoutMs?: number;
}): { path: string } | { path: null; reason: string };
