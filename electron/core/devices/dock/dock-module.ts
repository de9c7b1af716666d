import { AppError } from '@shared/contract/errors';
import { Backoff, Waker } from '../../backoff';
import { TypedEmitter } from '../typed-emitter';
import {
  checkDoorCommand,
  lightsFor,
  lightsForRestraint,
  type DoorCommand,
  type DoorInputs,
  type Lights,
} from './interlock';
import { ModbusLink, describeModbus, type ModbusTransport } from './modbus-link';
import { span, validateDoorMap, type DoorRegisterMap } from './register-map';

export interface DockModuleConfig {
  id: string;
  name: string;
  transport: ModbusTransport;
  pollMs: number;
  doors: ReadonlyArray<{ doorId: string; map: DoorRegisterMap }>;
}

export interface DoorIoState extends DoorInputs {
  doorId: string;
  moduleId: string;
  /** `device_offline`: module unreachable; `device_error`: it answers but not for this door's map. */
  health: 'ok' | 'device_offline' | 'device_error';
  reason: string | null;
  override: boolean;
  lights: Lights;
  at: number;
}

export interface DockEvents extends Record<string, unknown> {
  /** A door's inputs, lights, mode or health changed. */
  door: DoorIoState;
  /** A command ran; `overridden` means a safety rule was bypassed in override mode (log it). */
  command: { doorId: string; command: DoorCommand; actor: string; overridden: boolean; at: number };
}

const OFF: DoorInputs = {
  doorOpen: false,
  doorClosed: false,
  trailerPresent: false,
  restraintEngaged: false,
  levelerStored: false,
  fault: false,
};
const DARK: Lights = { insideGreen: false, insideRed: false, outsideGreen: false, outsideRed: false };

/**
 * Polls one Modbus I/O module and the doors wired to it, emitting a `door` event on every
 * change. An unreachable module marks its doors `device_offline` and is retried with back-off
 * until it answers again. Commands go through the interlock rules on freshly read inputs.
 */
