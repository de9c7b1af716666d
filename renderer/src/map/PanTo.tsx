import { useEffect } from 'react';
import { useLeafletMap } from './map-context';

/** Brings a point into view when it changes (the stop just selected in a list). Renders nothing. */
export function PanTo({ point }: { point: [number, number] | null }) {
  const map = useLeafletMap();
  const lat = point?.[0];
  const lon = point?.[1];
  useEffect(() => {
    if (lat === undefined || lon === undefined) return;
    if (!map.getBounds().pad(-0.1).contains([lat, lon])) map.panTo([lat, lon]);
  }, [map, lat, lon]);
  return null;
}
