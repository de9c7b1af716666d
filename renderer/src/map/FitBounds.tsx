import { useEffect } from 'react';
import L from 'leaflet';
import { useLeafletMap } from './map-context';

/**
 * Fits the view to the points whenever `fitKey` changes (a new plan, another date) — not on every
 * edit, so a dispatcher who zoomed in to move a stop is not thrown back out.
 */
export function FitBounds({
  points,
  fitKey,
  maxZoom = 14,
}: {
  points: [number, number][];
  fitKey: string;
  maxZoom?: number;
}) {
  const map = useLeafletMap();
  useEffect(() => {
    if (points.length === 0) return;
    // The container may have been laid out after the map was made: measure before fitting.
    map.invalidateSize();
    if (points.length === 1) map.setView(points[0]!, Math.min(12, maxZoom), { animate: false });
    else map.fitBounds(L.latLngBounds(points), { padding: [28, 28], maxZoom, animate: false });
    // Only the key decides when to refit; `points` is read at that moment.
  }, [map, fitKey]);
  return null;
}
