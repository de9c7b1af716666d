import { EventEmitter } from 'node:events';
import net from 'node:net';

/**
 * A Modbus TCP dock controller, written from the protocol spec on plain `net` (not from the
 * driver's library) so driver bugs do not cancel out. One unit id per door, each with the
 * protocols.md default map, and the panel's own interlocks: it refuses unsafe moves by itself
 * and counts anything the host asked for that would have been unsafe (`violations`).
 */
export const INPUTS = [
  'doorClosed',
  'doorOpen',
  'trailerPresent',
  'restraintEngaged',
  'levelerStored',
  'fault',
] as const;
export const COILS = [
  'insideGreen',
  'insideRed',
  'outsideGreen',
  'outsideRed',
  'restraintEngage',
  'doorOpenCommand',
] as const;
export type SimInput = (typeof INPUTS)[number];

interface UnitState {
  inputs: boolean[];
  coils: boolean[];
  /** Holding register 1: 0 auto, 1 override (the panel's key switch). */
  mode: number;
  heartbeat: number;
}

const FIRMWARE = 0x0102;

export class ModbusDockSim extends EventEmitter {
  readonly units = new Map<number, UnitState>();
  readonly violations: string[] = [];
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private port = 0;

  constructor(private readonly options: { doors: number; host?: string; port?: number }) {
    super();
    for (let unit = 1; unit <= options.doors; unit++) {
      // A closed door, no trailer, restraint released, leveler stored, lights for "released".
      this.units.set(unit, {
        inputs: [true, false, false, false, true, false],
        coils: [false, true, true, false, false, false],
        mode: 0,
        heartbeat: 0,
      });
    }
  }

  get address(): { host: string; port: number } {
    return { host: this.options.host ?? '127.0.0.1', port: this.port };
  }

  async start(): Promise<{ host: string; port: number }> {
    const server = net.createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port || this.options.port || 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    return this.address;
  }

  /** The module going away: port closed, connections dropped. `start()` brings it back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    // Stop accepting first, then drop connections: a client reconnecting in between would
    // otherwise keep server.close() waiting forever.
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Test/demo control: change a physical input (trailer arrives, fault, leveler). */
  setInput(unit: number, input: SimInput, value: boolean): void {
    const u = this.unit(unit);
    u.inputs[INPUTS.indexOf(input)] = value;
    this.emit('change', unit);
  }

  setMode(unit: number, override: boolean): void {
    this.unit(unit).mode = override ? 1 : 0;
  }

  input(unit: number, input: SimInput): boolean {
    return this.unit(unit).inputs[INPUTS.indexOf(input)] ?? false;
  }

  coil(unit: number, coil: (typeof COILS)[number]): boolean {
    return this.unit(unit).coils[COILS.indexOf(coil)] ?? false;
  }

  private unit(unit: number): UnitState {
    const u = this.units.get(unit);
    if (!u) throw new Error(`no unit ${unit}`);
    return u;
  }

