import type {
  DoorCommandResult,
  DoorIo,
  IoModule,
  IoModuleTransport,
} from '@shared/contract/devices';
import { AppError } from '@shared/contract/errors';
import type { Database } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import type { EventBus } from '../../event-bus';
import type { Logger } from '../../log';
import { insertDockModule, loadDockModules, wireDoor } from '../dock/dock-config-repo';
import { DockModule, type DoorIoState } from '../dock/dock-module';
import type { DoorCommand } from '../dock/interlock';
import { describeModbus } from '../dock/modbus-link';
import { defaultDoorMap } from '../dock/register-map';
import type { ChangeNotifier } from './change-notifier';

/**
 * Dock I/O: one polling DockModule per configured Modbus module. Commands run through the
 * interlock in DockModule; each one that ran is recorded in the outbox (with `overridden` when a
 * safety rule was bypassed under override, so every bypass is on record). A refusal changes nothing.
 */
export class DoorIoService {
  private modules: DockModule[] = [];
  private doorNames = new Map<string, string>();
  private simulatedModules = new Set<string>();

  constructor(
    private readonly deps: {
      db: Database;
      events: EventBus;
      logger: Logger;
      notifier: ChangeNotifier;
      now: () => number;
      timeoutMs?: number;
      backoffMaxMs?: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.loadNames();
    const sims = await this.deps.db.all<{ id: string }>('SELECT id FROM dock_io_modules WHERE simulated = 1');
    this.simulatedModules = new Set(sims.map((r) => r.id));
    for (const config of await loadDockModules(this.deps.db)) {
      if (config.doors.length === 0) continue;
      const module = new DockModule(config, {
        ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
        ...(this.deps.backoffMaxMs ? { backoffMaxMs: this.deps.backoffMaxMs } : {}),
      });
      module.on('door', (state) => {
        this.deps.events.emit('devices.door', this.view(module, state));
        this.deps.notifier.notify('doors');
      });
      this.modules.push(module);
      module.start();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.modules.map((m) => m.stop()));
    this.modules = [];
  }

  async listModules(): Promise<IoModule[]> {
    const sims = await this.deps.db.all<{ id: string }>('SELECT id FROM dock_io_modules WHERE simulated = 1');
    const simulated = new Set(sims.map((r) => r.id));
    return (await loadDockModules(this.deps.db)).map((m) => ({
      id: m.id,
      name: m.name,
      transport: m.transport,
      transportLabel: describeModbus(m.transport),
      pollMs: m.pollMs,
      simulated: simulated.has(m.id),
      doorIds: m.doors.map((d) => d.doorId),
    }));
  }

  async createModule(
    input: { name: string; transport: IoModuleTransport; pollMs: number },
    actor: string,
  ): Promise<IoModule> {
    const id = await this.deps.db.write(async (tx) => {
      const created = await insertDockModule(tx, input, this.deps.now());
      await recordMutation(tx, { name: 'devices.createIoModule', args: { ...input, id: created }, actor });
      return created;
    });
    this.deps.notifier.notify('doors');
    return this.module(id);
  }

  async wire(
    input: { doorId: string; moduleId: string; unitId: number; offset: number },
    actor: string,
  ): Promise<IoModule> {
    await this.deps.db.write(async (tx) => {
      await wireDoor(
        tx,
        { doorId: input.doorId, moduleId: input.moduleId, map: defaultDoorMap(input.unitId, input.offset) },
        this.deps.now(),
      );
      await recordMutation(tx, { name: 'devices.wireDoor', args: input, actor });
    });
    await this.reload();
    return this.module(input.moduleId);
  }

  async unwire(doorId: string, actor: string): Promise<{ doorId: string }> {
    await this.deps.db.write(async (tx) => {
      const res = await tx.run('DELETE FROM door_io WHERE door_id = ?', [doorId]);
      if (res.changes === 0)
        throw new AppError('not_found', 'That door has no dock I/O wired to it.', { doorId });
      await recordMutation(tx, { name: 'devices.unwireDoor', args: { doorId }, actor });
    });
    await this.reload();
    return { doorId };
  }

  /** New wiring: every module is polled again from what is stored. */
  private async reload(): Promise<void> {
    await this.close();
    await this.start();
    this.deps.notifier.notify('doors');
  }

  private async module(id: string): Promise<IoModule> {
    const m = (await this.listModules()).find((x) => x.id === id);
    if (!m) throw new AppError('not_found', 'That I/O module no longer exists.', { moduleId: id });
    return m;
  }

  async list(): Promise<DoorIo[]> {
    await this.loadNames();
    return this.modules
      .flatMap((m) => m.doors().map((d) => this.view(m, d)))
      .sort((a, b) => a.doorName.localeCompare(b.doorName, undefined, { numeric: true }));
  }

  async command(doorId: string, command: DoorCommand, actor: string): Promise<DoorCommandResult> {
    const module = this.moduleFor(doorId);
    const { overridden } = await module.command(doorId, command, actor).catch((err: unknown) => {
      throw this.named(doorId, err);
    });
    await this.deps.db.write((tx) =>
      recordMutation(tx, {
        name: commandName(command),
        args: { doorId, ...commandArgs(command), overridden },
        actor,
        at: this.deps.now(),
      }),
    );
    if (overridden)
      this.deps.logger.warn('dock interlock bypassed under override', { doorId, command, actor });
    return { door: this.view(module, module.door(doorId)), overridden };
  }

  async setOverride(doorId: string, override: boolean, reason: string, actor: string): Promise<DoorIo> {
    const module = this.moduleFor(doorId);
    const before = module.door(doorId);
    if (before.health !== 'ok')
      throw new AppError(before.health, `${module.config.name}: ${before.reason ?? 'door I/O unavailable'}`);
    const state = await module.setOverride(doorId, override).catch((err: unknown) => {
      throw this.named(doorId, err);
    });
    if (state.health !== 'ok')
      throw new AppError(state.health, `${module.config.name}: ${state.reason ?? 'door I/O unavailable'}`);
    await this.deps.db.write((tx) =>
      recordMutation(tx, {
        name: 'devices.setOverride',
        args: { doorId, override, reason },
        actor,
        at: this.deps.now(),
      }),
    );
    this.deps.logger.warn('dock door override changed', { doorId, override, reason, actor });
    return this.view(module, state);
  }

  /** Reads a door now (after a simulated sensor change) instead of waiting for the next poll. */
  async refresh(doorId: string): Promise<DoorIo> {
    const module = this.moduleFor(doorId);
    return this.view(module, await module.refresh(doorId));
  }

  /** The driver names doors by id; the operator knows them by name. */
  private named(doorId: string, err: unknown): unknown {
    if (!(err instanceof AppError)) return err;
    const name = this.doorNames.get(doorId);
    if (!name || !err.message.includes(doorId)) return err;
    const message = err.message.split(`Door ${doorId}`).join(name).split(doorId).join(name);
    const details =
      err.details && typeof err.details === 'object' && 'door' in err.details
        ? { ...err.details, door: name }
        : err.details;
    return new AppError(err.code, message, details);
  }

  private moduleFor(doorId: string): DockModule {
    const module = this.modules.find((m) => m.config.doors.some((d) => d.doorId === doorId));
    if (!module)
      throw new AppError('not_found', 'That door has no dock I/O wired to it. Check the dock I/O settings.', {
        doorId,
      });
    return module;
  }

  private async loadNames(): Promise<void> {
    const rows = await this.deps.db.all<{ id: string; name: string }>('SELECT id, name FROM doors');
    this.doorNames = new Map(rows.map((r) => [r.id, r.name]));
  }

  private view(module: DockModule, s: DoorIoState): DoorIo {
    return {
      doorId: s.doorId,
      doorName: this.doorNames.get(s.doorId) ?? s.doorId,
      moduleId: module.config.id,
      moduleName: module.config.name,
      health: s.health,
      reason: s.reason,
      doorOpen: s.doorOpen,
      doorClosed: s.doorClosed,
      trailerPresent: s.trailerPresent,
      restraintEngaged: s.restraintEngaged,
      levelerStored: s.levelerStored,
      fault: s.fault,
      override: s.override,
      lights: { ...s.lights },
      simulated: this.simulatedModules.has(module.config.id),
      at: s.at,
    };
  }
}

function commandName(c: DoorCommand): string {
  return c.kind === 'lights'
    ? 'devices.setLights'
    : c.kind === 'restraint'
      ? 'devices.setRestraint'
      : 'devices.setDoor';
}

function commandArgs(c: DoorCommand): Record<string, unknown> {
  return c.kind === 'lights'
    ? { inside: c.inside, outside: c.outside }
    : c.kind === 'restraint'
      ? { engage: c.engage }
      : { open: c.open };
}
