import type { Migration } from '../migrate';
import { m0001Init } from './0001-init';
import { m0002Devices } from './0002-devices';
import { m0003Routing } from './0003-routing';
import { m0004DeviceSettings } from './0004-device-settings';
import { m0005PrintJobReasonCodes } from './0005-print-job-reason-codes';
import { m0006Fleet } from './0006-fleet';
import { m0007Sync } from './0007-sync';
import { m0008FilesAndRequestLog } from './0008-files-and-request-log';
import { m0009WorkstationUsers } from './0009-workstation-users';
import { m0010AuditTrail } from './0010-audit-trail';

/** Every schema migration, in order. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  m0001Init,
  m0002Devices,
  m0003Routing,
  m0004DeviceSettings,
  m0005PrintJobReasonCodes,
  m0006Fleet,
  m0007Sync,
  m0008FilesAndRequestLog,
  m0009WorkstationUsers,
  m0010AuditTrail,
];
