import { Fragment, useState } from 'react';
import { addDays, isoDate } from '@shared/domain/time';
import { toCsv } from '@shared/export/csv';
import { useCommandQuery } from '../../lib/api/hooks';
import { downloadBytes, XLSX_TYPE } from '../../lib/download';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { km, minutes, num } from './fleet-format';
import { tripsTables } from './trips-export';


/** Trips, stops and mileage per vehicle for a day, with CSV and XLSX export. */
export function TripsTab({ timeZone }: { timeZone: string }) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(() => addDays(isoDate(Date.now(), timeZone), -1));
  const [open, setOpen] = useState<string | null>(null);
  const days = useCommandQuery('fleet.trips', { date });
  const rows = (days.data ?? []).slice().sort((a, b) => b.distanceKm - a.distanceKm);
  const exportAs = async (format: 'csv' | 'xlsx') => {
    const tables = tripsTables(rows, timeZone, t);
    const base = `${t('fleet.trips.fileName')}-${date}`;
    if (format === 'csv') downloadBytes(toCsv(tables[1]!), `${base}.csv`, 'text/csv;charset=utf-8');
    else {
      // Loaded on first use: the workbook writer is only needed for this.
      const { toXlsx } = await import('@shared/export/xlsx');
      downloadBytes(await toXlsx(tables), `${base}.xlsx`, XLSX_TYPE);
    }
  };
  return (
    <div className="fleet-trips">
      <div className="toolbar">
        <label className="field inline">
          <span>{t('fleet.col.date')}</span>
          <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </label>
        <span className="muted">{t('fleet.trips.rules')}</span>
        <span className="spacer" />
        <button type="button" onClick={() => void exportAs('csv')} disabled={!rows.length}>
          {t('fleet.trips.csv')}
        </button>
        <button type="button" onClick={() => void exportAs('xlsx')} disabled={!rows.length}>
          {t('fleet.trips.xlsx')}
        </button>
      </div>
      {days.isLoading && <p className="muted">{t('common.loading')}</p>}
      {days.data && rows.length === 0 && (
        <p className="empty" data-testid="trips-empty">
          {t('fleet.trips.none')}
        </p>
      )}
      {rows.length > 0 && (
        <table className="table fleet-table" data-testid="trips-table">
          <thead>
            <tr>
              <th>{t('fleet.col.vehicle')}</th>
              <th>{t('fleet.col.trips')}</th>
              <th>{t('fleet.col.distanceKm')}</th>
              <th>{t('fleet.col.driving')}</th>
              <th>{t('fleet.col.stopped')}</th>
              <th>{t('fleet.col.maxSpeed')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <Fragment key={d.vehicleId}>
                <tr
                  className="clickable"
                  onClick={() => setOpen(open === d.vehicleId ? null : d.vehicleId)}
                  data-vehicle={d.name}
                >
                  <td>
                    <button type="button" className="link" aria-expanded={open === d.vehicleId}>
                      {d.name}
                    </button>{' '}
                    <span className="muted">{d.plate}</span>
                  </td>
                  <td>{d.trips.length}</td>
                  <td>{km(d.distanceKm, locale)}</td>
                  <td>{minutes(d.drivingMin)}</td>
                  <td>{minutes(d.stoppedMin)}</td>
                  <td>{num(d.maxSpeedKmh, locale)} km/h</td>
                </tr>
                {open === d.vehicleId && (
                  <tr className="detail">
                    <td colSpan={6}>
                      <ol className="trip-timeline">
                        {[
                          ...d.trips.map((x) => ({ kind: 'trip' as const, at: x.startAt, x })),
                          ...d.stops.map((s) => ({ kind: 'stop' as const, at: s.startAt, s })),
                        ]
                          .sort((a, b) => a.at - b.at)
                          .map((e) =>
                            e.kind === 'trip' ? (
                              <li key={`t${e.at}`} className="trip">
                                {t('fleet.trips.trip', {
                                  from: clock(e.x.startAt, timeZone),
                                  to: clock(e.x.endAt, timeZone),
                                  km: km(e.x.distanceKm, locale),
                                  max: num(e.x.maxSpeedKmh, locale),
                                })}
                              </li>
                            ) : (
                              <li key={`s${e.at}`} className="stop">
                                {t('fleet.trips.stop', {
                                  from: clock(e.s.startAt, timeZone),
                                  to: clock(e.s.endAt, timeZone),
                                  duration: minutes(e.s.durationMin),
                                })}
                              </li>
                            ),
                          )}
                      </ol>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
