import { useToast } from '../../app/toasts';
import { useEvent } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { alertText } from './alert-text';

/** New fleet alerts as toasts, wherever the dispatcher is in the app (a late route on the Routes page). */
export function FleetAlertToasts() {
  const { t } = useI18n();
  const toast = useToast();
  useEvent('fleet.alert', (a) => {
    toast({
      kind: a.kind === 'late' || a.kind === 'speeding' ? 'error' : 'success',
      title: t(`fleet.alertKind.${a.kind}`),
      body: alertText(a, t),
      action: { label: t('fleet.alerts.open'), run: () => (window.location.hash = '#/fleet/alerts') },
    });
  });
  return null;
}
