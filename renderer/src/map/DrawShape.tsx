import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { GeofenceShape } from '@shared/contract';
import { useLeafletMap } from './map-context';

/**
 * Draws one geofence on the map. Polygon: each click adds a corner, a double click (or `finish`)
 * closes it. Circle: the first click is the centre, the second sets the radius. The shape drawn
 * so far is shown as it grows; renders nothing itself.
 */
export function DrawShape({
  kind,
  color,
  onDone,
  finishRef,
}: {
  kind: 'polygon' | 'circle';
  color: string;
  onDone(shape: GeofenceShape): void;
  /** Set to a function that closes the polygon (the form's "Finish" button). */
  finishRef?: { current: (() => void) | null };
}) {
  const map = useLeafletMap();
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    const points: L.LatLng[] = [];
    let centre: L.LatLng | null = null;
    const preview = L.layerGroup().addTo(map);
    const container = map.getContainer();
    container.classList.add('map-drawing');
    map.doubleClickZoom.disable();
    const redraw = (cursor?: L.LatLng) => {
      preview.clearLayers();
      const style = { color, weight: 2, dashArray: '6 4', fillOpacity: 0.1, interactive: false };
      if (kind === 'polygon') {
        const line = cursor ? [...points, cursor] : points;
        if (line.length > 1) L.polygon(line, style).addTo(preview);
        for (const p of points) L.circleMarker(p, { radius: 4, color, interactive: false }).addTo(preview);
      } else if (centre) {
        L.circle(centre, { ...style, radius: cursor ? centre.distanceTo(cursor) : 10 }).addTo(preview);
      }
    };
    const finishPolygon = () => {
      if (points.length >= 3)
        done.current({ kind: 'polygon', points: points.map((p) => [round(p.lat), round(p.lng)]) });
    };
    const click = (e: L.LeafletMouseEvent) => {
      if (kind === 'polygon') {
        points.push(e.latlng);
        redraw();
      } else if (!centre) {
        centre = e.latlng;
        redraw(e.latlng);
      } else {
        done.current({
          kind: 'circle',
          lat: round(centre.lat),
          lon: round(centre.lng),
          radiusM: Math.max(10, Math.round(centre.distanceTo(e.latlng))),
        });
      }
    };
    const move = (e: L.LeafletMouseEvent) => redraw(e.latlng);
    const dbl = () => finishPolygon();
    map.on('click', click);
    map.on('mousemove', move);
    map.on('dblclick', dbl);
    if (finishRef) finishRef.current = finishPolygon;
    return () => {
      map.off('click', click);
      map.off('mousemove', move);
      map.off('dblclick', dbl);
      map.doubleClickZoom.enable();
      container.classList.remove('map-drawing');
      preview.remove();
      if (finishRef) finishRef.current = null;
    };
  }, [map, kind, color, finishRef]);
  return null;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
