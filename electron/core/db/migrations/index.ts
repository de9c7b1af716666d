import type { Migration } from '../migrate';
import { m0001Init } from './0001-init';
import { m0002Devices } from './0002-devices';

/** Every schema migration, in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [m0001Init, m0002Devices];
