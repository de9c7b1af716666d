import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../app/toasts';
import { useEvent } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { alertText } from './alert-text';

/**
 * New fleet alerts refresh every alert list shown (an alert is written with its position batch,
 * which raises no `fleet.changed`), and show as toasts: every kind on the Fleet page; elsewhere only "running late", which a
 * dispatcher on the Routes page must hear about (a busy fleet's geofence crossings would drown the
 * other screens).
 */
export function FleetAlertToasts() {
  const { t } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  useEvent('fleet.alert', (a) => {
    void queryClient.invalidateQueries({ queryKey: ['fleet.listAlerts'] });
    if (a.kind !== 'late' && !window.location.hash.startsWith('#/fleet')) return;
    toast({
      kind: a.kind === 'late' || a.kind === 'speeding' ? 'error' : 'success',
      title: t(`fleet.alertKind.${a.kind}`),
      body: alertText(a, t),
      action: { label: t('fleet.alerts.open'), run: () => (window.location.hash = '#/fleet/alerts') },
    });
  });
  return null;
}
