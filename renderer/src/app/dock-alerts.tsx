import type { DockAlert } from '@shared/contract';
import { useCommandMutation, useCommandQuery, useEvent } from '../lib/api/hooks';
import { clock } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { refusalText } from '../lib/input-issues';
import { useToast } from './toasts';

/**
 * The dock's open alerts from the door sensors and the timeline, each with acknowledge: on the
 * dock board and on the station screen. Renders nothing while there are none.
 */
export function DockAlerts({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const alerts = useCommandQuery('dock.listAlerts', { includeAcknowledged: false });
  const ack = useCommandMutation('dock.acknowledgeAlert');
  useEvent('dock.alerts', () => void alerts.refetch());
  const open = alerts.data ?? [];
  if (open.length === 0) return null;

  const text = (a: DockAlert) =>
    t(`alert.${a.kind}`, { door: a.doorName, reference: a.reference ?? '' });
  async function acknowledge(a: DockAlert) {
    try {
      await ack.mutateAsync({ id: a.id });
      await alerts.refetch();
    } catch (err) {
      toast({ kind: 'error', title: t('error.title'), body: refusalText(err, t) ?? String(err) });
    }
  }
  return (
    <section className="dock-alerts" data-testid="dock-alerts" aria-label={t('alert.title')}>
      <h2>{t('alert.title')}</h2>
      <ul>
        {open.map((a) => (
          <li key={a.id} data-kind={a.kind} className={a.clearedAt ? 'cleared' : undefined}>
            <span className="alert-time">{clock(a.raisedAt, timeZone)}</span>
            <span className="alert-text" title={a.message}>
              {text(a)}
              {a.clearedAt ? ` (${t('alert.cleared', { time: clock(a.clearedAt, timeZone) })})` : ''}
            </span>
            <button type="button" disabled={ack.isPending} onClick={() => void acknowledge(a)}>
              {t('alert.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
