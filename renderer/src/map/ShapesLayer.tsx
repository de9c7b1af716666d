import { useEffect } from 'react';
import L from 'leaflet';
import type { GeofenceShape } from '@shared/contract';
import { useLeafletMap } from './map-context';

export interface MapShape {
  id: string;
  name: string;
  color: string;
  shape: GeofenceShape;
}

/** Geofences as circles and polygons with their names on hover. Adds itself, renders nothing. */
export function ShapesLayer({ shapes, onSelect }: { shapes: MapShape[]; onSelect?(id: string): void }) {
  const map = useLeafletMap();
  useEffect(() => {
    const group = L.layerGroup();
    for (const s of shapes) {
      const style = { color: s.color, weight: 2, fillOpacity: 0.12 };
      const layer =
        s.shape.kind === 'circle'
          ? L.circle([s.shape.lat, s.shape.lon], { ...style, radius: s.shape.radiusM })
          : L.polygon(s.shape.points, style);
      layer.bindTooltip(s.name, { sticky: true });
      if (onSelect) layer.on('click', () => onSelect(s.id));
      layer.addTo(group);
    }
    group.addTo(map);
    return () => void group.remove();
  }, [map, shapes, onSelect]);
  return null;
}
