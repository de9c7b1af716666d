import { useState } from 'react';
import { mayRun, type FuelFlag } from '@shared/contract';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { Field } from './field';
import { DateTimeField } from '../../app/date-time-field';
import { fromLocalInput, km, num, toLocalInput, when } from './fleet-format';
import { VehicleSelect } from './VehiclePicker';

const WARN: FuelFlag[] = ['missed_fill', 'suspected_missed_fill', 'odometer_backwards'];

/** The fuel log of a vehicle: fills in odometer order, consumption between full tanks, flags. */
export function FuelTab({ timeZone, role }: { timeZone: string; role: string }) {
  const { t, locale } = useI18n();
  const vehicles = useCommandQuery('fleet.listVehicles', {});
  const [picked, setPicked] = useState('');
  const vehicleId = picked || vehicles.data?.[0]?.id || '';
  const log = useCommandQuery('fleet.listFuel', { vehicleId }, { enabled: !!vehicleId });
  const save = useCommandMutation('fleet.saveFuelEntry');
  const [at, setAt] = useState(() => toLocalInput(Date.now(), timeZone));
  const [odometer, setOdometer] = useState('');
  const [litres, setLitres] = useState('');
  const [price, setPrice] = useState('');
  const [full, setFull] = useState(true);
  const [missed, setMissed] = useState(false);
  const [station, setStation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const n = (s: string) => Number(s.replace(',', '.'));
  const add = async () => {
    setError(null);
    try {
      await save.mutateAsync({
        vehicleId,
        at: fromLocalInput(at, timeZone) ?? Date.now(),
        odometerKm: n(odometer),
        litres: n(litres),
        pricePerLitre: price ? n(price) : 0,
        full,
        missedPrevious: missed,
        station,
      });
      setOdometer('');
      setLitres('');
      setMissed(false);
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  return (
    <div className="fleet-fuel">
      <div className="toolbar">
        <VehicleSelect
          vehicles={vehicles.data ?? []}
          value={vehicleId}
          onChange={setPicked}
          label={t('fleet.col.vehicle')}
        />
        {log.data && (
          <div className="facts" data-testid="fuel-summary">
            <span>
              {t('fleet.fuel.average', {
                value: log.data.averageL100 === null ? '–' : num(log.data.averageL100, locale, 1),
              })}
            </span>
            <span>{t('fleet.fuel.litres', { value: num(log.data.totalLitres, locale, 0) })}</span>
            <span>{t('fleet.fuel.cost', { value: num(log.data.totalCost, locale, 0) })}</span>
          </div>
        )}
      </div>
      {mayRun(role, 'fleet.saveFuelEntry') && vehicleId && (
        <fieldset className="fleet-form inline" data-testid="fuel-form">
          <legend>{t('fleet.fuel.add')}</legend>
          <DateTimeField label={t('fleet.fuel.when')} value={at} onChange={setAt} />
          <Field
            label={t('fleet.col.odometer')}
            value={odometer}
            onChange={setOdometer}
            inputMode="numeric"
          />
          <Field
            label={t('fleet.fuel.litresField')}
            value={litres}
            onChange={setLitres}
            inputMode="decimal"
          />
          <Field label={t('fleet.fuel.price')} value={price} onChange={setPrice} inputMode="decimal" />
          <Field label={t('fleet.fuel.station')} value={station} onChange={setStation} />
          <label className="check">
            <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
            {t('fleet.fuel.full')}
          </label>
          <label className="check">
            <input type="checkbox" checked={missed} onChange={(e) => setMissed(e.target.checked)} />
            {t('fleet.fuel.missed')}
          </label>
          <button
            type="button"
            className="primary"
            onClick={() => void add()}
            disabled={save.isPending || !odometer || !litres}
          >
            {t('common.save')}
          </button>
          {error && <p className="error">{error}</p>}
        </fieldset>
      )}
      {log.data && log.data.entries.length === 0 && (
        <p className="empty" data-testid="fuel-empty">
          {t('fleet.fuel.none')}
        </p>
      )}
      {log.data && log.data.entries.length > 0 && (
        <table className="table fleet-table" data-testid="fuel-table">
          <thead>
            <tr>
              <th>{t('fleet.fuel.when')}</th>
              <th>{t('fleet.col.odometer')}</th>
              <th>{t('fleet.fuel.litresField')}</th>
              <th>{t('fleet.fuel.total')}</th>
              <th>{t('fleet.fuel.fill')}</th>
              <th>{t('fleet.fuel.consumption')}</th>
              <th>{t('fleet.fuel.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.entries.map((e) => (
              <tr
                key={e.id}
                className={e.flags.some((f) => WARN.includes(f)) ? 'warn' : undefined}
                data-flags={e.flags.join(' ')}
              >
                <td>{when(e.at, timeZone, locale)}</td>
                <td>{km(e.odometerKm, locale, 0)}</td>
                <td>{num(e.litres, locale, 2)}</td>
                <td>{num(e.totalCost, locale, 2)}</td>
                <td>{e.full ? t('fleet.fuel.fullShort') : t('fleet.fuel.partialShort')}</td>
                <td>{e.consumptionL100 === null ? '–' : `${num(e.consumptionL100, locale, 1)} l/100 km`}</td>
                <td>
                  {e.flags
                    .filter((f) => f !== 'partial')
                    .map((f) => t(`fleet.fuelFlag.${f}`))
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
