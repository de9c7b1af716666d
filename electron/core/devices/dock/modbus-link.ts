import ModbusRTU from 'modbus-serial';
import { AppError } from '@shared/contract/errors';

export type ModbusTransport =
  { kind: 'tcp'; host: string; port: number } | { kind: 'rtu'; path: string; baudRate: number };

const EXCEPTIONS: Readonly<Record<number, string>> = {
  1: 'illegal function (the module does not support this request)',
  2: 'illegal data address (no such register: check the door register map)',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge (busy with a long operation)',
  6: 'server device busy',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond (check the unit id)',
};

export function describeModbus(t: ModbusTransport): string {
  return t.kind === 'tcp' ? `Modbus TCP ${t.host}:${t.port}` : `Modbus RTU ${t.path} @${t.baudRate}`;
}

/**
 * One connection to a Modbus I/O module via `modbus-serial`. Requests are serialised (unit id is
 * connection state in that library) and every failure becomes an AppError: a Modbus exception is
 * `device_error` naming the exception, anything else `device_offline`.
 */
export class ModbusLink {
  private client: ModbusRTU | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly transport: ModbusTransport,
    private readonly timeoutMs = 1000,
  ) {}

  get connected(): boolean {
    return this.client?.isOpen ?? false;
  }

  readDiscreteInputs(unit: number, start: number, count: number): Promise<boolean[]> {
    return this.request(unit, `read inputs ${start}+${count}`, async (c) =>
      (await c.readDiscreteInputs(start, count)).data.slice(0, count),
    );
  }

  readCoils(unit: number, start: number, count: number): Promise<boolean[]> {
    return this.request(unit, `read coils ${start}+${count}`, async (c) =>
      (await c.readCoils(start, count)).data.slice(0, count),
    );
  }

  readHoldingRegisters(unit: number, start: number, count: number): Promise<number[]> {
    return this.request(
      unit,
      `read holding registers ${start}+${count}`,
      async (c) => (await c.readHoldingRegisters(start, count)).data,
    );
  }

  writeCoil(unit: number, address: number, value: boolean): Promise<void> {
    return this.request(unit, `write coil ${address}`, async (c) => {
      await c.writeCoil(address, value);
    });
  }

  writeRegister(unit: number, address: number, value: number): Promise<void> {
    return this.request(unit, `write register ${address}`, async (c) => {
      await c.writeRegister(address, value);
    });
  }

  close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return Promise.resolve();
    return new Promise((resolve) => {
      // modbus-serial never calls back when the socket is already gone: do not wait on it.
      const timer = setTimeout(resolve, 200);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      try {
        if (client.isOpen) client.close(done);
        else client.destroy(done);
      } catch {
        done();
      }
    });
  }

  private request<T>(unit: number, what: string, work: (c: ModbusRTU) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const client = await this.connect();
      client.setID(unit);
      try {
        return await work(client);
      } catch (err) {
        const e = err as Error & { modbusCode?: number };
        if (typeof e.modbusCode === 'number') {
          throw new AppError(
            'device_error',
            `${describeModbus(this.transport)} unit ${unit} refused to ${what}: Modbus exception ${e.modbusCode}, ${EXCEPTIONS[e.modbusCode] ?? 'unknown exception'}`,
            {
              modbusCode: e.modbusCode,
            },
          );
        }
        // Timeouts and broken sockets: drop the connection so the next request reconnects.
        await this.close();
        throw new AppError(
          'device_offline',
          `${describeModbus(this.transport)} did not answer (${e.message}). Check the module's power and network.`,
        );
      }
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async connect(): Promise<ModbusRTU> {
    if (this.client?.isOpen) return this.client;
    await this.close();
    const client = new ModbusRTU();
    // modbus-serial emits 'error' on socket failures; unhandled it would crash core.
    client.on('error', () => undefined);
    try {
      if (this.transport.kind === 'tcp')
        await client.connectTCP(this.transport.host, { port: this.transport.port, timeout: this.timeoutMs });
      else await client.connectRTUBuffered(this.transport.path, { baudRate: this.transport.baudRate });
    } catch (err) {
      try {
        client.destroy(() => undefined);
      } catch {
        // already closed
      }
      throw new AppError(
        'device_offline',
        `Cannot connect to ${describeModbus(this.transport)} (${(err as Error).message}). Check the module's power and network.`,
      );
    }
    client.setTimeout(this.timeoutMs);
    this.client = client;
    return client;
  }
}
