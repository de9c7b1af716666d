import { createContext, useContext } from 'react';
import type { Map as LeafletMap } from 'leaflet';

/** The one Leaflet map of a MapView; layers find it here and add themselves to it. */
export const MapContext = createContext<LeafletMap | null>(null);

export function useLeafletMap(): LeafletMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('a map layer must be rendered inside <MapView>');
  return map;
}
