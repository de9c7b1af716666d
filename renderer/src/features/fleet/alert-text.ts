import type { FleetAlert } from '@shared/contract';
import type { Translate } from '../../lib/i18n';

/** An alert in the reader's language: who, what, where. */
export function alertText(a: FleetAlert, t: Translate): string {
  const values = {
    name: a.name,
    fence: a.geofenceName ?? '',
    value: a.value ?? '',
    reference: a.reference ?? '',
  };
  switch (a.kind) {
    case 'enter':
      return t('fleet.alert.enter', values);
    case 'exit':
      return t('fleet.alert.exit', values);
    case 'speeding':
      return a.geofenceName ? t('fleet.alert.speedingIn', values) : t('fleet.alert.speeding', values);
    case 'idle':
      return t('fleet.alert.idle', values);
    case 'offline':
      return t('fleet.alert.offline', values);
    case 'late':
      return t('fleet.alert.late', values);
  }
}
