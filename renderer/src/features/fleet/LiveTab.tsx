import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LiveStatus } from '@shared/contract';
import { isoDate } from '@shared/domain/time';
import { useCommandQuery } from '../../lib/api/hooks';
import { clock } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { FitBounds } from '../../map/FitBounds';
import { FollowPoint } from '../../map/FollowPoint';
import { RouteLayer } from '../../map/RouteLayer';
import { VehiclesLayer } from '../../map/VehiclesLayer';
import { FleetMap } from './FleetMap';
import { num } from './fleet-format';
import { STATUS_COLORS, type LiveVehicle } from './live-store';
import { RoutesPanel } from './RoutesPanel';
import { useLiveFleet } from './use-live-fleet';

const ROW = 52;

/** The live map: every vehicle, a searchable list beside it, follow one, today's routes on top. */
export function LiveTab({ timeZone }: { timeZone: string }) {
  const { t, locale } = useI18n();
  const { store, version, loaded, source, subscribe } = useLiveFleet();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [follow, setFollow] = useState(false);
  const [showRoutes, setShowRoutes] = useState(false);
  const today = isoDate(Date.now(), timeZone);
  const routes = useCommandQuery(
    'fleet.routeProgress',
    { date: today },
    { enabled: showRoutes, refetchInterval: 15_000 },
  );

  // Sorted and searched when vehicles come or go or the search changes — not every second: the
  // rows are the store's own objects, so they show the newest position anyway.
  const membership = store.membership;
  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = [...store.vehicles.values()];
    const hits = q
      ? all.filter((v) => `${v.name} ${v.plate} ${v.driverName ?? ''}`.toLowerCase().includes(q))
      : all;
    const collator = new Intl.Collator(locale, { numeric: true });
    return hits.sort((a, b) => collator.compare(a.name, b.name));
  }, [store, membership, query, locale]);
  const counts = useMemo(() => {
    const c: Record<LiveStatus, number> = { moving: 0, idle: 0, stopped: 0, offline: 0 };
    for (const v of store.vehicles.values()) c[v.status]++;
    return c;
  }, [store, version]);

  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: list.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const picked = selected ? store.vehicles.get(selected) : undefined;
  const label = useCallback((id: string) => store.vehicles.get(id)?.name ?? '', [store]);
  const select = useCallback((id: string) => {
    setSelected(id);
    setFollow(true);
  }, []);
  const points = useMemo<[number, number][]>(
    () => [...store.vehicles.values()].map((v) => [v.lat, v.lon]),
    [store, loaded],
  );

  return (
    <div className="fleet-live">
      <aside className="fleet-side" aria-label={t('fleet.live.listLabel')}>
        <input
          type="search"
          className="fleet-search"
          placeholder={t('fleet.live.search')}
          aria-label={t('fleet.live.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="fleet-counts" data-testid="fleet-counts">
          {(Object.keys(counts) as LiveStatus[]).map((s) => (
            <span key={s} className="fleet-count" data-status={s}>
              <span className="dot" style={{ background: STATUS_COLORS[s] }} aria-hidden />
              {t(`fleet.status.${s}`)} {counts[s]}
            </span>
          ))}
        </div>
        {loaded && store.vehicles.size === 0 && (
          <p className="empty" data-testid="fleet-empty">
            {t('fleet.live.empty')}
          </p>
        )}
        <div
          className="fleet-list"
          ref={scroller}
          data-testid="fleet-list"
          role="listbox"
          aria-label={t('fleet.live.listLabel')}
        >
          <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
            {rows.getVirtualItems().map((r) => {
              const v = list[r.index]!;
              return (
                <VehicleRow
                  key={v.trackerId}
                  v={v}
                  top={r.start}
                  active={v.trackerId === selected}
                  onPick={() => select(v.trackerId)}
                  timeZone={timeZone}
                />
              );
            })}
          </div>
        </div>
        <label className="check">
          <input type="checkbox" checked={showRoutes} onChange={(e) => setShowRoutes(e.target.checked)} />
          {t('fleet.live.showRoutes')}
        </label>
        {showRoutes && routes.data && (
          <RoutesPanel
            routes={routes.data}
            timeZone={timeZone}
            onPick={(trackerId) => trackerId && select(trackerId)}
          />
        )}
      </aside>
      <div className="fleet-map-wrap">
        {picked && (
          <div className="fleet-picked" data-testid="fleet-picked">
            <strong>{picked.name}</strong> {picked.plate && <span className="muted">{picked.plate}</span>}
            <span>{t(`fleet.status.${picked.status}`)}</span>
            <span>{num(picked.speedKmh, locale)} km/h</span>
            <span className="muted">{clock(picked.at, timeZone)}</span>
            {picked.driverName && <span>{picked.driverName}</span>}
            <label className="check">
              <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
              {t('fleet.live.follow')}
            </label>
            <button
              type="button"
              className="ghost"
              onClick={() => setSelected(null)}
              aria-label={t('common.close')}
            >
              ×
            </button>
          </div>
        )}
        <FleetMap label={t('fleet.live.mapLabel')} testId="fleet-map">
          <VehiclesLayer
            source={source}
            subscribe={subscribe}
            selected={selected}
            onSelect={select}
            label={label}
          />
          {showRoutes &&
            routes.data?.map((r) => (
              <RouteLayer
                key={r.vehicleId}
                color={r.lateCount ? '#c2410c' : '#6b7a8c'}
                path={r.path}
                locked={false}
                stops={r.stops.map((s, i) => ({
                  id: s.orderId,
                  lat: s.lat,
                  lon: s.lon,
                  label: s.state === 'done' ? '✓' : String(i + 1),
                  title: `${s.reference} ${s.customer}`,
                  violated: s.late,
                }))}
              />
            ))}
          {/* City level at most: a fleet parked at one depot should not fill the screen with one dot. */}
          <FitBounds points={points} fitKey={loaded ? 'loaded' : 'waiting'} maxZoom={12} />
          <FollowPoint point={follow && picked ? [picked.lat, picked.lon] : null} version={version} />
        </FleetMap>
      </div>
    </div>
  );
}

function VehicleRow({
  v,
  top,
  active,
  onPick,
  timeZone,
}: {
  v: LiveVehicle;
  top: number;
  active: boolean;
  onPick(): void;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  return (
    <button
      type="button"
      role="option"
      aria-selected={active}
      className={`fleet-row${active ? ' active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW }}
      onClick={onPick}
      data-vehicle={v.name}
      data-status={v.status}
      data-position={`${v.lat.toFixed(5)},${v.lon.toFixed(5)}`}
    >
      <span className="dot" style={{ background: STATUS_COLORS[v.status] }} aria-hidden />
      <span className="fleet-row-main">
        <strong>{v.name}</strong>
        <span className="muted">{[v.plate, v.driverName].filter(Boolean).join(' · ')}</span>
      </span>
      <span className="fleet-row-side">
        <span>
          {v.status === 'moving' ? `${num(v.speedKmh, locale)} km/h` : t(`fleet.status.${v.status}`)}
        </span>
        <span className="muted">{clock(v.at, timeZone)}</span>
      </span>
    </button>
  );
}
