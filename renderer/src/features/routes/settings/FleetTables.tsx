import type { Driver, Vehicle } from '@shared/contract';
import { formatNumber, timeOfDay, timeSpan } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';

/** Only the dimensions with a limit; a vehicle limited in none says so. */
function amountsText(
  capacity: Record<string, number>,
  dimensions: readonly string[],
  locale: string,
): string | null {
  const parts = dimensions
    .filter((d) => capacity[d] !== undefined)
    .map((d) => `${formatNumber(capacity[d]!, locale, { maxDecimals: 2 })} ${d}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Every vehicle, active or not, with what the planner takes into account. */
export function VehiclesTable({
  vehicles,
  dimensions,
  onEdit,
}: {
  vehicles: Vehicle[];
  dimensions: readonly string[];
  onEdit(vehicle: Vehicle): void;
}) {
  const { t, locale } = useI18n();
  if (vehicles.length === 0) return <p className="empty">{t('rs.fleet.noVehicles')}</p>;
  return (
    <table className="table" data-testid="vehicles-table">
      <thead>
        <tr>
          <th>{t('rs.vehicle.name')}</th>
          <th>{t('rs.vehicle.profile')}</th>
          <th>{t('rs.vehicle.capacity')}</th>
          <th>{t('rs.vehicle.skills')}</th>
          <th>{t('rs.vehicle.shift')}</th>
          <th className="num" title={t('rs.vehicle.maxTrips')}>
            {t('rs.vehicle.tripsShort')}
          </th>
          <th>{t('rs.fleet.status')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {vehicles.map((v) => (
          <tr key={v.id} className={v.active ? undefined : 'rs-inactive'} data-vehicle={v.name}>
            <td>
              <strong>{v.name}</strong> <span className="muted small">{v.plate}</span>
            </td>
            <td>{t(`rs.vehicle.profile.${v.profile}`)}</td>
            <td>
              {amountsText(v.capacity, dimensions, locale) ?? (
                <span className="muted">{t('rs.vehicle.noLimit')}</span>
              )}
            </td>
            <td>{v.skills.join(', ')}</td>
            <td className="rs-shift">
              {timeSpan(v.shiftStart, v.shiftEnd)}
              {v.breakWindow && (
                <span className="muted small">
                  <br />
                  {t('rs.vehicle.breakText', {
                    minutes: v.breakMin,
                    from: timeOfDay(v.breakWindow.from),
                    to: timeOfDay(v.breakWindow.to),
                  })}
                </span>
              )}
            </td>
            <td className="num">{v.maxTrips}</td>
            <td>
              {!v.active
                ? t('rs.fleet.inactive')
                : v.planning
                  ? t('rs.fleet.active')
                  : t('rs.fleet.trackedOnly')}
            </td>
            <EditCell label={t('rs.vehicle.edit', { name: v.name })} onEdit={() => onEdit(v)} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every driver, active or not. */
export function DriversTable({ drivers, onEdit }: { drivers: Driver[]; onEdit(driver: Driver): void }) {
  const { t } = useI18n();
  if (drivers.length === 0) return <p className="empty">{t('rs.fleet.noDrivers')}</p>;
  return (
    <table className="table" data-testid="drivers-table">
      <thead>
        <tr>
          <th>{t('rs.driver.name')}</th>
          <th>{t('rs.driver.phone')}</th>
          <th>{t('rs.driver.skills')}</th>
          <th>{t('rs.fleet.status')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {drivers.map((d) => (
          <tr key={d.id} className={d.active ? undefined : 'rs-inactive'} data-driver={d.name}>
            <td>
              <strong>{d.name}</strong>
            </td>
            <td>{d.phone}</td>
            <td>{d.skills.join(', ')}</td>
            <td>{d.active ? t('rs.fleet.active') : t('rs.fleet.inactive')}</td>
            <EditCell label={t('rs.driver.edit', { name: d.name })} onEdit={() => onEdit(d)} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A row's last cell: its Edit button, named for the row so a screen reader can tell them apart. */
function EditCell({ label, onEdit }: { label: string; onEdit(): void }) {
  const { t } = useI18n();
  return (
    <td>
      <div className="row-actions">
        <button type="button" onClick={onEdit} aria-label={label}>
          {t('common.edit')}
        </button>
      </div>
    </td>
  );
}
