import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useEvent } from '../../lib/api/hooks';
import type { CanvasVehicle, VehicleSource } from '../../map/vehicle-canvas-layer';
import { LiveStore, STATUS_COLORS } from './live-store';

/** Refetching the snapshot for unknown trackers at most this often. */
const RESNAPSHOT_MS = 5000;

/**
 * The live fleet: the snapshot, then pushed batches applied to one LiveStore. `version` (React
 * state) changes once per batch, for the list; the map subscribes to the store directly.
 */
export function useLiveFleet() {
  const api = useApi();
  const store = useMemo(() => new LiveStore(), []);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const lastSnapshot = useRef(0);
  const snapshot = useCallback(() => {
    lastSnapshot.current = Date.now();
    void api.call('fleet.live', {}).then((list) => {
      store.snapshot(list);
      setLoaded(true);
    });
  }, [api, store]);
  useEffect(() => {
    snapshot();
    const offState = api.onState((s) => s === 'connected' && snapshot());
    const offStore = store.subscribe(() => setVersion(store.version));
    return () => {
      offState();
      offStore();
    };
  }, [api, store, snapshot]);
  useEvent('fleet.positions', (batch) => {
    const { unknown } = store.apply(batch);
    if (unknown > 0 && Date.now() - lastSnapshot.current > RESNAPSHOT_MS) snapshot();
  });
  useEvent('fleet.changed', (c) => {
    if (c.parts.some((p) => p === 'trackers' || p === 'vehicles' || p === 'drivers')) snapshot();
  });

  const source = useMemo<VehicleSource>(
    () => ({
      version: () => store.version,
      each(visit: (v: CanvasVehicle) => void) {
        const v: CanvasVehicle = { id: '', lat: 0, lon: 0, course: -1, color: '', moving: false };
        for (const x of store.vehicles.values()) {
          v.id = x.trackerId;
          v.lat = x.lat;
          v.lon = x.lon;
          v.course = x.course;
          v.color = STATUS_COLORS[x.status];
          v.moving = x.status === 'moving';
          visit(v);
        }
      },
    }),
    [store],
  );
  const subscribe = useCallback((redraw: () => void) => store.subscribe(redraw), [store]);
  return { store, version, loaded, source, subscribe };
}
