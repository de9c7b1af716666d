import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModbusDockSim } from './modbus-dock-sim';
import { ZplStreamReader } from './zebra-protocol-sim';
import { ZebraSim } from './zebra-sim';

function reader() {
  const commands: string[] = [];
  const formats: string[] = [];
  const r = new ZplStreamReader({ command: (c) => commands.push(c), format: (f) => formats.push(f) });
  return { r, commands, formats };
}

describe('ZplStreamReader (simulator side)', () => {
  it('finds formats and ~ commands split at any byte boundary', () => {
    const stream = '~HS^XA^FO1,1^FDa~JRb^FS^XZjunk~HQES^XA^XZ~HI';
    for (let cut = 1; cut < stream.length; cut++) {
      const { r, commands, formats } = reader();
      r.push(stream.slice(0, cut));
      r.push(stream.slice(cut));
      expect(commands).toEqual(['HS', 'JR', 'HQES', 'HI']);
      // `~` commands act at once and are not part of the format.
      expect(formats).toEqual(['^XA^FO1,1^FDab^FS^XZ', '^XA^XZ']);
    }
  });

  it('sees escaped injection attempts as plain data', () => {
    const { r, commands, formats } = reader();
    r.push('^XA^FH^FD_5EXZ_7EJR^FS^XZ');
    expect(commands).toEqual([]);
    expect(formats).toHaveLength(1);
  });
});

/** Sends one raw Modbus TCP request and returns the PDU of the reply. */
function request(port: number, unit: number, pdu: number[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    const header = [0, 7, 0, 0, 0, pdu.length + 1, unit];
    s.on('connect', () => s.write(Buffer.from([...header, ...pdu])));
    s.on('data', (d) => {
      resolve([...d.subarray(7)]);
      s.destroy();
    });
    s.on('error', reject);
  });
}

describe('ModbusDockSim (protocol facts from protocols.md)', () => {
  it('answers the default map, exceptions 01/02/03/0B, and keeps its own interlocks', async () => {
    const sim = new ModbusDockSim({ doors: 1 });
    const { port } = await sim.start();
    try {
      expect(await request(port, 1, [2, 0, 0, 0, 6])).toEqual([2, 1, 0b010001]); // closed + leveler stored
      expect(await request(port, 1, [4, 0, 2, 0, 1])).toEqual([4, 2, 0x01, 0x02]); // firmware
      expect(await request(port, 1, [2, 0, 6, 0, 1])).toEqual([0x82, 2]); // out of range
      expect(await request(port, 1, [43, 0, 0, 0, 1])).toEqual([0xab, 1]); // unsupported function
      expect(await request(port, 1, [5, 0, 0, 0x12, 0x34])).toEqual([0x85, 3]); // bad coil value
      expect(await request(port, 9, [1, 0, 0, 0, 1])).toEqual([0x81, 0x0b]); // no such unit
      // Door open without restraint: accepted on the wire, refused by the panel, counted.
      await request(port, 1, [5, 0, 5, 0xff, 0]);
      expect(sim.input(1, 'doorOpen')).toBe(false);
      expect(sim.violations).toEqual(['unit 1: door open without restraint']);
    } finally {
      await sim.stop();
    }
  });
});

describe('ZebraSim raw port', () => {
  it('serves one connection at a time: a second client waits until the first closes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zsim-'));
    const sim = new ZebraSim({ jobDir: dir });
    const { port } = await sim.start();
    try {
      const a = net.connect(port, '127.0.0.1');
      await new Promise((r) => a.once('connect', r));
      const aReply = new Promise((r) => a.once('data', r));
      a.write('~HI');
      await aReply; // A is now the active connection
      const b = net.connect(port, '127.0.0.1');
      const bData: Buffer[] = [];
      b.on('data', (d: Buffer) => bData.push(d));
      await new Promise((r) => b.once('connect', r));
      b.write('~HS');
      // A round trip on A after B's query: B must still be waiting.
      const aAgain = new Promise((r) => a.once('data', r));
      a.write('~HI');
      await aAgain;
      expect(bData).toEqual([]);
      const bReply = new Promise((r) => b.once('data', r));
      a.end();
      await bReply;
      expect(Buffer.concat(bData).toString()).toContain('\u0003');
      b.destroy();
    } finally {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
