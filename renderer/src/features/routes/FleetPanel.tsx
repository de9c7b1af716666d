import type { ReactNode } from 'react';
import type { Driver, Vehicle } from '@shared/contract';
import { useToast } from '../../app/toasts';
import { useApi } from '../../lib/api/hooks';
import { formatNumber, timeSpan } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

function capacityText(c: Record<string, number>, locale: string): string {
  return Object.entries(c)
    .map(([k, v]) => `${formatNumber(v, locale, { maxDecimals: 2 })} ${k}`)
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
  const { t, locale } = useI18n();
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
          <FleetItem
            key={v.id}
            available={v.available}
            onToggle={(available) => void toggle('vehicle', v.id, available)}
            title={
              <>
                <strong>{v.name}</strong> {v.plate}
              </>
            }
            notes={[
              timeSpan(v.shiftStart, v.shiftEnd),
              capacityText(v.capacity, locale),
              v.skills.join(', '),
            ]}
          />
        ))}
      </ul>
      <h3>{t('routes.fleet.drivers')}</h3>
      {drivers.length === 0 && <p className="small muted">{t('routes.fleet.noDrivers')}</p>}
      <ul className="order-list">
        {drivers.map((d) => (
          <FleetItem
            key={d.id}
            available={d.available}
            onToggle={(available) => void toggle('driver', d.id, available)}
            title={<strong>{d.name}</strong>}
            notes={[d.phone, d.skills.join(', ')]}
          />
        ))}
      </ul>
      <p className="small muted">{t('routes.fleet.help')}</p>
    </div>
  );
}

/** One vehicle or driver: ticked while it works that day; the notes that are set, joined by dots. */
function FleetItem({
  available,
  onToggle,
  title,
  notes,
}: {
  available: boolean;
  onToggle(available: boolean): void;
  title: ReactNode;
  notes: string[];
}) {
  return (
    <li>
      <label className="fleet-item">
        <input type="checkbox" checked={available} onChange={(e) => onToggle(e.target.checked)} />
        <span>
          <span className="stop-title">{title}</span>
          <span className="stop-note">{notes.filter(Boolean).join(' · ')}</span>
        </span>
      </label>
    </li>
  );
}
