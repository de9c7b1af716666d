import { useEffect } from 'react';
import L from 'leaflet';
import { useLeafletMap } from './map-context';

export interface Trail {
  id: string;
  color: string;
  points: [number, number][];
  /** Stops along it: a ring each, with its tooltip. */
  stops: { lat: number; lon: number; title: string }[];
}

/** Driven lines and their stops, on Leaflet's canvas renderer (long days have many points). */
export function TrailsLayer({ trails }: { trails: Trail[] }) {
  const map = useLeafletMap();
  useEffect(() => {
    const renderer = L.canvas({ padding: 0.2 });
    const group = L.layerGroup();
    for (const t of trails) {
      if (t.points.length > 1)
        L.polyline(t.points, {
          color: t.color,
          weight: 3,
          opacity: 0.75,
          renderer,
          interactive: false,
        }).addTo(group);
      for (const s of t.stops)
        L.circleMarker([s.lat, s.lon], {
          radius: 6,
          color: t.color,
          weight: 2,
          fillColor: '#fff',
          fillOpacity: 1,
          renderer,
        })
          .bindTooltip(s.title)
          .addTo(group);
    }
    group.addTo(map);
    return () => void group.remove();
  }, [map, trails]);
  return null;
}
