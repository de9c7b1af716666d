import { useEffect } from 'react';
import L from 'leaflet';
import { useLeafletMap } from './map-context';

/** The depot where routes start and end: a dark square. Renders nothing itself. */
export function DepotLayer({ lat, lon, title }: { lat: number; lon: number; title: string }) {
  const map = useLeafletMap();
  useEffect(() => {
    const el = document.createElement('span');
    el.className = 'map-depot';
    el.textContent = '◆';
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ html: el, className: 'map-stop-wrap', iconSize: [26, 26], iconAnchor: [13, 13] }),
      title,
      alt: title,
      zIndexOffset: 2000,
    });
    marker.addTo(map);
    marker.getElement()?.setAttribute('aria-label', title);
    return () => void marker.remove();
  }, [map, lat, lon, title]);
  return null;
}
