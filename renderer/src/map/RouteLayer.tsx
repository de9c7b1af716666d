import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useLeafletMap } from './map-context';

export interface MapStop {
  id: string;
  lat: number;
  lon: number;
  /** Shown in the marker: the stop's number on its route. */
  label: string;
  /** Tooltip and accessible name. */
  title: string;
  violated?: boolean;
  selected?: boolean;
}

interface Props {
  color: string;
  /** The driven line: depot, stops in order, depot. */
  path: [number, number][];
  stops: MapStop[];
  /** Dashed: a route whose stops the dispatcher has locked. */
  locked?: boolean;
  onSelect?: (stopId: string) => void;
}

function stopIcon(stop: MapStop, color: string): L.DivIcon {
  const classes = ['map-stop', stop.violated && 'map-stop-violated', stop.selected && 'map-stop-selected']
    .filter(Boolean)
    .join(' ');
  const el = document.createElement('span');
  el.className = classes;
  el.style.background = color;
  el.textContent = stop.label;
  return L.divIcon({ html: el, className: 'map-stop-wrap', iconSize: [24, 24], iconAnchor: [12, 12] });
}

/** One route: its line and its numbered stop markers. Adds itself to the map, renders nothing. */
export function RouteLayer({ color, path, stops, locked, onSelect }: Props) {
  const map = useLeafletMap();
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });
  useEffect(() => {
    const group = L.layerGroup();
    if (path.length > 1) {
      L.polyline(path, {
        color,
        weight: 4,
        opacity: 0.85,
        dashArray: locked ? '8 6' : undefined,
        interactive: false,
      }).addTo(group);
    }
    for (const stop of stops) {
      const marker = L.marker([stop.lat, stop.lon], {
        icon: stopIcon(stop, color),
        title: stop.title,
        alt: stop.title,
        keyboard: true,
        zIndexOffset: stop.selected ? 1000 : stop.violated ? 500 : 0,
      });
      marker.on('click', () => select.current?.(stop.id));
      marker.addTo(group);
    }
    group.addTo(map);
    // The icon's text is only the number; screen readers get the whole stop (elements exist once on the map).
    group.eachLayer((layer) => {
      if (layer instanceof L.Marker)
        layer.getElement()?.setAttribute('aria-label', layer.options.title ?? '');
    });
    return () => void group.remove();
  }, [map, color, path, stops, locked]);
  return null;
}
