import type { Driver, Vehicle } from '@shared/contract';
import { formatHhMm } from '@shared/domain/time';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';

function capacityText(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
}

/** Vehicles and drivers, and whether each works on the planned day (one click to mark away). */
export function FleetPanel({
  date,
  vehicles,
  drivers,
}: {
  date: string;
  vehicles: Vehicle[];
  drivers: Driver[];
}) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();

  async function toggle(kind: 'vehicle' | 'driver', id: string, available: boolean) {
    try {
      await api.call('routes.setAvailability', { date, kind, id, available });
    } catch (err) {
      toast({
        kind: 'error',
        title: t('routes.fleet.failed'),
        body: err instanceof Error ? err.message : '',
      });
    }
  }

  return (
    <div className="fleet" data-testid="fleet-panel">
      <h3>{t('routes.fleet.vehicles')}</h3>
      {vehicles.length === 0 && <p className="small muted">{t('routes.fleet.noVehicles')}</p>}
      <ul className="order-list">
        {vehicles.map((v) => (
          <li key={v.id}>
            <label className="fleet-item">
              <input
                type="checkbox"
                checked={v.available}
                onChange={(e) => void toggle('vehicle', v.id, e.target.checked)}
              />
              <span>
                <span className="stop-title">
                  <strong>{v.name}</strong> {v.plate}
                </span>
                <span className="stop-note">
                  {[
                    `${formatHhMm(v.shiftStart)}–${formatHhMm(v.shiftEnd)}`,
                    capacityText(v.capacity),
                    v.skills.join(', '),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <h3>{t('routes.fleet.drivers')}</h3>
      {drivers.length === 0 && <p className="small muted">{t('routes.fleet.noDrivers')}</p>}
      <ul className="order-list">
        {drivers.map((d) => (
          <li key={d.id}>
            <label className="fleet-item">
              <input
                type="checkbox"
                checked={d.available}
                onChange={(e) => void toggle('driver', d.id, e.target.checked)}
              />
              <span>
                <span className="stop-title">
                  <strong>{d.name}</strong>
                </span>
                <span className="stop-note">
                  {[d.phone, d.skills.join(', ')].filter(Boolean).join(' · ')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <p className="small muted">{t('routes.fleet.help')}</p>
    </div>
  );
}
