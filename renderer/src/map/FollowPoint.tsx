import { useEffect } from 'react';
import { useLeafletMap } from './map-context';

/** Keeps a moving point centred (a followed vehicle); `version` changes when it may have moved. */
export function FollowPoint({ point, version }: { point: [number, number] | null; version: number }) {
  const map = useLeafletMap();
  const lat = point?.[0];
  const lon = point?.[1];
  useEffect(() => {
    if (lat === undefined || lon === undefined) return;
    map.panTo([lat, lon], { animate: true, duration: 0.5 });
  }, [map, lat, lon, version]);
  return null;
}
