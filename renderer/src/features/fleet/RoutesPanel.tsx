import type { RouteLive } from '@shared/contract';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** Today's dispatched routes against their plans: stops done, the next ETA, what runs late. */
export function RoutesPanel({
  routes,
  timeZone,
  onPick,
}: {
  routes: RouteLive[];
  timeZone: string;
  onPick(trackerId: string | null): void;
}) {
  const { t } = useI18n();
  if (routes.length === 0) return <p className="empty">{t('fleet.routes.none')}</p>;
  return (
    <ul className="fleet-routes" data-testid="fleet-routes">
      {routes.map((r) => {
        const next = r.stops.find((s) => s.state !== 'done');
        return (
          <li key={r.vehicleId} className={r.lateCount ? 'late' : undefined}>
            <button type="button" className="link" onClick={() => onPick(r.trackerId)}>
              <strong>{r.vehicleName}</strong>
            </button>{' '}
            {r.driverName && <span className="muted">{r.driverName}</span>}
            <div>
              {t('fleet.routes.progress', { done: r.done, total: r.stops.length })}
              {next && next.etaAt !== null && (
                <>
                  {' · '}
                  {t('fleet.routes.next', {
                    reference: next.reference,
                    eta: clock(next.etaAt, timeZone),
                    planned: clock(next.plannedAt, timeZone),
                  })}
                </>
              )}
            </div>
            {r.lateCount > 0 && (
              <div className="fleet-late">{t('fleet.routes.late', { count: r.lateCount })}</div>
            )}
            {!r.trackerId && <div className="muted">{t('fleet.routes.noTracker')}</div>}
          </li>
        );
      })}
    </ul>
  );
}
