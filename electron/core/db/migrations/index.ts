import type { Migration } from '../migrate';
import { m0001Init } from './0001-init';

/** Every schema migration, in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [m0001Init];
