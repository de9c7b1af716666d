import type { z } from 'zod';
import { appCommands, appEvents } from './app';
import { auditCommands } from './audit';
import { claimsCommands, claimsEvents } from './claims';
import { devicesCommands, devicesEvents } from './devices';
import { dispatchCommands, dispatchEvents } from './dispatch';
import { dockCommands, dockEvents } from './dock';
import { filesCommands } from './files';
import { fleetCommands, fleetEvents } from './fleet';
import { routingCommands, routingEvents } from './routing';
import { syncCommands, syncEvents } from './sync';
import { workstationCommands, workstationEvents } from './workstation';

export * from './app';
export * from './audit';
export * from './claims';
export * from './define';
export * from './devices';
export * from './dispatch';
export * from './dock';
export * from './errors';
export * from './files';
export * from './fleet';
export * from './protocol';
export * from './routing';
export * from './sync';
export * from './sync-protocol';
export * from './workstation';

/** Every command the core answers. Adding a domain: spread its commands here. */
export const commands = {
  ...appCommands,
  ...auditCommands,
  ...workstationCommands,
  ...syncCommands,
  ...dockCommands,
  ...devicesCommands,
  ...routingCommands,
  ...filesCommands,
  ...fleetCommands,
  ...dispatchCommands,
  ...claimsCommands,
};
export const events = {
  ...appEvents,
  ...workstationEvents,
  ...syncEvents,
  ...dockEvents,
  ...devicesEvents,
  ...routingEvents,
  ...fleetEvents,
  ...dispatchEvents,
  ...claimsEvents,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = Exclude<Commands[N]['output'], undefined>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = Exclude<Events[N]['payload'], undefined>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/** Whether a user of `role` may run the command: the UI hides what core would refuse. */
export function mayRun(role: string, name: CommandName): boolean {
  return (commands[name].roles as readonly string[]).includes(role);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
