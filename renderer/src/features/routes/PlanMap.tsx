import { useCallback, useMemo } from 'react';
import type { Order, Plan } from '@shared/contract';
import { useApi } from '../../lib/api/hooks';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { BaseTiles } from '../../map/BaseTiles';
import type { FetchTile } from '../../map/core-tile-layer';
import { DepotLayer } from '../../map/DepotLayer';
import { FitBounds } from '../../map/FitBounds';
import { MapView } from '../../map/MapView';
import { PanTo } from '../../map/PanTo';
import { RouteLayer, type MapStop } from '../../map/RouteLayer';
import { violationText } from './violation-text';

interface Props {
  plan: Plan;
  orders: Map<string, Order>;
  colors: Map<string, string>;
  timeZone: string;
  selected: string | null;
  /** Changes when the view should refit (a new plan, another date). */
  fitKey: string;
  /** The configured tile server's attribution, shown with the overview map's. */
  tileAttribution?: string;
  onSelect(stopId: string): void;
}

const UNASSIGNED_COLOR = '#8a96a3';

/** The plan on the map: a line and numbered stops per route, the depot, unassigned orders in grey. */
export function PlanMap({
  plan,
  orders,
  colors,
  timeZone,
  selected,
  fitKey,
  tileAttribution,
  onSelect,
}: Props) {
  const api = useApi();
  const { t } = useI18n();
  const fetchTile = useCallback<FetchTile>(
    (z, x, y) =>
      api
        .call('map.tile', { z, x, y })
        .then((r) => (r.available ? { contentType: r.contentType, dataBase64: r.base64 } : null)),
    [api],
  );

  const layers = useMemo(
    () =>
      plan.routes.map((r) => ({
        vehicleId: r.vehicleId,
        locked: r.locked,
        path: r.path,
        stops: r.stops.flatMap<MapStop>((s) =>
          s.orderId
            ? [
                {
                  id: s.orderId,
                  lat: s.lat,
                  lon: s.lon,
                  label: String(s.seq ?? ''),
                  title: [
                    t('routes.stop.label', {
                      seq: s.seq ?? '',
                      reference: s.reference ?? '',
                      customer: s.customer ?? '',
                      eta: clock(s.arrivalAt, timeZone),
                    }),
                    ...s.violations.map((v) => violationText(v, t)),
                  ].join('. '),
                  violated: s.violations.length > 0,
                  selected: s.orderId === selected,
                },
              ]
            : [],
        ),
      })),
    [plan, selected, t, timeZone],
  );

  const unassigned = useMemo(
    () =>
      plan.unassigned.flatMap<MapStop>((u) => {
        const o = orders.get(u.orderId);
        return o
          ? [
              {
                id: o.id,
                lat: o.lat,
                lon: o.lon,
                label: '–',
                title: `${o.reference} ${o.customer}`,
                selected: o.id === selected,
              },
            ]
          : [];
      }),
    [plan, orders, selected],
  );

  const points = useMemo<[number, number][]>(
    () => [
      [plan.depot.lat, plan.depot.lon],
      ...layers.flatMap((l) => l.stops.map((s) => [s.lat, s.lon] as [number, number])),
      ...unassigned.map((s) => [s.lat, s.lon] as [number, number]),
    ],
    [plan.depot, layers, unassigned],
  );
  const selectedPoint = useMemo<[number, number] | null>(() => {
    const s = [...layers.flatMap((l) => l.stops), ...unassigned].find((x) => x.id === selected);
    return s ? [s.lat, s.lon] : null;
  }, [layers, unassigned, selected]);

  return (
    <MapView center={[plan.depot.lat, plan.depot.lon]} label={t('routes.map.label')} className="plan-map">
      <BaseTiles fetchTile={fetchTile} attribution={tileAttribution} />
      {layers.map((l) => (
        <RouteLayer
          key={l.vehicleId}
          color={colors.get(l.vehicleId) ?? '#777'}
          path={l.path}
          stops={l.stops}
          locked={l.locked}
          onSelect={onSelect}
        />
      ))}
      {unassigned.length > 0 && (
        <RouteLayer color={UNASSIGNED_COLOR} path={[]} stops={unassigned} onSelect={onSelect} />
      )}
      <DepotLayer
        lat={plan.depot.lat}
        lon={plan.depot.lon}
        title={t('routes.depot', { name: plan.depot.name })}
      />
      <FitBounds points={points} fitKey={fitKey} />
      <PanTo point={selectedPoint} />
    </MapView>
  );
}
