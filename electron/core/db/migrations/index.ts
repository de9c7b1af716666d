import type { Migration } from '../migrate';
import { m0001Init } from './0001-init';
import { m0002Devices } from './0002-devices';
import { m0003Routing } from './0003-routing';
import { m0004DeviceSettings } from './0004-device-settings';
import { m0005PrintJobReasonCodes } from './0005-print-job-reason-codes';
import { m0006Fleet } from './0006-fleet';
import { m0007Sync } from './0007-sync';
import { m0008FilesAndRequestLog } from './0008-files-and-request-log';
import { m0009AppointmentSeries } from './0009-appointment-series';
import { m0010AppointmentTimeline } from './0010-appointment-timeline';
import { m0011DockAlerts } from './0011-dock-alerts';

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
  m0009AppointmentSeries,
  m0010AppointmentTimeline,
  m0011DockAlerts,
];
