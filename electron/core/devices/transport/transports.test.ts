import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZebraPrinter, testPrinterConnection } from '../zebra/zebra-printer';
import { ZebraSim } from '../sim/zebra-sim';
import { openTransport } from './open-transport';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'transport-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('device file transport (/dev/usb/lp*)', () => {
  it('appends each job and reports no status instead of failing', async () => {
    const file = path.join(dir, 'lp0');
    await writeFile(file, '');
    const printer = new ZebraPrinter({ kind: 'device', path: file });
    expect(await printer.print('^XA^FDone^FS^XZ')).toEqual({ outcome: 'printed' });
    expect(await printer.print('^XA^FDtwo^FS^XZ')).toEqual({ outcome: 'printed' });
    expect(await readFile(file, 'utf8')).toBe('^XA^FDone^FS^XZ^XA^FDtwo^FS^XZ');
    expect(await printer.status()).toMatchObject({ reachable: true, status: null, queryable: false });
  });

  it('explains a missing device as unplugged', async () => {
    const printer = new ZebraPrinter({ kind: 'device', path: path.join(dir, 'missing', 'lp0') });
    expect(await printer.print('^XA^XZ')).toMatchObject({
      outcome: 'not-sent',
      reason: expect.stringMatching(/unplugged or switched off/),
    });
  });
});

describe('CUPS raw transport', () => {
  async function fakeLp(body: string): Promise<string> {
    const lp = path.join(dir, 'lp');
    await writeFile(lp, `#!/bin/sh\n${body}\n`);
    await chmod(lp, 0o755);
    return lp;
  }

  it('pipes the job to lp -d QUEUE -o raw and succeeds when lp exits 0', async () => {
    const out = path.join(dir, 'spool');
    const lp = await fakeLp(`echo "$@" > "${out}.args"; cat > "${out}"`);
    const printer = new ZebraPrinter({ kind: 'cups', queue: 'zebra_dock', lpCommand: lp });
    expect(await printer.print('^XA^FDcups^FS^XZ')).toEqual({ outcome: 'printed' });
    expect(await readFile(out, 'utf8')).toBe('^XA^FDcups^FS^XZ');
    expect((await readFile(`${out}.args`, 'utf8')).trim()).toBe('-d zebra_dock -o raw');
  });

  it('reports lp failures with its message, and a missing lp as offline', async () => {
    const lp = await fakeLp('cat > /dev/null; echo "lp: The printer or class does not exist." >&2; exit 1');
    const outcome = await new ZebraPrinter({ kind: 'cups', queue: 'nope', lpCommand: lp }).print('^XA^XZ');
    expect(outcome).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/does not exist/) });
    const missing = await new ZebraPrinter({
      kind: 'cups',
      queue: 'q',
      lpCommand: path.join(dir, 'no-lp'),
    }).print('^XA^XZ');
    expect(missing).toMatchObject({ outcome: 'not-sent', reason: expect.stringMatching(/Cannot run/) });
    await expect(openTransport({ kind: 'cups', queue: 'bad queue; rm -rf /' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('test connection', () => {
  it('names the model when ready and the fault when not', async () => {
    const sim = new ZebraSim({ jobDir: path.join(dir, 'jobs') });
    const { host, port } = await sim.start();
    try {
      const printer = new ZebraPrinter({ kind: 'tcp', host, port }, { queryTimeoutMs: 300 });
      expect(await testPrinterConnection(printer)).toMatchObject({
        ok: true,
        message: expect.stringMatching(/ZD420.*ready/),
      });
      await sim.set({ headOpen: true });
      expect(await testPrinterConnection(printer)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/head open/),
      });
      await sim.set({ offline: true });
      expect(await testPrinterConnection(printer)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/Cannot connect/),
      });
    } finally {
      await sim.stop();
    }
  });
});

describe('TCP transport back-pressure', () => {
  it('gives up on a printer that stops taking data, as an uncertain outcome', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => {
      s.pause(); // accepts the connection, never reads: the send buffer fills up
      sockets.push(s);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    try {
      const printer = new ZebraPrinter(
        { kind: 'tcp', host: '127.0.0.1', port },
        { timeouts: { connectMs: 1000, closeMs: 1000, stallMs: 150 } },
      );
      const outcome = await printer.print(`^XA^FX${'0'.repeat(32_000_000)}^XZ`);
      expect(outcome).toMatchObject({ outcome: 'uncertain', reason: expect.stringMatching(/took no data/) });
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => server.close(r));
    }
  });
});
