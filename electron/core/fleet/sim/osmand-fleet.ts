/**
 * A fleet on the road: N simulated vehicles driving Jönköping's streets, each posting its position
 * to an OsmAnd listener once a second over HTTP (keep-alive), like phones running Traccar Client.
 */
import { Agent, request } from 'node:http';
import { CityDriver, JONKOPING, mulberry32 } from './city';

export interface FleetSimOptions {
  vehicles: number;
  host?: string;
  port: number;
  /** Device ids are `${prefix}${n}`, n from 1, zero-padded to four digits. */
  prefix?: string;
  intervalMs?: number;
  seed?: number;
  /** The OsmAnd speed unit the listener expects (Traccar's knots by default). */
  speedUnit?: 'kn' | 'kmh';
}

export function simDeviceId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(4, '0')}`;
}

export class OsmandFleetSim {
  private readonly drivers: CityDriver[];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  readonly stats = { sent: 0, ok: 0, refused: 0, failed: 0, lastStatus: 0 };

  constructor(private readonly o: FleetSimOptions) {
    const rnd = mulberry32(o.seed ?? 1);
    this.drivers = Array.from({ length: o.vehicles }, () => new CityDriver(JONKOPING, rnd));
  }

  ids(): string[] {
    return this.drivers.map((_, i) => simDeviceId(this.o.prefix ?? 'sim-', i + 1));
  }

  start(): void {
    const every = this.o.intervalMs ?? 1000;
    const tick = () => {
      // A second that is still being sent is not overtaken: the next waits for it.
      if (!this.running) this.running = this.send(every / 1000).finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, every);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.agent.destroy();
  }

  private async send(dt: number): Promise<void> {
    const at = Date.now();
    const ids = this.ids();
    const toUnit = this.o.speedUnit === 'kmh' ? 1 : 1 / 1.852;
    await Promise.all(
      this.drivers.map((d, i) => {
        const s = d.step(dt);
        const q = `id=${ids[i]}&lat=${s.lat.toFixed(6)}&lon=${s.lon.toFixed(6)}&timestamp=${at}&speed=${(s.speedKmh * toUnit).toFixed(2)}&bearing=${s.course.toFixed(0)}&accuracy=6&batt=${80 - (i % 50)}`;
        return this.post(q);
      }),
    );
  }

  private post(query: string): Promise<void> {
    this.stats.sent++;
    return new Promise((resolve) => {
      const req = request(
        {
          host: this.o.host ?? '127.0.0.1',
          port: this.o.port,
          path: `/?${query}`,
          method: 'POST',
          agent: this.agent,
        },
        (res) => {
          this.stats.lastStatus = res.statusCode ?? 0;
          if (res.statusCode === 200) this.stats.ok++;
          else this.stats.refused++;
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', () => {
        this.stats.failed++;
        resolve();
      });
      req.end();
    });
  }
}
