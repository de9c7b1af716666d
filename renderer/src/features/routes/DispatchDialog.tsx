import { useState } from 'react';
import type { Driver, Plan } from '@shared/contract';
import { Dialog } from '../../app/dialog';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { Printouts } from './Printouts';

/**
 * Drivers on vehicles, then dispatch: core saves a dispatched version (and refuses while the plan
 * breaks a rule), after which each driver's route sheet and the load list can be printed.
 */
export function DispatchDialog({
  date,
  plan,
  drivers,
  timeZone,
  onClose,
}: {
  date: string;
  plan: Plan;
  drivers: Driver[];
  timeZone: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const routes = plan.routes.filter((r) => r.stops.some((s) => s.orderId));
  const [choice, setChoice] = useState<Record<string, string>>(() => {
    // Keep the drivers already on routes; suggest free drivers, in order, for the rest.
    const taken = new Set(routes.flatMap((r) => (r.driverId ? [r.driverId] : [])));
    const free = drivers.filter((d) => !taken.has(d.id));
    return Object.fromEntries(routes.map((r) => [r.vehicleId, r.driverId ?? free.shift()?.id ?? '']));
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  async function dispatch() {
    setBusy(true);
    setError(null);
    try {
      const info = await api.call('routes.dispatch', {
        date,
        assignments: routes.map((r) => ({ vehicleId: r.vehicleId, driverId: choice[r.vehicleId] ?? '' })),
      });
      setDone(info.version);
      toast({ kind: 'success', title: t('routes.dispatch.done', { version: info.version }) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const missing = routes.some((r) => !choice[r.vehicleId]);
  const used = Object.values(choice).filter(Boolean);
  const twice = used.length !== new Set(used).size;
  return (
    <Dialog title={t('routes.dispatch.title')} onClose={onClose} wide>
      <div className="form" data-testid="dispatch-dialog">
        {!plan.feasible && <div className="refusal">{t('routes.dispatch.infeasible')}</div>}
        <table className="table">
          <thead>
            <tr>
              <th>{t('routes.dispatch.vehicle')}</th>
              <th className="num">{t('routes.dispatch.stops')}</th>
              <th>{t('routes.dispatch.times')}</th>
              <th>{t('routes.dispatch.driver')}</th>
            </tr>
          </thead>
          <tbody>
            {routes.map((r) => (
              <tr key={r.vehicleId}>
                <td>{r.vehicleName}</td>
                <td className="num">{r.metrics.stops}</td>
                <td>
                  {clock(r.departAt, timeZone)}–{clock(r.returnAt, timeZone)}
                </td>
                <td>
                  <select
                    aria-label={t('routes.driverFor', { vehicle: r.vehicleName })}
                    value={choice[r.vehicleId] ?? ''}
                    disabled={done !== null}
                    onChange={(e) => setChoice((c) => ({ ...c, [r.vehicleId]: e.target.value }))}
                  >
                    <option value="">{t('routes.noDriver')}</option>
                    {drivers.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {twice && <p className="stop-note bad">{t('routes.dispatch.twice')}</p>}
        {error && (
          <div className="refusal" role="alert" data-testid="refusal">
            <strong>{t('routes.dispatch.refused')}</strong>
            <p>{error}</p>
          </div>
        )}
        {done !== null && <Printouts date={date} drivers={drivers.filter((d) => used.includes(d.id))} />}
        <div className="actions">
          {done === null && (
            <button
              type="button"
              className="primary"
              disabled={busy || routes.length === 0 || missing || twice}
              onClick={() => void dispatch()}
            >
              {t(routes.length === 1 ? 'routes.dispatch.confirmOne' : 'routes.dispatch.confirm', {
                count: routes.length,
              })}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
