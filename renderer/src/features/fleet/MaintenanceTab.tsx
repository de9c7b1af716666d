import { useMemo, useState } from 'react';
import { mayRun, type DueState, type FleetVehicle, type ServiceItem } from '@shared/contract';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { Field } from './field';
import { DateTimeField } from '../../app/date-time-field';
import { day, fromLocalInput, km, num, toLocalInput } from './fleet-format';
import { VehicleSelect } from './VehiclePicker';

const ORDER: Record<DueState, number> = { overdue: 0, due: 1, soon: 2, ok: 3 };

/** Service items due by distance, engine hours or date; the due / overdue list; service history. */
export function MaintenanceTab({ timeZone, role }: { timeZone: string; role: string }) {
  const { t, locale } = useI18n();
  const vehicles = useCommandQuery('fleet.listVehicles', {});
  const items = useCommandQuery('fleet.listServiceItems', {});
  const [only, setOnly] = useState<'due' | 'all'>('due');
  const [vehicleId, setVehicleId] = useState('');
  const names = useMemo(() => new Map((vehicles.data ?? []).map((v) => [v.id, v])), [vehicles.data]);
  const shown = (items.data ?? [])
    .filter((i) => (only === 'all' ? true : i.state !== 'ok'))
    .sort(
      (a, b) =>
        ORDER[a.state] - ORDER[b.state] ||
        (names.get(a.vehicleId)?.name ?? '').localeCompare(names.get(b.vehicleId)?.name ?? ''),
    );
  const current = vehicleId || vehicles.data?.[0]?.id || '';
  const counts = (items.data ?? []).reduce<Record<DueState, number>>(
    (c, i) => ({ ...c, [i.state]: c[i.state] + 1 }),
    { overdue: 0, due: 0, soon: 0, ok: 0 },
  );
  const next = (i: ServiceItem) =>
    [
      i.nextKm !== null && km(i.nextKm, locale, 0),
      i.nextHours !== null && `${num(i.nextHours, locale)} h`,
      i.nextAt !== null && day(i.nextAt, timeZone, locale),
    ]
      .filter(Boolean)
      .join(' · ') || '–';
  return (
    <div className="fleet-maintenance">
      <section className="fleet-panel">
        <div className="toolbar">
          <h2>{t('fleet.maint.title')}</h2>
          <span className="badge badge-overdue">
            {t('fleet.due.overdue')} {counts.overdue}
          </span>
          <span className="badge badge-due">
            {t('fleet.due.due')} {counts.due}
          </span>
          <span className="badge badge-soon">
            {t('fleet.due.soon')} {counts.soon}
          </span>
          <span className="spacer" />
          <select
            aria-label={t('fleet.maint.show')}
            value={only}
            onChange={(e) => setOnly(e.target.value as 'due' | 'all')}
          >
            <option value="due">{t('fleet.maint.showDue')}</option>
            <option value="all">{t('fleet.maint.showAll')}</option>
          </select>
        </div>
        {shown.length === 0 ? (
          <p className="empty" data-testid="maint-empty">
            {t('fleet.maint.none')}
          </p>
        ) : (
          <table className="table fleet-table" data-testid="maint-table">
            <thead>
              <tr>
                <th>{t('fleet.col.vehicle')}</th>
                <th>{t('fleet.maint.item')}</th>
                <th>{t('fleet.maint.every')}</th>
                <th>{t('fleet.maint.last')}</th>
                <th>{t('fleet.maint.next')}</th>
                <th>{t('fleet.maint.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => (
                <tr key={i.id} data-state={i.state}>
                  <td>{names.get(i.vehicleId)?.name}</td>
                  <td>{i.name}</td>
                  <td>
                    {[
                      i.everyKm && km(i.everyKm, locale, 0),
                      i.everyHours && `${i.everyHours} h`,
                      i.everyDays && t('fleet.maint.days', { days: i.everyDays }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>
                    {[
                      i.lastKm !== null && km(i.lastKm, locale, 0),
                      i.lastAt !== null && day(i.lastAt, timeZone, locale),
                    ]
                      .filter(Boolean)
                      .join(' · ') || '–'}
                  </td>
                  <td>{next(i)}</td>
                  <td>
                    <span className={`badge badge-${i.state}`}>{t(`fleet.due.${i.state}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="fleet-panel">
        <VehicleSelect
          vehicles={vehicles.data ?? []}
          value={current}
          onChange={setVehicleId}
          label={t('fleet.col.vehicle')}
        />
        {current && names.get(current) && (
          <VehicleService
            vehicle={names.get(current)!}
            items={(items.data ?? []).filter((i) => i.vehicleId === current)}
            timeZone={timeZone}
            role={role}
          />
        )}
      </section>
    </div>
  );
}

function VehicleService({
  vehicle,
  items,
  timeZone,
  role,
}: {
  vehicle: FleetVehicle;
  items: ServiceItem[];
  timeZone: string;
  role: string;
}) {
  const { t, locale } = useI18n();
  const records = useCommandQuery('fleet.listServiceRecords', { vehicleId: vehicle.id });
  const record = useCommandMutation('fleet.recordService');
  const saveItem = useCommandMutation('fleet.saveServiceItem');
  const [doneAt, setDoneAt] = useState(() => toLocalInput(Date.now(), timeZone));
  const [odometer, setOdometer] = useState(vehicle.odometerKm ? String(Math.round(vehicle.odometerKm)) : '');
  const [cost, setCost] = useState('');
  const [vendor, setVendor] = useState('');
  const [ticked, setTicked] = useState<string[]>([]);
  const [itemName, setItemName] = useState('');
  const [everyKm, setEveryKm] = useState('');
  const [everyDays, setEveryDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const n = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
  const submit = async () => {
    setError(null);
    try {
      await record.mutateAsync({
        vehicleId: vehicle.id,
        doneAt: fromLocalInput(doneAt, timeZone) ?? Date.now(),
        odometerKm: n(odometer),
        cost: n(cost) ?? 0,
        vendor,
        itemIds: ticked,
      });
      setTicked([]);
      setCost('');
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const addItem = async () => {
    setError(null);
    try {
      await saveItem.mutateAsync({
        vehicleId: vehicle.id,
        name: itemName,
        everyKm: n(everyKm),
        everyDays: n(everyDays),
        baselineAt: Date.now(),
        baselineKm: vehicle.odometerKm === null ? null : Math.round(vehicle.odometerKm),
      });
      setItemName('');
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  return (
    <div className="vehicle-service">
      <p className="muted">
        {t('fleet.maint.meters', {
          km: km(vehicle.odometerKm, locale, 0),
          hours: num(vehicle.engineHours, locale),
        })}
      </p>
      {mayRun(role, 'fleet.recordService') && (
        <fieldset className="fleet-form" data-testid="service-form">
          <legend>{t('fleet.maint.record')}</legend>
          <DateTimeField label={t('fleet.maint.doneAt')} value={doneAt} onChange={setDoneAt} />
          <Field
            label={t('fleet.col.odometer')}
            value={odometer}
            onChange={setOdometer}
            inputMode="numeric"
          />
          <Field label={t('fleet.maint.cost')} value={cost} onChange={setCost} inputMode="decimal" />
          <Field label={t('fleet.maint.vendor')} value={vendor} onChange={setVendor} />
          <div className="checks">
            {items.map((i) => (
              <label key={i.id} className="check">
                <input
                  type="checkbox"
                  checked={ticked.includes(i.id)}
                  onChange={() =>
                    setTicked(ticked.includes(i.id) ? ticked.filter((x) => x !== i.id) : [...ticked, i.id])
                  }
                />
                {i.name}
              </label>
            ))}
          </div>
          <button type="button" className="primary" onClick={() => void submit()} disabled={record.isPending}>
            {t('fleet.maint.save')}
          </button>
        </fieldset>
      )}
      {mayRun(role, 'fleet.saveServiceItem') && (
        <fieldset className="fleet-form">
          <legend>{t('fleet.maint.addItem')}</legend>
          <Field label={t('fleet.maint.item')} value={itemName} onChange={setItemName} />
          <Field label={t('fleet.maint.everyKm')} value={everyKm} onChange={setEveryKm} inputMode="numeric" />
          <Field
            label={t('fleet.maint.everyDays')}
            value={everyDays}
            onChange={setEveryDays}
            inputMode="numeric"
          />
          <button type="button" onClick={() => void addItem()} disabled={saveItem.isPending}>
            {t('fleet.maint.addItem')}
          </button>
        </fieldset>
      )}
      {error && <p className="error">{error}</p>}
      <h3>{t('fleet.maint.history')}</h3>
      <ul className="service-history" data-testid="service-history">
        {(records.data ?? []).length === 0 && <li className="empty">{t('fleet.maint.noHistory')}</li>}
        {(records.data ?? []).map((r) => (
          <li key={r.id}>
            <strong>{day(r.doneAt, timeZone, locale)}</strong>{' '}
            {r.itemNames.join(', ') || t('fleet.maint.other')} · {km(r.odometerKm, locale, 0)} ·{' '}
            {num(r.cost, locale, 2)} {r.vendor && `· ${r.vendor}`}{' '}
            {r.notes && <span className="muted">· {r.notes}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
