import { useEffect, useRef } from 'react';
import { useLeafletMap } from './map-context';
import { VehicleCanvasLayer, type VehicleSource } from './vehicle-canvas-layer';

interface Props {
  source: VehicleSource;
  /** Calls `redraw` whenever the vehicles change; returns how to stop. */
  subscribe(redraw: () => void): () => void;
  selected: string | null;
  onSelect(id: string): void;
  label(id: string): string;
}

/** Every vehicle on one canvas (clustered when zoomed out). Adds itself to the map, renders nothing. */
export function VehiclesLayer({ source, subscribe, selected, onSelect, label }: Props) {
  const map = useLeafletMap();
  const latest = useRef({ onSelect, label });
  useEffect(() => {
    latest.current = { onSelect, label };
  });
  const layer = useRef<VehicleCanvasLayer | null>(null);
  useEffect(() => {
    const l = new VehicleCanvasLayer(
      source,
      (id) => latest.current.onSelect(id),
      (id) => latest.current.label(id),
    );
    l.addTo(map);
    layer.current = l;
    const off = subscribe(() => l.schedule());
    return () => {
      off();
      l.remove();
      layer.current = null;
    };
  }, [map, source, subscribe]);
  useEffect(() => {
    if (!layer.current) return;
    layer.current.selected = selected;
    layer.current.schedule();
  }, [selected]);
  return null;
}