export class DockModule extends TypedEmitter<DockEvents> {
  private readonly link: ModbusLink;
  private readonly states = new Map<string, DoorIoState>();
  /** Restraint state the light pattern was last set for, per door (separate from what was published). */
  private readonly lightsSetFor = new Map<string, boolean>();
  private readonly waker = new Waker();
  private readonly backoff: Backoff;
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    readonly config: DockModuleConfig,
    options: { timeoutMs?: number; backoffMaxMs?: number } = {},
  ) {
    super();
    config.doors.forEach((d) => validateDoorMap(d.map));
    this.link = new ModbusLink(config.transport, options.timeoutMs ?? 1000);
    this.backoff = new Backoff(config.pollMs, options.backoffMaxMs ?? 10_000);
    for (const d of config.doors) {
      this.states.set(d.doorId, {
        ...OFF,
        doorId: d.doorId,
        moduleId: config.id,
        health: 'device_offline',
        reason: 'not polled yet',
        override: false,
        lights: DARK,
        at: Date.now(),
      });
    }
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    await this.loop;
    await this.link.close();
  }

  door(doorId: string): DoorIoState {
    const s = this.states.get(doorId);
    if (!s) throw new AppError('not_found', `Door ${doorId} is not wired to I/O module ${this.config.name}`);
    return s;
  }

  doors(): DoorIoState[] {
    return [...this.states.values()];
  }

  /** Runs a door command after the interlock check; throws `conflict` with the rule when refused. */
  async command(doorId: string, command: DoorCommand, actor: string): Promise<{ overridden: boolean }> {
    const wiring = this.wiring(doorId);
    const current = await this.readDoor(wiring.doorId, wiring.map);
    if (current.health !== 'ok')
      throw new AppError(current.health, `${this.config.name}: ${current.reason ?? 'door I/O unavailable'}`);
    const decision = checkDoorCommand(current, command, current.override);
    if (!decision.allowed)
      throw new AppError('conflict', `Door ${doorId}: ${decision.reason}`, {
        reason: decision.code,
        doorId,
        door: doorId,
        command,
      });
    const { unitId, coils } = wiring.map;
    if (command.kind === 'lights')
      await this.writeLights(wiring.map, lightsFor(command.inside, command.outside));
    else if (command.kind === 'restraint')
      await this.link.writeCoil(unitId, coils.restraintEngage, command.engage);
    else await this.link.writeCoil(unitId, coils.doorOpen, command.open);
    this.emit('command', { doorId, command, actor, overridden: decision.overridden, at: Date.now() });
    this.publish(await this.readDoor(wiring.doorId, wiring.map));
    return { overridden: decision.overridden };
  }

  /**
   * Puts the door's panel in or out of override mode (its mode register). Throws `device_error`
   * when the map has no mode register: such a panel is switched by its key only.
   */
  async setOverride(doorId: string, override: boolean): Promise<DoorIoState> {
    const wiring = this.wiring(doorId);
    if (wiring.map.modeRegister === null)
      throw new AppError(
        'device_error',
        `Door ${doorId}: its I/O panel has no mode register; use the key switch on the panel`,
      );
    await this.link.writeRegister(wiring.map.unitId, wiring.map.modeRegister, override ? 1 : 0);
    const state = await this.readDoor(wiring.doorId, wiring.map);
    this.publish(state);
    return state;
  }

  /** Reads the door now (not the last poll) and publishes the result. */
  async refresh(doorId: string): Promise<DoorIoState> {
    const wiring = this.wiring(doorId);
    const state = await this.readDoor(wiring.doorId, wiring.map);
    this.publish(state);
    return state;
  }

  private wiring(doorId: string): { doorId: string; map: DoorRegisterMap } {
    const w = this.config.doors.find((d) => d.doorId === doorId);
    if (!w) throw new AppError('not_found', `Door ${doorId} is not wired to I/O module ${this.config.name}`);
    return w;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let offline: string | null = null;
      for (const d of this.config.doors) {
        if (this.stopped) return;
        // Once the module is unreachable, do not wait out a timeout per door.
        const state: DoorIoState = offline
          ? {
              ...this.states.get(d.doorId)!,
              health: 'device_offline' as const,
              reason: offline,
              at: Date.now(),
            }
          : await this.readDoor(d.doorId, d.map);
        if (state.health === 'device_offline') offline = state.reason;
        else await this.enforceLights(d.map, state).catch(() => undefined);
        this.publish(state);
      }
      const reachable = offline === null;
      if (reachable) this.backoff.reset();
      await this.waker.sleep(reachable ? this.config.pollMs : this.backoff.next());
    }
  }

  /** Reads one door; never throws: failures become the door's health and reason. */
  private async readDoor(doorId: string, map: DoorRegisterMap): Promise<DoorIoState> {
    const previous = this.states.get(doorId)!;
    try {
      const inAddr = Object.values(map.inputs);
      const inSpan = span(inAddr);
      const inputs = await this.link.readDiscreteInputs(map.unitId, inSpan.start, inSpan.count);
      const coilSpan = span(Object.values(map.coils));
      const coils = await this.link.readCoils(map.unitId, coilSpan.start, coilSpan.count);
      const mode =
        map.modeRegister === null
          ? [0]
          : await this.link.readHoldingRegisters(map.unitId, map.modeRegister, 1);
      const bit = (values: boolean[], base: number, addr: number) => values[addr - base] === true;
      const i = (addr: number) => bit(inputs, inSpan.start, addr);
      const c = (addr: number) => bit(coils, coilSpan.start, addr);
      return {
        doorId,
        moduleId: this.config.id,
        health: 'ok',
        reason: null,
        override: mode[0] === 1,
        at: Date.now(),
        doorClosed: i(map.inputs.doorClosed),
        doorOpen: i(map.inputs.doorOpen),
        trailerPresent: i(map.inputs.trailerPresent),
        restraintEngaged: i(map.inputs.restraintEngaged),
        levelerStored: i(map.inputs.levelerStored),
        fault: i(map.inputs.fault),
        lights: {
          insideGreen: c(map.coils.insideGreen),
          insideRed: c(map.coils.insideRed),
          outsideGreen: c(map.coils.outsideGreen),
          outsideRed: c(map.coils.outsideRed),
        },
      };
    } catch (err) {
      const code = err instanceof AppError && err.code === 'device_error' ? 'device_error' : 'device_offline';
      const reason = err instanceof Error ? err.message : `${describeModbus(this.config.transport)} failed`;
      return { ...previous, health: code, reason, at: Date.now() };
    }
  }

  /**
   * Keeps the lights consistent with the restraint: on a restraint change (auto mode) the standard
   * pattern is set, and an inside green without restraint is turned red whatever caused it.
   */
  private async enforceLights(map: DoorRegisterMap, now: DoorIoState): Promise<void> {
    if (now.health !== 'ok' || now.override) return;
    const setFor = this.lightsSetFor.get(now.doorId);
    // First sight of a door: keep whatever lights it has unless they are unsafe.
    if (setFor === undefined) this.lightsSetFor.set(now.doorId, now.restraintEngaged);
    const restraintChanged = setFor !== undefined && setFor !== now.restraintEngaged;
    const unsafe = now.lights.insideGreen && !now.restraintEngaged;
    if (!restraintChanged && !unsafe) return;
    const lights = lightsForRestraint(now.restraintEngaged);
    await this.writeLights(map, lights);
    this.lightsSetFor.set(now.doorId, now.restraintEngaged);
    now.lights = lights;
  }

  private async writeLights(map: DoorRegisterMap, lights: Lights): Promise<void> {
    // Red before green, so there is never a moment with both sides green.
    const c = map.coils;
    await this.link.writeCoil(map.unitId, c.insideGreen, false);
    await this.link.writeCoil(map.unitId, c.outsideGreen, false);
    await this.link.writeCoil(map.unitId, c.insideRed, lights.insideRed);
    await this.link.writeCoil(map.unitId, c.outsideRed, lights.outsideRed);
    if (lights.insideGreen) await this.link.writeCoil(map.unitId, c.insideGreen, true);
    if (lights.outsideGreen) await this.link.writeCoil(map.unitId, c.outsideGreen, true);
  }

  private publish(state: DoorIoState): void {
    const before = this.states.get(state.doorId);
    this.states.set(state.doorId, state);
    if (!before || changed(before, state)) this.emit('door', state);
  }
}

function changed(a: DoorIoState, b: DoorIoState): boolean {
  const keys: Array<keyof DoorInputs> = [
    'doorOpen',
    'doorClosed',
    'trailerPresent',
    'restraintEngaged',
    'levelerStored',
    'fault',
  ];
  return (
    a.health !== b.health ||
    a.reason !== b.reason ||
    a.override !== b.override ||
    keys.some((k) => a[k] !== b[k]) ||
    (Object.keys(a.lights) as Array<keyof Lights>).some((k) => a.lights[k] !== b.lights[k])
  );
}
