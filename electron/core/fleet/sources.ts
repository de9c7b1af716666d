/**
 * Starts and stops the position sources the settings ask for: the OsmAnd listener and NMEA serial
 * ports. A listener that cannot bind (port in use) is reported in the source status, never fatal.
 */
import type { FleetSettings, NmeaPortStatus, SourceStatus } from '@shared/contract';
import type { Logger } from '../log';
import type { RawFix } from './ingest/fix';
import type { Verdict } from './ingest/ingestor';
import { NmeaPort } from './ingest/nmea-port';
import { OsmandServer } from './ingest/osmand-server';

export class Sources {
  private server: OsmandServer | null = null;
  private serverError: string | null = null;
  private ports: NmeaPort[] = [];
  private applied = '';

  constructor(
    private readonly o: {
      logger: Logger;
      now: () => number;
      settings: () => FleetSettings;
      submit(fix: RawFix, remote: string): Verdict;
      onRejected(reason: string): void;
    },
  ) {}

  /** Brings the running sources in line with the settings (only what changed is restarted). */
  async apply(): Promise<void> {
    const s = this.o.settings();
    const key = JSON.stringify([s.listener.enabled, s.listener.port, s.listener.lan]);
    if (key !== this.applied) {
      this.applied = key;
      await this.server?.stop();
      this.server = null;
      this.serverError = null;
      if (s.listener.enabled) {
        const server = new OsmandServer({
          port: s.listener.port,
          lan: s.listener.lan,
          speedUnit: () => this.o.settings().listener.speedUnit,
          now: this.o.now,
          submit: this.o.submit,
          onRejected: this.o.onRejected,
        });
        try {
          await server.start();
          this.server = server;
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          this.serverError =
            e.code === 'EADDRINUSE'
              ? `Port ${s.listener.port} is already in use by another program; pick another port in the fleet settings.`
              : e.code === 'EACCES'
                ? `Loadstar may not listen on port ${s.listener.port}; pick a port above 1024.`
                : `The position listener could not start: ${e.message}`;
          this.o.logger.warn('fleet listener not started', { port: s.listener.port, error: e.message });
        }
      }
    }
    const wanted = JSON.stringify(s.nmea);
    const running = JSON.stringify(this.ports.map((p) => p.settings));
    if (wanted !== running) {
      await Promise.all(this.ports.map((p) => p.stop()));
      this.ports = s.nmea.map((n) => {
        const port = new NmeaPort({ ...n, now: this.o.now, onFix: (fix) => this.o.submit(fix, n.path) });
        port.start();
        return port;
      });
    }
  }

  status(): Pick<SourceStatus, 'listener' | 'nmea'> {
    const s = this.o.settings();
    const a = this.server?.address;
    return {
      listener: {
        enabled: s.listener.enabled,
        listening: this.server !== null,
        address: a?.address ?? null,
        port: a?.port ?? null,
        error: this.serverError,
      },
      nmea: this.ports.map((p): NmeaPortStatus => p.status),
    };
  }

  async close(): Promise<void> {
    await this.server?.stop();
    this.server = null;
    await Promise.all(this.ports.map((p) => p.stop()));
    this.ports = [];
  }
}
