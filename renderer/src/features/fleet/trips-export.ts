/** The trips report as export tables: trips, stops and a per-vehicle summary, headings translated. */
import type { VehicleDay } from '@shared/contract';
import type { ExportTable } from '@shared/export/table';
import type { Translate } from '../../lib/i18n';
import { clock } from '../../lib/format';

const r1 = (v: number) => Math.round(v * 10) / 10;
const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

export function tripsTables(days: VehicleDay[], timeZone: string, t: Translate): ExportTable[] {
  const date = days[0]?.date ?? '';
  return [
    {
      name: t('fleet.trips.sheetSummary'),
      columns: [
        t('fleet.col.vehicle'),
        t('fleet.col.plate'),
        t('fleet.col.date'),
        t('fleet.col.trips'),
        t('fleet.col.distanceKm'),
        t('fleet.col.drivingMin'),
        t('fleet.col.stoppedMin'),
        t('fleet.col.maxSpeed'),
      ],
      rows: days.map((d) => [
        d.name,
        d.plate,
        d.date,
        d.trips.length,
        r1(d.distanceKm),
        Math.round(d.drivingMin),
        Math.round(d.stoppedMin),
        Math.round(d.maxSpeedKmh),
      ]),
    },
    {
      name: t('fleet.trips.sheetTrips'),
      columns: [
        t('fleet.col.vehicle'),
        t('fleet.col.plate'),
        t('fleet.col.date'),
        t('fleet.col.start'),
        t('fleet.col.end'),
        t('fleet.col.durationMin'),
        t('fleet.col.distanceKm'),
        t('fleet.col.maxSpeed'),
        t('fleet.col.avgSpeed'),
        t('fleet.col.startLat'),
        t('fleet.col.startLon'),
        t('fleet.col.endLat'),
        t('fleet.col.endLon'),
      ],
      rows: days.flatMap((d) =>
        d.trips.map((x) => [
          d.name,
          d.plate,
          date,
          clock(x.startAt, timeZone),
          clock(x.endAt, timeZone),
          Math.round(x.durationMin),
          r1(x.distanceKm),
          Math.round(x.maxSpeedKmh),
          Math.round(x.avgSpeedKmh),
          r5(x.startLat),
          r5(x.startLon),
          r5(x.endLat),
          r5(x.endLon),
        ]),
      ),
    },
    {
      name: t('fleet.trips.sheetStops'),
      columns: [
        t('fleet.col.vehicle'),
        t('fleet.col.plate'),
        t('fleet.col.date'),
        t('fleet.col.start'),
        t('fleet.col.end'),
        t('fleet.col.durationMin'),
        t('fleet.col.lat'),
        t('fleet.col.lon'),
      ],
      rows: days.flatMap((d) =>
        d.stops.map((s) => [
          d.name,
          d.plate,
          date,
          clock(s.startAt, timeZone),
          clock(s.endAt, timeZone),
          Math.round(s.durationMin),
          r5(s.lat),
          r5(s.lon),
        ]),
      ),
    },
  ];
}
