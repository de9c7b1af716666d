import { readdir } from 'node:fs/promises';
import { SerialPort } from 'serialport';

export interface SerialPortEntry {
  path: string;
  manufacturer: string | null;
  /** `udev`: full details from SerialPort.list(); `dev-scan`: fallback listing of /dev. */
  source: 'udev' | 'dev-scan';
}

const TTY = /^tty(S|USB|ACM|AMA|XRUSB)\d+$/;

/**
 * Lists serial ports. `SerialPort.list()` spawns `udevadm` on Linux and throws where it is
 * missing (containers, minimal installs); then we fall back to the usual /dev names.
 */
export async function listSerialPorts(
  list: () => Promise<Array<{ path: string; manufacturer?: string | undefined }>> = () => SerialPort.list(),
  devDir = '/dev',
): Promise<SerialPortEntry[]> {
  try {
    const ports = await list();
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      source: 'udev' as const,
    }));
  } catch {
    const names = await readdir(devDir).catch(() => [] as string[]);
    return names
      .filter((n) => TTY.test(n))
      .sort()
      .map((n) => ({ path: `${devDir}/${n}`, manufacturer: null, source: 'dev-scan' as const }));
  }
}
