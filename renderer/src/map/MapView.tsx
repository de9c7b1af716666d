import { useEffect, useRef, useState, type ReactNode } from 'react';
import L, { type Map as LeafletMap } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { MapContext } from './map-context';

interface Props {
  /** Where the map looks before any layer fits it (the depot, typically). */
  center: [number, number];
  zoom?: number;
  label: string;
  className?: string;
  /** The canvas element's test id (defaults to the routes map's). */
  testId?: string;
  children?: ReactNode;
}

/**
 * Creates the Leaflet map once for its lifetime and hands it to its layer children through
 * context. Layers add and remove themselves; nothing else touches the map instance.
 */
export function MapView({ center, zoom = 10, label, className, testId = 'route-map', children }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<LeafletMap | null>(null);
  const initial = useRef({ center, zoom });

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, {
      center: initial.current.center,
      zoom: initial.current.zoom,
      zoomControl: true,
      // Fractional zoom lets a day's stops fill the map instead of a quarter of it.
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      // The data's makers are named (their licences ask for it); no Leaflet advertisement.
      attributionControl: true,
      // Keyboard panning/zooming when the map has focus.
      keyboard: true,
    });
    m.attributionControl.setPrefix(false);
    setMap(m);
    // The container is sized by CSS grid; tell Leaflet when that changes.
    const observer = new ResizeObserver(() => m.invalidateSize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      m.remove();
      setMap(null);
    };
  }, []);

  return (
    <div className={className ?? 'map-view'}>
      <div ref={el} className="map-canvas" role="region" aria-label={label} data-testid={testId} />
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </div>
  );
}
