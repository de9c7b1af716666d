import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSerialPorts } from './list-ports';
import { ScanFramer } from './scan-framer';

const texts = (lines: ReturnType<ScanFramer['push']>) =>
  lines.map((l) => (l.ok ? l.text : `ERR:${l.error.slice(0, 20)}`));

describe('ScanFramer', () => {
  it('accepts CR, CR LF and LF endings, even split across chunks', () => {
    const f = new ScanFramer();
    expect(texts(f.push(Buffer.from('ABC\rDEF\r\nGH')))).toEqual(['ABC', 'DEF']);
    expect(texts(f.push(Buffer.from('I\r')))).toEqual(['GHI']);
    expect(texts(f.push(Buffer.from('\nJKL\n')))).toEqual(['JKL']);
  });

  it('keeps GS inside a scan', () => {
    expect(texts(new ScanFramer().push(Buffer.from(']C110ABC\u001d21X\r')))).toEqual([']C110ABC\u001d21X']);
  });

  it('rejects binary garbage with a reason and still reads the next scan', () => {
    const lines = new ScanFramer().push(Buffer.from([0x41, 0x00, 0xff, 0xfe, 0x0d, 0x42, 0x43, 0x0d]));
    expect(lines[0]).toMatchObject({ ok: false, error: expect.stringMatching(/binary data.*baud rate/) });
    expect(lines[1]).toEqual({ ok: true, text: 'BC' });
  });

  it('rejects invalid UTF-8', () => {
    expect(new ScanFramer().push(Buffer.from([0xc3, 0x28, 0x0d]))[0]).toMatchObject({ ok: false });
    expect(new ScanFramer().push(Buffer.from('Åsa\r'))[0]).toEqual({ ok: true, text: 'Åsa' });
  });

  it('discards an overlong line once and recovers at the next line end', () => {
    const f = new ScanFramer(16);
    const first = f.push(Buffer.from('X'.repeat(10)));
    const second = f.push(Buffer.from('X'.repeat(100)));
    const third = f.push(Buffer.from('XX\rGOOD\r'));
    expect([...first, ...second, ...third].map((l) => l.ok)).toEqual([false, true]);
    expect(texts(third)).toEqual(['GOOD']);
  });
});

describe('listSerialPorts', () => {
  it('falls back to /dev names when SerialPort.list() fails (no udevadm)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dev-'));
    try {
      for (const n of ['ttyUSB0', 'ttyS1', 'tty0', 'null', 'ttyACM2']) await writeFile(path.join(dir, n), '');
      const ports = await listSerialPorts(() => Promise.reject(new Error('spawn udevadm ENOENT')), dir);
      expect(ports.map((p) => path.basename(p.path))).toEqual(['ttyACM2', 'ttyS1', 'ttyUSB0']);
      expect(ports[0]!.source).toBe('dev-scan');
      const ok = await listSerialPorts(() =>
        Promise.resolve([{ path: '/dev/ttyUSB0', manufacturer: 'Zebra' }]),
      );
      expect(ok).toEqual([{ path: '/dev/ttyUSB0', manufacturer: 'Zebra', source: 'udev' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
