import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addDays, atMinuteOfDay, isoDate } from '@shared/domain/time';
import { useApi, useCommandQuery } from '../../lib/api/hooks';
import { clock, dateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { DateTimeField } from '../../app/date-time-field';
import { FitBounds } from '../../map/FitBounds';
import { TrailsLayer, type Trail } from '../../map/TrailsLayer';
import { VehiclesLayer } from '../../map/VehiclesLayer';
import type { CanvasVehicle, VehicleSource } from '../../map/vehicle-canvas-layer';
import { FleetMap } from './FleetMap';
import { fromLocalInput, minutes, toLocalInput } from './fleet-format';
import { positionAt, REPLAY_SPEEDS, replayVehicles, type ReplayVehicle } from './replay-model';
import { VehiclePicker } from './VehiclePicker';

/** Several vehicles' days played back together: trails, stops, a time slider from ×1 to ×100. */
export function ReplayTab({ timeZone }: { timeZone: string }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const vehicles = useCommandQuery('fleet.listVehicles', {});
  const settings = useCommandQuery('fleet.getSettings', {});
  const yesterday = addDays(isoDate(Date.now(), timeZone), -1);
  const [picked, setPicked] = useState<string[]>([]);
  const [from, setFrom] = useState(() => toLocalInput(atMinuteOfDay(yesterday, 6 * 60, timeZone), timeZone));
  const [to, setTo] = useState(() => toLocalInput(atMinuteOfDay(yesterday, 18 * 60, timeZone), timeZone));
  const [loaded, setLoaded] = useState<{ from: number; to: number; vehicles: ReplayVehicle[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState(0);
  const [speed, setSpeed] = useState<(typeof REPLAY_SPEEDS)[number]>(10);
  const [playing, setPlaying] = useState(false);

  const load = async () => {
    const f = fromLocalInput(from, timeZone);
    const tt = fromLocalInput(to, timeZone);
    if (f === null || tt === null || tt <= f || !settings.data) return;
    setBusy(true);
    setError(null);
    try {
      const tracks = await api.call('fleet.replay', { vehicleIds: picked, from: f, to: tt });
      setLoaded({ from: f, to: tt, vehicles: replayVehicles(tracks, settings.data.trip) });
      setAt(f);
      setPlaying(false);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  // Playback: simulated time advances `speed` × real time, one step per animation frame.
  const atRef = useRef(at);
  atRef.current = at;
  useEffect(() => {
    if (!playing || !loaded) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const next = Math.min(loaded.to, atRef.current + (now - last) * speed);
      last = now;
      setAt(next);
      if (next >= loaded.to) setPlaying(false);
      else frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, loaded]);

  const listeners = useRef(new Set<() => void>());
  useEffect(() => listeners.current.forEach((l) => l()), [at]);
  const subscribe = useCallback((redraw: () => void) => {
    listeners.current.add(redraw);
    return () => void listeners.current.delete(redraw);
  }, []);
  const source = useMemo<VehicleSource>(
    () => ({
      version: () => atRef.current,
      each(visit: (v: CanvasVehicle) => void) {
        for (const v of loaded?.vehicles ?? []) {
          const p = positionAt(v.track, atRef.current);
          if (p)
            visit({
              id: v.vehicleId,
              lat: p.lat,
              lon: p.lon,
              course: p.course,
              color: v.color,
              moving: p.speedKmh > 2,
            });
        }
      },
    }),
    [loaded],
  );
  const names = useMemo(() => new Map(loaded?.vehicles.map((v) => [v.vehicleId, v.name]) ?? []), [loaded]);
  const label = useCallback((id: string) => names.get(id) ?? '', [names]);
  const trails = useMemo<Trail[]>(
    () =>
      loaded?.vehicles.map((v) => ({
        id: v.vehicleId,
        color: v.color,
        points: Array.from(v.track.at, (_, i) => [v.track.lat[i]!, v.track.lon[i]!] as [number, number]),
        stops: v.stops.map((s) => ({
          lat: s.lat,
          lon: s.lon,
          title: `${v.name}: ${clock(s.startAt, timeZone)}–${clock(s.endAt, timeZone)} (${minutes(s.durationMin)})`,
        })),
      })) ?? [],
    [loaded, timeZone],
  );
  const points = useMemo(() => trails.flatMap((tr) => tr.points), [trails]);

  return (
    <div className="fleet-replay">
      <aside className="fleet-side">
        <VehiclePicker vehicles={vehicles.data ?? []} value={picked} onChange={setPicked} max={50} />
        <DateTimeField label={t('fleet.replay.from')} value={from} onChange={setFrom} testId="replay-from" />
        <DateTimeField label={t('fleet.replay.to')} value={to} onChange={setTo} testId="replay-to" />
        <button
          type="button"
          className="primary"
          disabled={busy || picked.length === 0}
          onClick={() => void load()}
        >
          {busy ? t('common.loading') : t('fleet.replay.load')}
        </button>
        {error && <p className="error">{error}</p>}
        {loaded && (
          <ul className="replay-legend" data-testid="replay-legend">
            {loaded.vehicles.map((v) => (
              <li key={v.vehicleId} data-vehicle={v.name}>
                <span className="dot" style={{ background: v.color }} aria-hidden /> {v.name}{' '}
                <span className="muted">
                  {t('fleet.replay.summary', { fixes: v.track.at.length, stops: v.stops.length })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="fleet-map-wrap">
        {loaded && (
          <div className="replay-bar" data-testid="replay-bar">
            <button
              type="button"
              onClick={() =>
                at >= loaded.to ? (setAt(loaded.from), setPlaying(true)) : setPlaying(!playing)
              }
            >
              {playing ? t('fleet.replay.pause') : t('fleet.replay.play')}
            </button>
            <input
              type="range"
              aria-label={t('fleet.replay.time')}
              min={loaded.from}
              max={loaded.to}
              step={1000}
              value={at}
              onChange={(e) => setAt(Number(e.target.value))}
            />
            <output data-testid="replay-time">{dateTime(at, timeZone, locale)}</output>
            <select
              aria-label={t('fleet.replay.speed')}
              value={speed}
              onChange={(e) => setSpeed(Number(e.target.value) as typeof speed)}
            >
              {REPLAY_SPEEDS.map((s) => (
                <option key={s} value={s}>
                  ×{s}
                </option>
              ))}
            </select>
          </div>
        )}
        <FleetMap label={t('fleet.replay.mapLabel')} testId="replay-map">
          <TrailsLayer trails={trails} />
          <VehiclesLayer
            source={source}
            subscribe={subscribe}
            selected={null}
            onSelect={() => undefined}
            label={label}
          />
          <FitBounds points={points} fitKey={loaded ? `${loaded.from}-${loaded.vehicles.length}` : 'none'} />
        </FleetMap>
      </div>
    </div>
  );
}
