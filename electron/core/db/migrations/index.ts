import type { Migration } from '../migrate';
import { m0001Init } from './0001-init';
import { m0002Devices } from './0002-devices';
import { m0003Routing } from './0003-routing';
import { m0004DeviceSettings } from './0004-device-settings';
import { m0005PrintJobReasonCodes } from './0005-print-job-reason-codes';
import { m0006Fleet } from './0006-fleet';
import { m0007Sync } from './0007-sync';
import { m0008FilesAndRequestLog } from './0008-files-and-request-log';
import { m0009ReferenceKey } from './0009-reference-key';
import { m0010Dispatch } from './0010-dispatch';
import { m0011Claims } from './0011-claims';
import { m0012AppointmentSeries } from './0012-appointment-series';
import { m0013AppointmentTimeline } from './0013-appointment-timeline';
import { m0014WorkstationUsers } from './0014-workstation-users';
import { m0015AuditTrail } from './0015-audit-trail';
import { m0016DockAlerts } from './0016-dock-alerts';

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
  m0009ReferenceKey,
  m0010Dispatch,
  m0011Claims,
  m0012AppointmentSeries,
  m0013AppointmentTimeline,
  m0014WorkstationUsers,
  m0015AuditTrail,
  m0016DockAlerts,
];