  private accept(socket: net.Socket): void {
    if (!this.server) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      // MBAP: transaction(2) protocol(2) length(2) unit(1), then PDU of length-1 bytes.
      while (buf.length >= 7) {
        const length = buf.readUInt16BE(4);
        if (length < 2 || length > 254) {
          socket.destroy();
          return;
        }
        if (buf.length < 6 + length) return;
        const frame = buf.subarray(0, 6 + length);
        buf = buf.subarray(6 + length);
        const pdu = this.handle(frame.readUInt8(6), frame.subarray(7));
        const header = Buffer.alloc(7);
        header.writeUInt16BE(frame.readUInt16BE(0), 0);
        header.writeUInt16BE(0, 2);
        header.writeUInt16BE(pdu.length + 1, 4);
        header.writeUInt8(frame.readUInt8(6), 6);
        socket.write(Buffer.concat([header, pdu]));
      }
    });
  }

  private handle(unitId: number, pdu: Buffer): Buffer {
    const fc = pdu.readUInt8(0);
    const fail = (code: number) => Buffer.from([fc | 0x80, code]);
    const unit = this.units.get(unitId);
    if (!unit) return fail(0x0b); // gateway: target device failed to respond
    if (pdu.length < 5) return fail(0x03);
    const addr = pdu.readUInt16BE(1);
    const qty = pdu.readUInt16BE(3);
    const inRange = (size: number, count: number) => count >= 1 && addr + count <= size;
    switch (fc) {
      case 1:
      case 2: {
        const bits = fc === 1 ? unit.coils : unit.inputs;
        if (!inRange(bits.length, qty)) return fail(0x02);
        return Buffer.from([fc, ...packBits(bits.slice(addr, addr + qty))]);
      }
      case 3:
      case 4: {
        unit.heartbeat = (unit.heartbeat + 1) & 0xffff;
        const regs =
          fc === 3 ? [bitmask(unit.coils), unit.mode] : [bitmask(unit.inputs), unit.heartbeat, FIRMWARE];
        if (!inRange(regs.length, qty)) return fail(0x02);
        const out = Buffer.alloc(2 + qty * 2);
        out.writeUInt8(fc, 0);
        out.writeUInt8(qty * 2, 1);
        regs.slice(addr, addr + qty).forEach((v, i) => out.writeUInt16BE(v, 2 + i * 2));
        return out;
      }
      case 5: {
        if (qty !== 0xff00 && qty !== 0) return fail(0x03);
        if (!inRange(unit.coils.length, 1)) return fail(0x02);
        this.writeCoil(unitId, unit, addr, qty === 0xff00);
        return pdu.subarray(0, 5);
      }
      case 15: {
        if (!inRange(unit.coils.length, qty)) return fail(0x02);
        for (let i = 0; i < qty; i++)
          this.writeCoil(unitId, unit, addr + i, ((pdu[6 + (i >> 3)] ?? 0) & (1 << (i & 7))) !== 0);
        return pdu.subarray(0, 5);
      }
      case 6: {
        if (!inRange(2, 1)) return fail(0x02);
        if (addr === 1) {
          if (qty > 1) return fail(0x03);
          unit.mode = qty;
        } else {
          COILS.forEach((_, i) => this.writeCoil(unitId, unit, i, (qty & (1 << i)) !== 0));
        }
        return pdu.subarray(0, 5);
      }
      default:
        return fail(0x01);
    }
  }

  /** Applies a coil write with the panel's interlocks. */
  private writeCoil(unitId: number, unit: UnitState, addr: number, value: boolean): void {
    const name = COILS[addr];
    const override = unit.mode === 1;
    const is = (input: SimInput) => unit.inputs[INPUTS.indexOf(input)] === true;
    const set = (input: SimInput, v: boolean) => {
      unit.inputs[INPUTS.indexOf(input)] = v;
    };
    if (name === 'insideGreen' && value && !is('restraintEngaged') && !override)
      this.violations.push(`unit ${unitId}: inside green without restraint`);
    if (name === 'restraintEngage') set('restraintEngaged', value);
    if (name === 'doorOpenCommand') {
      if (value && !is('restraintEngaged') && !override) {
        this.violations.push(`unit ${unitId}: door open without restraint`);
        return; // the panel does not move the door
      }
      if (!value && !is('levelerStored') && !override) {
        this.violations.push(`unit ${unitId}: door close with leveler out`);
        return;
      }
      set('doorOpen', value);
      set('doorClosed', !value);
    }
    unit.coils[addr] = value;
    this.emit('change', unitId);
  }
}

function packBits(bits: boolean[]): number[] {
  const bytes = new Array<number>(Math.ceil(bits.length / 8)).fill(0);
  bits.forEach((b, i) => {
    if (b) bytes[i >> 3]! |= 1 << (i & 7);
  });
  return [bytes.length, ...bytes];
}

function bitmask(bits: boolean[]): number {
  return bits.reduce((m, b, i) => (b ? m | (1 << i) : m), 0);
}
