import { useState } from 'react';
import { mayRun, type FleetVehicle } from '@shared/contract';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { Field } from './field';
import { km, num, when } from './fleet-format';
import { SourcesPanel } from './SourcesPanel';

/** The register's fleet side: trackers, drivers with history, meters; and where positions come from. */
export function VehiclesTab({ timeZone, role }: { timeZone: string; role: string }) {
  const { t } = useI18n();
  const vehicles = useCommandQuery('fleet.listVehicles', { includeInactive: true });
  const drivers = useCommandQuery('routes.listDrivers', {});
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="fleet-vehicles">
      <section className="fleet-panel">
        <h2>{t('fleet.vehicles.title')}</h2>
        <p className="muted">{t('fleet.vehicles.register')}</p>
        {error && <p className="error">{error}</p>}
        {(vehicles.data ?? []).length === 0 ? (
          <p className="empty">{t('fleet.vehicles.none')}</p>
        ) : (
          <table className="table fleet-table" data-testid="vehicles-table">
            <thead>
              <tr>
                <th>{t('fleet.col.vehicle')}</th>
                <th>{t('fleet.vehicles.tracker')}</th>
                <th>{t('fleet.vehicles.driver')}</th>
                <th>{t('fleet.col.odometer')}</th>
                <th>{t('fleet.vehicles.engineHours')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(vehicles.data ?? []).map((v) => (
                <VehicleRow
                  key={v.id}
                  v={v}
                  drivers={drivers.data ?? []}
                  role={role}
                  open={open === v.id}
                  onToggle={() => setOpen(open === v.id ? null : v.id)}
                  onError={setError}
                  timeZone={timeZone}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <SourcesPanel vehicles={vehicles.data ?? []} role={role} timeZone={timeZone} />
    </div>
  );
}

function VehicleRow({
  v,
  drivers,
  role,
  open,
  onToggle,
  onError,
  timeZone,
}: {
  v: FleetVehicle;
  drivers: { id: string; name: string }[];
  role: string;
  open: boolean;
  onToggle(): void;
  onError(text: string | null): void;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const saveTracker = useCommandMutation('fleet.saveTracker');
  const assign = useCommandMutation('fleet.assignDriver');
  const meter = useCommandMutation('fleet.recordMeter');
  const history = useCommandQuery('fleet.driverHistory', { vehicleId: v.id }, { enabled: open });
  const [uid, setUid] = useState(v.trackerUid ?? '');
  const [reading, setReading] = useState('');
  const run = async (work: () => Promise<unknown>) => {
    onError(null);
    try {
      await work();
    } catch (err) {
      onError(errorText(err, t));
    }
  };
  return (
    <>
      <tr data-vehicle={v.name} className={v.active ? undefined : 'inactive'}>
        <td>
          <strong>{v.name}</strong> <span className="muted">{v.plate}</span>
          {!v.planning && <span className="badge">{t('fleet.vehicles.fleetOnly')}</span>}
        </td>
        <td>
          {mayRun(role, 'fleet.saveTracker') ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() =>
                  saveTracker.mutateAsync({ id: v.trackerId ?? undefined, uid: uid.trim(), vehicleId: v.id }),
                );
              }}
            >
              <input
                aria-label={t('fleet.vehicles.trackerFor', { name: v.name })}
                value={uid}
                onChange={(e) => setUid(e.target.value)}
                placeholder={t('fleet.vehicles.trackerPlaceholder')}
              />
              {uid.trim() !== (v.trackerUid ?? '') && uid.trim() && (
                <button type="submit">{t('common.save')}</button>
              )}
            </form>
          ) : (
            (v.trackerUid ?? '–')
          )}
        </td>
        <td>
          <select
            aria-label={t('fleet.vehicles.driverFor', { name: v.name })}
            value={v.driverId ?? ''}
            disabled={!mayRun(role, 'fleet.assignDriver')}
            onChange={(e) =>
              void run(() => assign.mutateAsync({ vehicleId: v.id, driverId: e.target.value || null }))
            }
          >
            <option value="">{t('fleet.vehicles.noDriver')}</option>
            {drivers.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </td>
        <td>{km(v.odometerKm, locale, 0)}</td>
        <td>{v.engineHours === null ? '–' : `${num(v.engineHours, locale)} h`}</td>
        <td>
          <button type="button" className="link" onClick={onToggle} aria-expanded={open}>
            {t('fleet.vehicles.more')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="detail">
          <td colSpan={6}>
            <div className="vehicle-detail">
              {mayRun(role, 'fleet.recordMeter') && (
                <form
                  className="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const n = Number(reading.replace(',', '.'));
                    void run(() => meter.mutateAsync({ vehicleId: v.id, odometerKm: n })).then(() =>
                      setReading(''),
                    );
                  }}
                >
                  <Field
                    label={t('fleet.vehicles.reading')}
                    value={reading}
                    onChange={setReading}
                    inline
                    inputMode="numeric"
                  />
                  <button type="submit" disabled={!reading}>
                    {t('common.save')}
                  </button>
                </form>
              )}
              <h3>{t('fleet.vehicles.driverHistory')}</h3>
              <ul>
                {(history.data ?? []).length === 0 && (
                  <li className="empty">{t('fleet.vehicles.noHistory')}</li>
                )}
                {(history.data ?? []).map((a) => (
                  <li key={a.id}>
                    {a.driverName ?? t('fleet.vehicles.noDriver')} · {when(a.fromAt, timeZone, locale)} –{' '}
                    {a.toAt ? when(a.toAt, timeZone, locale) : t('fleet.vehicles.now')}{' '}
                    <span className="muted">({a.by})</span>
                  </li>
                ))}
              </ul>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
